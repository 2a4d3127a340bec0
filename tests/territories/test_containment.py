import pytest

from programmes.models import Programme, Structure
from territories.models import Territory
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(p.name for p in qs)


def test_programme_serving_a_departement_is_found_for_a_commune_inside_only(territories):
    make_programme("Préincubation Landes", territories=[territories["dep40"]])
    serving = Programme.objects.published().serving
    assert names(serving(territories["herm"])) == ["Préincubation Landes"]
    assert names(serving(territories["lesperon40"])) == ["Préincubation Landes"]
    assert names(serving(territories["lesperon07"])) == []
    assert names(serving(territories["mayenne"])) == []


def test_every_level_of_containment_serves_the_commune(territories):
    t = territories
    for key in ["mayenne", "cc_mayenne", "dep53", "pdl", "FR"]:
        make_programme(f"Sert {key}", territories=[t[key]])
    make_programme("Sert Nantes", territories=[t["nantes"]])
    make_programme("Sert les Landes", territories=[t["dep40"]])
    found = names(Programme.objects.serving(t["mayenne"]))
    assert found == sorted(f"Sert {k}" for k in ["mayenne", "cc_mayenne", "dep53", "pdl", "FR"])
    # Laval is in Mayenne (département) but not in Mayenne Communauté.
    assert "Sert cc_mayenne" not in names(Programme.objects.serving(t["laval"]))


def test_a_grouping_serves_its_member_communes(territories):
    make_programme("Vignoble", territories=[territories["pays_vignoble"]])
    assert names(Programme.objects.serving(territories["nantes"])) == ["Vignoble"]
    assert names(Programme.objects.serving(territories["laval"])) == []


def test_programme_without_territories_inherits_its_operators(territories):
    cae = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Test d'activité", operators=[cae])
    assert names(Programme.objects.serving(territories["laval"])) == ["Test d'activité"]
    assert names(Programme.objects.serving(territories["nantes"])) == []


def test_own_territories_win_over_operators(territories):
    cae = make_structure("Coopérative régionale", territories=[territories["pdl"]])
    make_programme("Local", operators=[cae], territories=[territories["nantes"]])
    assert names(Programme.objects.serving(territories["laval"])) == []
    assert names(Programme.objects.serving(territories["nantes"])) == ["Local"]


def test_serving_is_one_query_without_duplicates(territories, django_assert_num_queries):
    """One query, once the territory's containers are read (once per territory instance,
    then shared by every query of the request: the list, its facets, distance, reach)."""
    t = territories
    make_programme("Partout", territories=[t["dep53"], t["pdl"], t["FR"], t["mayenne"]])
    with django_assert_num_queries(1):
        assert len(t["mayenne"].covering_ids()) == 5  # itself, CC, Mayenne, PdL, France
    with django_assert_num_queries(1):
        found = list(Programme.objects.published().serving(t["mayenne"]).at_stage("idee"))
    assert [p.name for p in found] == ["Partout"]
    with django_assert_num_queries(1):
        list(Structure.objects.published().serving(t["mayenne"]))


def test_unpublished_and_stage_filters(territories):
    make_programme("Brouillon", territories=[territories["FR"]], published=False)
    make_programme("Dev", stages=["developpement"], territories=[territories["FR"]])
    qs = Programme.objects.published().serving(territories["herm"])
    assert names(qs) == ["Dev"]
    assert names(qs.at_stage("idee")) == []
    assert names(qs.at_stage("idee", "developpement")) == ["Dev"]


def test_structures_serving(territories):
    make_structure("Réseau 53", kind="reseau-ess", territories=[territories["dep53"]])
    make_structure("Réseau 44", kind="reseau-ess", territories=[territories["dep44"]])
    assert [s.name for s in Structure.objects.serving(territories["mayenne"])] == ["Réseau 53"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("53147", "53147"),
        ("dep-53", "dep-53"),
        ("DEP-53", "dep-53"),
        ("fr", "FR"),
        ("reg-52", "reg-52"),
    ],
)
def test_keys_are_unambiguous_and_forgiving(territories, typed, expected):
    assert Territory.objects.by_key(typed).key == expected


@pytest.mark.parametrize("typed", ["53", "52", "", "../etc", "x" * 200, "dep-99", "53 147"])
def test_malformed_or_unknown_keys_resolve_to_nothing(territories, typed):
    assert Territory.objects.by_key(typed) is None
