import pytest

from programmes.models import Structure
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

# The list itself, its vocabularies, the territory and one query per facet count (8).
MAX_LIST_QUERIES = 32

CENTRES = {  # commune centres as the national reference gives them
    "mayenne": (48.30737, -0.61474),
    "laval": (48.0707, -0.7713),
    "nantes": (47.2316, -1.5483),
}


@pytest.fixture
def located(territories):
    for name, (lat, lon) in CENTRES.items():
        territories[name].latitude, territories[name].longitude = lat, lon
        territories[name].save()
    t = territories
    nantes = make_structure("Coopérative nantaise", territories=[t["pdl"]], commune=t["nantes"])
    laval = make_structure("Coopérative lavalloise", territories=[t["pdl"]], commune=t["laval"])
    # Own coordinates win over the seat commune's centre.
    pinned = make_structure(
        "Antenne à Mayenne",
        territories=[t["pdl"]],
        commune=t["nantes"],
        latitude=48.30,
        longitude=-0.61,
    )
    unknown = make_structure("Sans adresse", territories=[t["pdl"]])
    return {"nantes": nantes, "laval": laval, "pinned": pinned, "unknown": unknown}


def test_distances_are_great_circle_km(territories, located):
    found = {
        s.name: s.distance_km for s in Structure.objects.with_distance_from(territories["mayenne"])
    }
    assert found["Coopérative lavalloise"] == pytest.approx(28, abs=2)
    assert found["Coopérative nantaise"] == pytest.approx(135, abs=5)
    assert found["Antenne à Mayenne"] == pytest.approx(0.9, abs=0.5)
    assert found["Sans adresse"] is None


def test_structures_list_is_nearest_first_with_a_territory(client, located):
    body = client.get("/structures/?territoire=53147&format=json").json()
    assert [r["name"] for r in body["results"]] == [
        "Antenne à Mayenne",
        "Coopérative lavalloise",
        "Coopérative nantaise",
        "Sans adresse",
    ]
    assert body["results"][1]["distance_km"] == pytest.approx(28, abs=2)
    assert body["results"][3]["distance_km"] is None
    html = client.get("/structures/?territoire=53147").content.decode()
    assert "(à 28 km)" in html or "(à 27 km)" in html or "(à 29 km)" in html
    by_name = client.get("/structures/?territoire=53147&tri=nom&format=json").json()
    assert by_name["results"][0]["name"] == "Antenne à Mayenne"
    assert [r["name"] for r in by_name["results"]][1:3] == [
        "Coopérative lavalloise",
        "Coopérative nantaise",
    ]


def test_programmes_take_their_nearest_operator(client, territories, located):
    make_programme("Loin", operators=[located["nantes"]])
    make_programme("Près", operators=[located["nantes"], located["laval"]])
    make_programme("Sans lieu", operators=[located["unknown"]])
    body = client.get("/programmes/?territoire=53147&tri=distance&format=json").json()
    assert [r["name"] for r in body["results"]] == ["Près", "Loin", "Sans lieu"]
    assert body["results"][0]["distance_km"] == pytest.approx(28, abs=2)
    # Equal reach (the whole région for all three): relevance falls back to the nearest.
    default = client.get("/programmes/?territoire=53147&format=json").json()
    assert [r["name"] for r in default["results"]] == ["Près", "Loin", "Sans lieu"]
    by_name = client.get("/programmes/?territoire=53147&tri=nom&format=json").json()
    assert [r["name"] for r in by_name["results"]] == ["Loin", "Près", "Sans lieu"]


def test_territory_without_centre_gives_no_distance(client, territories, located):
    body = client.get("/structures/?territoire=dep-53&format=json").json()
    assert {r["distance_km"] for r in body["results"]} == {None}


def test_distance_adds_no_query_per_row(
    client, territories, located, django_assert_max_num_queries, settings
):
    # The page's own queries, not the search budget's cache reads (as in test_programme_list).
    settings.ESSMAP_SEARCH_RATE = ""
    for i in range(30):
        make_programme(f"P{i}", operators=[located["laval"], located["nantes"]])
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as few:
        client.get("/programmes/?territoire=53147&tri=distance&par_page=5")
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as many:
        client.get("/programmes/?territoire=53147&tri=distance&par_page=40")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_relevance_puts_the_most_local_support_first(client, territories, located):
    t = territories
    make_programme("National", territories=[t["FR"]])
    make_programme("Régional", territories=[t["pdl"]])
    make_programme("Départemental", territories=[t["dep53"]])
    make_programme("Intercommunal", territories=[t["cc_mayenne"]])
    make_programme("Ailleurs", territories=[t["dep40"]])
    body = client.get("/programmes/?territoire=53147&format=json").json()
    assert [(r["name"], r["reach"]) for r in body["results"]] == [
        ("Intercommunal", "local"),
        ("Départemental", "departemental"),
        ("Régional", "regional"),
        ("National", "national"),
    ]
    html = client.get("/programmes/?territoire=53147").content.decode()
    assert "Portée" in html
    assert "départementale" in html
    # Keywords found in a name come before a mere description match.
    make_programme("Ateliers nationaux", territories=[t["FR"]])
    make_programme("Autre", territories=[t["dep53"]], description="des ateliers nationaux")
    body = client.get("/programmes/?territoire=53147&q=ateliers+nationaux&format=json").json()
    # Fewer than three contain both words: they come first, the place's others follow.
    assert [r["name"] for r in body["results"]][:2] == ["Ateliers nationaux", "Autre"]
    assert body["text_match"] == "closest"
    assert body["count"] == 6


def test_recently_verified_order(client, territories, located):
    import datetime

    make_programme("Ancien", territories=[territories["FR"]], verified_on=datetime.date(2018, 1, 1))
    make_programme("Récent", territories=[territories["FR"]], verified_on=datetime.date(2022, 5, 1))
    make_programme("Jamais", territories=[territories["FR"]])
    body = client.get("/programmes/?tri=verifie&format=json").json()
    assert [r["name"] for r in body["results"]] == ["Récent", "Ancien", "Jamais"]
