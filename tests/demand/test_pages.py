"""The page /demandes/, its CSV, and the « Demandes sans réponse » layer of /carte/."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from demand.models import Outcome, RecentSearch, SearchCount

pytestmark = pytest.mark.django_db

TODAY = None


def add(area="dep-53", stage="idee", outcome=Outcome.ZERO, searches=1, days_ago=0):
    SearchCount.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago),
        area=area,
        stage=stage,
        outcome=outcome,
        searches=searches,
    )


def typed(keywords, clients, days_ago=0):
    """``clients`` searches of ``keywords`` by as many clients (a client a day)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    for number in range(clients):
        RecentSearch.objects.create(
            day=day, hour=10, client=f"{day}-{number}", area="dep-53", keywords=keywords
        )


@pytest.fixture
def demand(territories):
    add(searches=3, days_ago=2)
    typed("epicerie", 3, days_ago=2)
    add(searches=2, days_ago=1)
    typed("garage solidaire", 2, days_ago=1)
    add(outcome=Outcome.FEW, searches=4, days_ago=1)
    add(outcome=Outcome.SOME, searches=10)
    add(area="dep-44", stage="creation", outcome=Outcome.ZERO, searches=1)
    add(area="reg-52", stage="", outcome=Outcome.SOME, searches=2)
    add(area="", stage="", outcome=Outcome.ZERO, searches=1)
    typed("epicerie", 1)


def text(response):
    return response.content.decode()


def test_the_page_gives_the_period_the_table_and_the_rules(client, demand):
    page = text(client.get("/demandes/"))
    assert "<h1>Demandes sans réponse</h1>" in page
    first = timezone.localdate() - timedelta(days=2)
    assert f"{first.day}" in page
    assert "Période couverte" in page
    assert '<th scope="row">Mayenne (53)</th><td>idée</td><td class="num">19</td>' in (page)
    assert '<td class="num">5</td><td class="num">4</td>' in page  # 0 result, few
    assert "Pays de la Loire (région)" in page
    assert "Sans territoire" in page
    assert "ni adresse IP, ni navigateur" in page
    assert "effacés après 30 jours" in page


def test_the_table_lists_departements_first_then_regions_then_the_rest(client, demand):
    page = text(client.get("/demandes/"))
    positions = [page.index(name) for name in ("Loire-Atlantique (44)", "Mayenne (53)")]
    assert positions == sorted(positions)
    assert page.index("Mayenne (53)") < page.index("(région)") < page.index("Sans territoire")


def test_only_keywords_of_three_clients_on_two_days_are_shown(client, demand):
    page = text(client.get("/demandes/"))
    assert "« epicerie » : 4 recherches" in page
    assert "garage solidaire" not in page


def test_keywords_older_than_30_days_are_neither_shown_nor_kept(client, territories):
    add(searches=5, days_ago=31)
    typed("epicerie", 3, days_ago=31)
    typed("epicerie", 3, days_ago=32)
    page = text(client.get("/demandes/"))
    assert "epicerie" not in page
    assert not RecentSearch.objects.exists()
    assert SearchCount.objects.get().searches == 5  # the count stays


def test_an_empty_page(client, db):
    page = text(client.get("/demandes/"))
    assert "Aucune recherche n’a encore été comptée." in page


def test_csv(client, demand):
    response = client.get("/demandes/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == [
        "jour",
        "code",
        "territoire",
        "etape",
        "recherches",
        "zero_resultat",
        "peu_de_resultats",
    ]
    today = timezone.localdate().isoformat()
    mayenne = next(r for r in rows if r["jour"] == today and r["code"] == "dep-53")
    assert mayenne == {
        "jour": today,
        "code": "dep-53",
        "territoire": "Mayenne (53)",
        "etape": "idee",
        "recherches": "10",
        "zero_resultat": "0",
        "peu_de_resultats": "0",
    }
    assert sum(int(r["recherches"]) for r in rows) == 23
    assert "epicerie" not in response.content.decode()


def test_unknown_format(client, db):
    assert client.get("/demandes/?format=json").status_code == 400


def test_the_map_layer_colours_departements_by_zero_result_searches(client, demand):
    page = text(client.get("/carte/?couche=demandes"))
    assert "Carte des demandes sans réponse" in page
    assert 'class="dep demande-2"><title>Mayenne : 5 recherches sans résultat local sur 19' in page
    assert 'class="dep demande-1"><title>Loire-Atlantique : 1 recherche sans résultat local' in page
    assert 'class="dep demande-0"><title>Landes : aucune recherche comptée' in page
    # The same numbers in the table.
    assert (
        '<th scope="row">Mayenne (53)</th><td class="num">19</td><td class="num">5</td>'
        '<td class="num">4</td>'
    ) in page
    assert "3 autres recherches ne sont pas sur la carte" in page


def test_the_map_layer_at_one_stage(client, demand):
    page = text(client.get("/carte/?couche=demandes&etape=creation"))
    assert "Landes : aucune recherche comptée" in page
    assert "Mayenne : aucune recherche comptée" in page
    assert "Loire-Atlantique : 1 recherche sans résultat local sur 1 recherche" in page
    assert 'href="?couche=demandes&amp;etape=creation" aria-current="page"' in page


def test_the_coverage_map_links_to_the_layer_and_is_unchanged_without_it(client, territories):
    page = text(client.get("/carte/?etape=creation"))
    assert "Carte des accompagnements par département" in page
    assert 'href="?couche=demandes&amp;etape=creation">Demandes sans réponse</a>' in page
    assert client.get("/carte/?format=json").json()["etape"] == "idee"


def test_the_layer_is_two_queries(client, demand, django_assert_num_queries):
    # The content version (page cache off in tests: none), the counts, the period.
    with django_assert_num_queries(2):
        client.get("/carte/?couche=demandes")
