"""The URL parameters are named once (orientation.parameters): the filter sets, the API
document and the foundation's text copy (canonical addresses) all follow it."""

import pytest

from essmap.templatetags import sharing
from opendata.openapi import COMMON_FILTERS, PROGRAMME_FILTERS
from orientation import parameters
from orientation.filters import ProgrammeFilterSet, StructureFilterSet
from orientation.parameters import Param


def test_each_list_filters_on_the_parameters_declared_for_it():
    assert set(ProgrammeFilterSet.base_filters) == set(parameters.PROGRAMME_FILTERS)
    assert set(StructureFilterSet.base_filters) == set(parameters.STRUCTURE_FILTERS)


@pytest.mark.django_db
def test_the_form_shows_where_when_and_what_first():
    form = ProgrammeFilterSet(queryset=None).form
    assert [field.name for field in form][:3] == list(parameters.MAIN_FILTERS)
    assert form.fields[Param.TERRITORY].label == parameters.LABELS[Param.TERRITORY]


def test_the_api_document_names_the_programme_list_parameters():
    documented = {p["name"] for p in COMMON_FILTERS + PROGRAMME_FILTERS}
    assert documented == set(parameters.PROGRAMME_FILTERS) | {Param.PAGE, Param.PAGE_SIZE}


def test_the_canonical_address_keeps_every_filter_but_the_order():
    """The foundation spells the names as text (it imports no app): the same names."""
    choosing = set(parameters.PROGRAMME_FILTERS) - {Param.ORDER}
    assert set(sharing.PROGRAMME_FILTERS) == choosing
    assert set(sharing.STRUCTURE_FILTERS) == set(parameters.STRUCTURE_FILTERS) - {Param.ORDER}


def test_a_parameter_is_its_name_in_an_address():
    assert Param.WORDS == "q"
    assert f"{Param.TERRITORY}" == "territoire"
    assert {"etape": 1}[Param.STAGE] == 1
