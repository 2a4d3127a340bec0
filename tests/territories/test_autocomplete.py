import pytest

from programmes.models import Programme
from territories.models import FormerCode, TerritoryKind
from tests.conftest import make_programme, make_territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendee(territories):
    t = territories
    pdl = t["pdl"]
    dep85 = make_territory(TerritoryKind.DEPARTEMENT, "85", "Vendée", [pdl], 690000)
    t["dep85"] = dep85
    t["pouzauges_cc"] = make_territory(
        TerritoryKind.EPCI, "248500464", "CC du Pays de Pouzauges", [dep85, pdl], 22000
    )
    t["sjdm"] = make_territory(
        TerritoryKind.COMMUNE, "85234", "Saint-Jean-de-Monts", [dep85, pdl], 8900
    )
    t["pouzauges"] = make_territory(
        TerritoryKind.COMMUNE, "85182", "Pouzauges", [t["pouzauges_cc"], dep85, pdl], 5500
    )
    t["mayenne"].postcodes = "53100"
    t["mayenne"].save()
    t["laval"].postcodes = "53000"
    t["laval"].save()
    return t


def suggest(client, q):
    response = client.get("/territoires/autocomplete/", {"q": q})
    assert response.status_code == 200
    return [r["label"] for r in response.json()["results"]]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("st jean de monts", "Saint-Jean-de-Monts (85) — commune"),
        ("Saint-Jean-de-Monts", "Saint-Jean-de-Monts (85) — commune"),
        ("ST JEAN", "Saint-Jean-de-Monts (85) — commune"),
        ("53100", "Mayenne (53) — commune"),
        ("53147", "Mayenne (53) — commune"),
        ("lesperon", "Lesperon (40) — commune"),
        ("lespéron", "Lesperon (40) — commune"),
        ("pouzauges", "Pouzauges (85) — commune"),
        ("248500464", "CC du Pays de Pouzauges (85) — EPCI"),
        ("85", "Vendée (85) — département"),
        ("vendee", "Vendée (85) — département"),
        ("pays de la", "Pays de la Loire — région"),
    ],
)
def test_autocomplete_finds_what_people_type(client, vendee, typed, first):
    assert suggest(client, typed)[0] == first


def test_homonyms_are_told_apart_and_larger_comes_first(client, vendee):
    assert suggest(client, "lesperon") == ["Lesperon (40) — commune", "Lespéron (07) — commune"]
    # Mayenne the département (larger) before Mayenne the commune, then the EPCI's word match.
    assert suggest(client, "mayenne")[:2] == [
        "Mayenne (53) — département",
        "Mayenne (53) — commune",
    ]
    assert "CC du Pays de Pouzauges (85) — EPCI" in suggest(client, "pouzau")


def test_autocomplete_contract_and_codes_are_usable_as_filters(client, vendee):
    body = client.get("/territoires/autocomplete/", {"q": "pouzauges"}).json()
    epci = next(r for r in body["results"] if r["kind"] == "epci")
    assert epci == {
        "code": "248500464",
        "name": "CC du Pays de Pouzauges",
        "kind": "epci",
        "departement": "85",
        "label": "CC du Pays de Pouzauges (85) — EPCI",
    }
    make_programme("En Vendée", territories=[vendee["dep85"]])
    listed = client.get(f"/programmes/?territoire={epci['code']}&format=json").json()
    assert [r["name"] for r in listed["results"]] == ["En Vendée"]


@pytest.mark.parametrize("typed", ["", "a", " ", "%", "zzzzzz", "x" * 500, "\x00"])
def test_short_or_odd_queries_return_an_empty_list(client, vendee, typed):
    assert suggest(client, typed) == []


def test_autocomplete_is_one_bounded_query(client, vendee, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/territoires/autocomplete/", {"q": "may"})


def test_former_code_still_resolves(client, territories):
    FormerCode.objects.create(code="53999", name="Ancienne commune", territory=territories["laval"])
    make_programme("Mayenne 53", territories=[territories["dep53"]])
    response = client.get("/programmes/?territoire=53999&format=json", follow=True)
    assert response.redirect_chain == [("/programmes/?territoire=53130&format=json", 302)]
    assert response.json()["count"] == 1
    response = client.get("/territoires/53999/")
    assert response.status_code == 301
    assert response["Location"] == "/territoires/53130/"
    assert Programme.objects.serving(territories["laval"]).count() == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Lesperon (40) — commune", ["Landes"]),
        ("lesperon (07)", []),
        ("Lespéron (07) — commune", []),
        ("saint-jean-de-monts", ["Vendée"]),
    ],
)
def test_labels_and_names_typed_without_javascript_resolve(client, vendee, typed, expected):
    make_programme("Landes", territories=[vendee["dep40"]])
    make_programme("Vendée", territories=[vendee["dep85"]])
    body = client.get("/programmes/", {"territoire": typed, "format": "json"}, follow=True).json()
    assert "errors" not in body
    assert [r["name"] for r in body["results"]] == expected


def test_ambiguous_or_misspelt_names_offer_choices(client, vendee):
    html = client.get("/programmes/", {"territoire": "lesperon", "etape": "idee"}).content.decode()
    assert "Plusieurs territoires correspondent" in html
    assert "Choisissez votre territoire" in html
    assert 'href="?territoire=40152&amp;etape=idee"' in html
    assert 'href="?territoire=07142&amp;etape=idee"' in html
    html = client.get("/programmes/", {"territoire": "pouzauge"}).content.decode()
    assert "Aucun territoire ne correspond" in html
    assert "Pouzauges (85) — commune" in html
