"""The fast export path (plain values) gives exactly what the per-entry representation
gives, row for row, in the same order."""

import pytest
from django.test import RequestFactory

from programmes import exports
from programmes.models import Programme, StructureRole
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def test_programme_rows_equal_programme_as_dict(territories):
    coodem = make_structure("Coodem", territories=[territories["dep53"]])
    draft = make_structure("Brouillon", published=False)
    funder = make_structure("Région", kind="collectivite")
    make_programme(
        "Test d’activité",
        stages=("creation", "developpement"),
        operators=[coodem, draft],
        publics=["jeunes", "personnes-exilees"],
        sectors=["batiment"],
        formats=["collectif", "individuel"],
        is_free=False,
        cost_details="10 % du chiffre d’affaires",
        how_to_apply="Réunion d’information mensuelle.",
        start_year=2015,
    )
    other = make_programme("Atelier", territories=[territories["laval"], territories["dep44"]])
    other.structure_links.create(structure=funder, role=StructureRole.FUNDER)
    make_programme("Sans rien")
    request = RequestFactory().get("/programmes/?format=csv")
    for queryset in (
        Programme.objects.for_listing().order_by("name"),
        Programme.objects.orientation_sheet(territories["laval"]),
    ):
        expected = [exports.programme_as_dict(p, request) for p in queryset]
        assert len(expected) >= 2
        assert list(exports.programme_rows(queryset, request)) == expected
