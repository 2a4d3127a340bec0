"""The real national reference and the shipped content, loaded once for the module from
fixtures/ (about 15 s, ``shipped_data`` in conftest): CI runs it.

The load happens outside any test transaction (rolling back 180,000 rows inside the usual
test transaction makes PostgreSQL check every deferred foreign key at teardown, minutes);
each test rolls back only its own changes, and the database is put back afterwards.
"""

import pytest
from django.core.management import call_command

from programmes.models import Programme, Structure
from territories.models import FormerCode, Territory, TerritoryKind
from territories.search import autocomplete
from tests.conftest import make_programme

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.national,
    pytest.mark.usefixtures("shipped_data"),
]

K = TerritoryKind


@pytest.fixture
def current():
    return Territory.objects.filter(is_current=True)


def test_every_current_territory_kind_is_loaded(current):
    assert current.filter(kind=K.COMMUNE).count() >= 34_800 + 45
    assert current.filter(kind=K.EPCI).count() >= 1_200
    assert current.filter(kind=K.DEPARTEMENT).count() == 101
    assert current.filter(kind=K.REGION).count() == 18


def test_a_commune_is_inside_its_departement_region_epci_and_france():
    lesperon = Territory.objects.get(key="40152")
    assert lesperon.name == "Lesperon"
    containers = {t.key: t for t in lesperon.containers.all()}
    assert {"dep-40", "reg-75", "FR"} <= set(containers)
    assert any(t.kind == K.EPCI for t in containers.values())


def test_a_commune_has_its_postcodes_and_centre_point():
    mayenne = Territory.objects.get(key="53147")
    assert {"dep-53", "reg-52"} <= {t.key for t in mayenne.containers.all()}
    assert "53100" in mayenne.postcodes.split()
    assert mayenne.latitude == pytest.approx(48.30, abs=0.05)
    assert mayenne.longitude == pytest.approx(-0.61, abs=0.05)


def test_paris_arrondissements_are_communes_inside_paris():
    assert "75056" in {t.key for t in Territory.objects.get(key="75118").containers.all()}


def test_nearly_every_commune_has_a_centre_point_and_rurality(current):
    # Every current commune has a centre point except the few documented in docs/data-model.md.
    assert current.filter(kind=K.COMMUNE, latitude__isnull=True).count() < 20
    assert current.filter(kind=K.COMMUNE, rural=True).count() > 25_000


def test_an_old_code_of_a_merged_commune_leads_to_the_commune_nouvelle():
    former = FormerCode.objects.select_related("territory").first()
    assert Territory.objects.by_key(former.code) == former.territory


def test_a_programme_serving_the_landes_is_found_for_herm_not_for_lesperon_ardeche():
    make_programme("Accompagnement landais", territories=[Territory.objects.get(key="dep-40")])
    serving = Programme.objects.published().serving
    assert serving(Territory.objects.get(key="40123")).filter(name__contains="landais").exists()
    assert not serving(Territory.objects.get(key="07142")).filter(name__contains="landais").exists()


def test_autocomplete_on_the_full_data():
    assert autocomplete("st jean de monts")[0].key == "85234"
    assert autocomplete("53100")[0].key == "53147"
    labels = [t.label for t in autocomplete("lesperon")]
    assert labels[:2] == ["Lesperon (40) — commune", "Lespéron (07) — commune"]


def test_autocomplete_query_count_on_the_full_data(client, django_assert_max_num_queries):
    # The territories, their groupings' départements, and the value in ``territoire`` of the
    # communes whose INSEE code may be a postal code (territories.places.attach_query_keys).
    with django_assert_max_num_queries(3):
        client.get("/territoires/autocomplete/", {"q": "saint"})


def test_an_idea_in_mayenne_finds_may_idees_run_by_apess_53(client):
    body = client.get("/programmes/?territoire=53147&etape=idee&format=json").json()
    found = {r["slug"]: r for r in body["results"]}
    operators = [s["name"] for s in found["may-idees"]["structures"] if s["role"] == "operateur"]
    assert operators == ["APESS 53"]
    assert {"incubation-bge-anjou-maine", "test-activite-coodem"} <= set(
        Programme.objects.get(slug="may-idees").next_steps.values_list("slug", flat=True)
    )


def test_the_seed_documents_content_is_in_and_sourced():
    assert Structure.objects.published().count() >= 130
    assert Programme.objects.published().count() >= 75
    assert not Structure.objects.filter(citations__isnull=True).exists()
    assert (
        not Programme.objects.filter(citations__isnull=True, slug__contains="-")
        .exclude(name="Accompagnement landais")
        .exists()
    )


def test_loading_again_changes_nothing():
    before = Territory.objects.count(), Territory.containers.through.objects.count()
    call_command("load_shipped_data", "--update")
    assert (Territory.objects.count(), Territory.containers.through.objects.count()) == before
