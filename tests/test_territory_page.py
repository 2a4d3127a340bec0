import pytest

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def test_territory_page_groups_by_stage_and_states_gaps(client, territories):
    t = territories
    cae = make_structure("Coodem", territories=[t["dep53"]])
    make_programme("May'Idées", stages=["idee"], territories=[t["dep53"]])
    make_programme("Test en CAE", stages=["creation", "developpement"], operators=[cae])
    make_programme("Landes seulement", stages=["developpement"], territories=[t["dep40"]])
    response = client.get("/territoires/53147/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Accompagnements ESS : Mayenne" in html
    idee, creation, developpement = (
        html.split('id="stage-idee"')[1].split('id="stage-creation"')[0],
        html.split('id="stage-creation"')[1].split('id="stage-developpement"')[0],
        html.split('id="stage-developpement"')[1].split('id="structures-title"')[0],
    )
    assert "May&#x27;Idées" in idee and "Test en CAE" not in idee
    assert "Test en CAE" in creation and "Test en CAE" in developpement
    assert "Landes seulement" not in html
    assert "Coodem" in html
    assert "Mayenne Communauté" in html  # what contains it


def test_territory_page_says_when_a_stage_has_nothing(client, territories):
    make_programme("Seulement l'idée", stages=["idee"], territories=[territories["dep40"]])
    html = client.get("/territoires/40123/").content.decode()
    assert "Aucun accompagnement recensé à l’étape création pour ce territoire" in html
    assert "Aucun accompagnement recensé à l’étape développement pour ce territoire" in html
    assert "Aucun accompagnement recensé à l’étape idée" not in html


@pytest.mark.parametrize("key", ["dep-53", "reg-52", "200055887", "FR", "53147"])
def test_every_kind_of_territory_has_a_page(client, territories, key):
    assert client.get(f"/territoires/{key}/").status_code == 200


@pytest.mark.parametrize("typed, canonical", [("DEP-53", "dep-53"), ("fr", "FR")])
def test_other_spellings_redirect_to_the_one_address(client, territories, typed, canonical):
    response = client.get(f"/territoires/{typed}/")
    assert response.status_code == 301
    assert response["Location"] == f"/territoires/{canonical}/"


def test_territory_page_query_count_is_bounded(client, territories, django_assert_max_num_queries):
    for i in range(30):
        make_programme(
            f"P{i}",
            stages=["idee", "creation"],
            territories=[territories["dep53"]],
            formats=["collectif"],
        )
    with django_assert_max_num_queries(14):
        response = client.get("/territoires/53147/")
    assert response.content.decode().count('class="card"') == 60
