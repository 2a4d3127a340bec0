import pytest

from programmes.models import Programme
from territories.forms import resolve
from territories.models import FormerCode, Territory, TerritoryKind
from territories.search import autocomplete
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
    # The territories, their groupings' départements, and whether a commune's INSEE code is
    # read as a postal code (its value in ``territoire``).
    with django_assert_max_num_queries(3):
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


def test_a_suggested_code_names_its_commune_even_when_it_is_a_postal_code(client, vendee):
    # 53100 is Fougerolles-du-Plessis' INSEE code and Mayenne's postal code (issue 24, item 4):
    # the suggestion's value for Fougerolles names it, not Mayenne.
    t = vendee
    make_territory(TerritoryKind.COMMUNE, "53100", "Fougerolles-du-Plessis", [t["dep53"]], 1215)
    make_programme("À Fougerolles-du-Plessis", territories=[Territory.objects.get(key="53100")])
    make_programme("À Mayenne", territories=[t["mayenne"]])
    results = client.get("/territoires/autocomplete/", {"q": "53100"}).json()["results"]
    codes = {r["name"]: r["code"] for r in results}
    assert codes == {"Mayenne": "53147", "Fougerolles-du-Plessis": "com-53100"}
    for name, code in codes.items():
        response = client.get("/programmes/", {"territoire": code, "format": "json"})
        assert response.status_code == 200  # no redirect: the value is the territory's own
        assert [r["name"] for r in response.json()["results"]] == [f"À {name}"]


@pytest.fixture
def paris(territories):
    dep75 = make_territory(TerritoryKind.DEPARTEMENT, "75", "Paris", [], 2100000)
    city = make_territory(TerritoryKind.COMMUNE, "75056", "Paris", [dep75], 2103778)
    city.postcodes = "75001 75016 75018 75116"
    city.save()
    parts = {}
    for code, name, postcodes, population in [
        ("75101", "Paris 1er Arrondissement", "75001", 15917),
        ("75116", "Paris 16e Arrondissement", "75016 75116", 159386),
        ("75118", "Paris 18e Arrondissement", "75018", 183127),
    ]:
        parts[code] = make_territory(TerritoryKind.COMMUNE, code, name, [city, dep75], population)
        parts[code].postcodes = postcodes
        parts[code].save()
    return city, parts


@pytest.mark.parametrize(
    ("typed", "key"),
    [("75018", "75118"), ("75 018", "75118"), ("75016", "75116"), ("75116", "75116")],
)
def test_an_arrondissement_postal_code_gives_the_arrondissement(paris, typed, key):
    # Issue 24, item 2: 75018 is the 18e, not the whole city (where the 18e's supports drown).
    assert [t.key for t in resolve(typed)] == [key]
    assert autocomplete(typed)[0].key == key


def test_the_city_stays_reachable_by_its_name_and_code(client, paris):
    assert [t.key for t in resolve("75056")] == ["75056"]
    assert [t.key for t in resolve("Paris (75) — commune")] == ["75056"]
    results = client.get("/territoires/autocomplete/", {"q": "75018"}).json()["results"]
    assert [r["code"] for r in results] == ["75118", "75056"]
