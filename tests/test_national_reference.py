"""The real national reference, loaded once from fixtures/ (about 10 s): CI runs it.

A transactional test: rolling back 180,000 rows inside the usual test transaction makes
PostgreSQL check every deferred foreign key at teardown (minutes); truncating is instant.
``serialized_rollback`` puts back what the migrations created (vocabularies, France).
"""

import pytest
from django.core.management import call_command

from programmes.models import Programme, Structure
from territories.models import FormerCode, Territory, TerritoryKind
from territories.search import autocomplete
from tests.conftest import ensure_migration_rows, make_programme

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.national,
]


def test_national_reference_and_shipped_content(client, django_assert_max_num_queries):
    ensure_migration_rows()  # earlier transactional tests truncate them
    call_command("load_shipped_data")
    current = Territory.objects.filter(is_current=True)
    K = TerritoryKind
    assert current.filter(kind=K.COMMUNE).count() >= 34_800 + 45
    assert current.filter(kind=K.EPCI).count() >= 1_200
    assert current.filter(kind=K.DEPARTEMENT).count() == 101
    assert current.filter(kind=K.REGION).count() == 18

    lesperon = Territory.objects.get(key="40152")
    assert lesperon.name == "Lesperon"
    containers = {t.key: t for t in lesperon.containers.all()}
    assert {"dep-40", "reg-75", "FR"} <= set(containers)
    assert any(t.kind == K.EPCI for t in containers.values())

    mayenne = Territory.objects.get(key="53147")
    assert {"dep-53", "reg-52"} <= {t.key for t in mayenne.containers.all()}
    assert "53100" in mayenne.postcodes.split()
    assert mayenne.latitude == pytest.approx(48.30, abs=0.05)
    assert mayenne.longitude == pytest.approx(-0.61, abs=0.05)

    # Paris arrondissements are communes inside Paris.
    assert "75056" in {t.key for t in Territory.objects.get(key="75118").containers.all()}

    # Every current commune has a centre point except the few documented in the README.
    assert current.filter(kind=K.COMMUNE, latitude__isnull=True).count() < 20
    assert current.filter(kind=K.COMMUNE, rural=True).count() > 25_000

    # An old code of a merged commune leads to the commune nouvelle.
    former = FormerCode.objects.select_related("territory").first()
    assert Territory.objects.by_key(former.code) == former.territory

    # A programme serving the Landes is found for Herm, not for Lespéron (Ardèche).
    make_programme("Accompagnement landais", territories=[Territory.objects.get(key="dep-40")])
    serving = Programme.objects.published().serving
    assert serving(Territory.objects.get(key="40123")).filter(name__contains="landais").exists()
    assert not serving(Territory.objects.get(key="07142")).filter(name__contains="landais").exists()

    # Autocomplete on the full data.
    assert autocomplete("st jean de monts")[0].key == "85234"
    assert autocomplete("53100")[0].key == "53147"
    labels = [t.label for t in autocomplete("lesperon")]
    assert labels[:2] == ["Lesperon (40) — commune", "Lespéron (07) — commune"]
    with django_assert_max_num_queries(2):
        client.get("/territoires/autocomplete/", {"q": "saint"})

    # The shipped content answers a real question: an idea in Mayenne → May'Idées (APESS 53).
    body = client.get("/programmes/?territoire=53147&etape=idee&format=json").json()
    found = {r["slug"]: r for r in body["results"]}
    operators = [s["name"] for s in found["may-idees"]["structures"] if s["role"] == "operateur"]
    assert operators == ["APESS 53"]
    assert {"incubation-bge-anjou-maine", "test-activite-coodem"} <= set(
        Programme.objects.get(slug="may-idees").next_steps.values_list("slug", flat=True)
    )
    # The seed documents' content is in: structures, programmes, people, all sourced.
    assert Structure.objects.published().count() >= 130
    assert Programme.objects.published().count() >= 75
    assert not Structure.objects.filter(citations__isnull=True).exists()
    assert (
        not Programme.objects.filter(citations__isnull=True, slug__contains="-")
        .exclude(name="Accompagnement landais")
        .exists()
    )

    # Loading again changes nothing.
    before = Territory.objects.count(), Territory.containers.through.objects.count()
    call_command("load_shipped_data", "--update")
    assert (Territory.objects.count(), Territory.containers.through.objects.count()) == before
