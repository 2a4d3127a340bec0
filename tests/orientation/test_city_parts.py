"""A search on a city with arrondissements says which of them have more (issue 24, item 2)."""

import pytest

from territories.models import TerritoryKind
from tests.conftest import make_programme, make_territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(territories):
    dep75 = make_territory(TerritoryKind.DEPARTEMENT, "75", "Paris", [], 2100000)
    city = make_territory(TerritoryKind.COMMUNE, "75056", "Paris", [dep75], 2103778)
    parts = {
        code: make_territory(TerritoryKind.COMMUNE, code, name, [city, dep75], 180000)
        for code, name in [
            ("75118", "Paris 18e Arrondissement"),
            ("75119", "Paris 19e Arrondissement"),
        ]
    }
    make_programme("Pour tout Paris", territories=[city])
    make_programme("Migrants du 18e", territories=[parts["75118"]])
    return city, parts


def test_the_whole_city_links_to_the_arrondissements_that_have_more(client, paris):
    page = client.get("/programmes/", {"territoire": "75056"}).content.decode()
    assert "Pour tout Paris" in page
    assert "Migrants du 18e" not in page
    assert "Certains arrondissements ont davantage de dispositifs" in page
    assert '<a href="?territoire=75118">Paris 18e Arrondissement</a> (2 dispositifs)' in page
    assert "Paris 19e" not in page  # nothing of its own


def test_an_arrondissement_or_a_city_without_parts_says_nothing_of_them(client, paris):
    page = client.get("/programmes/", {"territoire": "75118"}).content.decode()
    assert "Migrants du 18e" in page
    assert "Pour tout Paris" in page
    assert "Certains arrondissements" not in page
    page = client.get("/programmes/", {"territoire": "53147"}).content.decode()
    assert "Certains arrondissements" not in page
