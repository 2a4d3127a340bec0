"""Facet counts, read in two queries, equal those of re-running the search without each facet
(the previous way, kept here as the reference) on every combination tried."""

import itertools

import pytest
from django.db.models import Count, Q
from django.http import QueryDict

from orientation.facets import FACETS, facet_counts
from orientation.filters import ProgrammeFilterSet
from programmes.models import (
    STAGE_FIELDS,
    Programme,
    ProgrammeStatus,
    ProgrammeStructure,
    StructureRole,
)
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def _grouped(qs, field):
    return dict(qs.values_list(field).annotate(n=Count("pk", distinct=True)).order_by())


REFERENCE = {
    "etape": lambda qs: qs.aggregate(
        **{stage: Count("pk", filter=Q(**{field: True})) for stage, field in STAGE_FIELDS.items()}
    ),
    "type": lambda qs: _grouped(qs, "kind__value"),
    "public": lambda qs: _grouped(qs, "publics__value"),
    "secteur": lambda qs: _grouped(qs, "sectors__value"),
    "modalite": lambda qs: _grouped(qs, "formats__value"),
    "type_structure": lambda qs: dict(
        ProgrammeStructure.objects.filter(programme__in=qs, role=StructureRole.OPERATOR)
        .values_list("structure__kind__value")
        .annotate(n=Count("programme", distinct=True))
    ),
    "gratuit": lambda qs: qs.aggregate(
        oui=Count("pk", filter=Q(is_free=True)), non=Count("pk", filter=Q(is_free=False))
    ),
    "statut": lambda qs: _grouped(qs, "status"),
}


def reference_counts(filterset):
    """One query per facet, re-running every other filter (what facets.py did before)."""
    counts = {}
    for facet, count in REFERENCE.items():
        data = filterset.data.copy()
        data.pop(facet, None)
        if facet == "statut":
            data.setlist("statut", ProgrammeStatus.values)
        others = filterset.derived(data)
        matching = Programme.objects.filter(pk__in=others.qs.order_by().values("pk"))
        counts[facet] = {k: n for k, n in count(matching).items() if k is not None and n}
    return counts


@pytest.fixture
def catalogue(territories):
    t = territories
    cae = make_structure("Coodem", kind="cae", territories=[t["dep53"]], commune=t["laval"])
    incub = make_structure("Incubateur", kind="incubateur", territories=[t["dep40"]])
    make_programme(
        "Idée gratuite",
        ["idee"],
        [t["dep53"]],
        [cae],
        publics=["jeunes"],
        formats=["collectif"],
        is_free=True,
    )
    make_programme(
        "Création payante",
        ["creation", "developpement"],
        [],
        [cae],
        publics=["demandeurs-emploi", "jeunes"],
        sectors=["batiment"],
        is_free=False,
    )
    make_programme("Terminé", ["idee"], [t["FR"]], [incub], status="termine", end_year=2020)
    make_programme("National", ["developpement"], [t["FR"]], [incub, cae], sectors=["batiment"])
    make_programme("Landes", ["idee", "creation"], [t["dep40"]], [incub], publics=["jeunes"])


QUERIES = [
    "",
    "territoire=53147",
    "territoire=53147&etape=idee",
    "etape=idee&etape=creation&public=jeunes",
    "gratuit=oui&modalite=collectif",
    "type_structure=incubateur&secteur=batiment",
    "statut=termine",
    "termines=oui&etape=idee",
    "territoire=dep-40&partiel=oui&public=jeunes&gratuit=non",
    "q=creation&etape=developpement",
]


@pytest.mark.parametrize("query", QUERIES)
def test_facet_counts_equal_the_reference(catalogue, query):
    filterset = ProgrammeFilterSet(QueryDict(query), queryset=Programme.objects.published())
    assert filterset.is_valid(), filterset.errors
    found = {f: {k: n for k, n in c.items() if n} for f, c in facet_counts(filterset).items()}
    assert found == reference_counts(filterset)


def test_facets_are_one_query_whatever_the_number_of_results(
    catalogue, django_assert_num_queries
):
    for query in ("territoire=53147&etape=idee", ""):
        filterset = ProgrammeFilterSet(QueryDict(query), queryset=Programme.objects.published())
        assert filterset.is_valid()
        filterset.form.cleaned_data["territoire"] and filterset.form.cleaned_data[
            "territoire"
        ].covering_ids()
        with django_assert_num_queries(1):
            counts = facet_counts(filterset)
        assert set(counts) == set(FACETS)


def test_every_combination_of_two_facets_agrees(catalogue):
    values = {
        "etape": "creation",
        "public": "jeunes",
        "gratuit": "oui",
        "statut": "actif",
        "secteur": "batiment",
        "type_structure": "cae",
    }
    for (a, va), (b, vb) in itertools.combinations(values.items(), 2):
        query = QueryDict(f"territoire=53147&{a}={va}&{b}={vb}")
        filterset = ProgrammeFilterSet(query, queryset=Programme.objects.published())
        assert filterset.is_valid(), (a, b)
        found = {f: {k: n for k, n in c.items() if n} for f, c in facet_counts(filterset).items()}
        assert found == reference_counts(filterset), (a, b)
