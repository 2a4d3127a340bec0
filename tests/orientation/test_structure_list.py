import pytest

from tests.conftest import make_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def structures(territories):
    t = territories
    return [
        make_structure("Coodem", kind="cae", territories=[t["dep53"]], commune=t["mayenne"]),
        make_structure(
            "Ouvre-Boîtes 44",
            kind="cae",
            territories=[t["dep44"]],
            aliases="OB44",
            commune=t["nantes"],
        ),
        make_structure("APESS 53", kind="reseau-ess", territories=[t["dep53"]]),
        make_structure("Brouillon", kind="cae", territories=[t["FR"]], published=False),
    ]


def names(client, query):
    response = client.get(f"/structures/?{query}&format=json")
    assert response.status_code == 200
    return [r["name"] for r in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["APESS 53", "Coodem", "Ouvre-Boîtes 44"]),
        ("type=cae", ["Coodem", "Ouvre-Boîtes 44"]),
        ("territoire=53130", ["APESS 53", "Coodem"]),
        ("territoire=44109&type=cae", ["Ouvre-Boîtes 44"]),
        ("q=ob44", ["Ouvre-Boîtes 44"]),
    ],
)
def test_structure_filters(client, structures, query, expected):
    assert names(client, query) == expected


def test_structure_list_html_and_json_contract(client, structures):
    html = client.get("/structures/").content.decode()
    assert "3 structures" in html
    assert "Brouillon" not in html
    result = client.get("/structures/?q=coodem&format=json").json()["results"][0]
    assert result["url"] == "http://testserver/structures/coodem/"
    assert result["commune"] == {"code": "53147", "name": "Mayenne", "kind": "commune"}
    assert result["territories"] == [{"code": "dep-53", "name": "Mayenne", "kind": "departement"}]


def test_structure_csv(client, structures):
    text = client.get("/structures/?format=csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("name;slug;url;kind")
    assert [line.split(";")[0] for line in lines[1:]] == ["APESS 53", "Coodem", "Ouvre-Boîtes 44"]


def test_unknown_structure_kind_is_a_message(client, structures):
    response = client.get("/structures/?type=dragon")
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
