"""The guided search's extra questions: rural territories, ended programmes, relevance by stage,
and the ways out offered when nothing matches."""

import pytest

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def slugs(client, **params):
    response = client.get("/programmes/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return [r["slug"] for r in response.json()["results"]]


@pytest.fixture
def places(territories):
    t = territories
    t["herm"].rural = True
    t["herm"].save()
    village = make_structure("Tiers-lieu du Herm", commune=t["herm"], territories=[t["dep40"]])
    city = make_structure("Incubateur de Nantes", commune=t["nantes"], territories=[t["dep44"]])
    return {
        "village": make_programme("Accueil au village", operators=[village]),
        "city": make_programme("Incubation en ville", operators=[city]),
        "ended": make_programme(
            "Expérimentation close",
            territories=[t["dep44"]],
            status="termine",
            start_year=2019,
            end_year=2020,
        ),
    }


def test_rural_filter_keeps_programmes_run_from_rural_communes(client, places):
    assert slugs(client, rural="oui") == [places["village"].slug]
    assert set(slugs(client)) == {places["village"].slug, places["city"].slug}


def test_rural_checkbox_is_labelled_on_the_page(client, places):
    html = client.get("/programmes/").content.decode()
    assert '<input type="checkbox" name="rural" value="oui"' in html
    assert '<label for="id_rural">Territoires ruraux</label>' in html


def test_ended_programmes_only_when_asked(client, places):
    assert places["ended"].slug not in slugs(client)
    assert places["ended"].slug in slugs(client, termines="oui")
    html = client.get("/programmes/", {"termines": "oui"}).content.decode()
    assert "Dispositif terminé en 2020" in html
    assert 'name="termines" value="oui" id="id_termines" checked' in html


def test_programmes_at_every_chosen_stage_come_first(client, territories):
    one = make_programme("A — idée seulement", stages=["idee"], territories=[territories["FR"]])
    both = make_programme(
        "Z — idée et création", stages=["idee", "creation"], territories=[territories["FR"]]
    )
    assert slugs(client, etape=["idee", "creation"])[:2] == [both.slug, one.slug]
    assert slugs(client, etape=["idee"]) == [one.slug, both.slug]  # then by name


def test_nothing_found_offers_ways_out_that_do_find_something(client, territories):
    make_programme("Fabrique Mayenne", stages=["creation"], territories=[territories["dep53"]])
    make_programme("Fabrique régionale", stages=["idee"], territories=[territories["pdl"]])
    response = client.get(
        "/programmes/", {"territoire": "53147", "etape": "idee", "q": "fabrique", "gratuit": "oui"}
    )
    html = response.content.decode()
    assert "Aucun dispositif ne correspond à tous ces critères." in html
    assert "Sans le critère « Coût »" in html
    assert "(1 dispositif)" in html
    assert "À l’étape création" not in html  # still nothing there: gratuit is unknown
    response = client.get("/programmes/", {"territoire": "53147", "etape": "developpement"})
    html = response.content.decode()
    assert "À l’étape création</a> (1 dispositif)" in html
    assert "À l’étape idée</a> (1 dispositif)" in html


def test_words_that_match_nothing_leave_what_the_place_and_stage_give(client, territories):
    make_programme("Fabrique régionale", stages=["idee"], territories=[territories["pdl"]])
    make_programme("Ailleurs", stages=["idee"], territories=[territories["dep40"]])
    response = client.get("/programmes/", {"territoire": "53147", "etape": "idee", "q": "Mayenne"})
    html = response.content.decode()
    assert "Fabrique régionale" in html
    assert "Ailleurs" not in html
    assert (
        "Trop peu de dispositifs contiennent « Mayenne » : les autres résultats de votre "
        "recherche suivent." in html
    )
    data = client.get(
        "/programmes/", {"territoire": "53147", "etape": "idee", "q": "Mayenne", "format": "json"}
    ).json()
    assert data["text_match"] == "closest"
    assert data["count"] == 1


def test_ways_out_widen_the_territory(client, territories):
    t = territories
    make_programme("Seulement à Laval", territories=[t["laval"]], description="Fablab.")
    html = client.get("/programmes/", {"territoire": "53147", "q": "fablab"}).content.decode()
    assert "Aucun dispositif ne correspond" in html
    assert "Élargir à Mayenne (53) — département</a> (1 dispositif)" in html
    assert "Élargir à CC Mayenne Communauté" not in html  # Laval is not in it: nothing there
    widened = slugs(client, territoire="dep-53", partiel="oui", q="fablab")
    assert widened == ["seulement-a-laval"]
    assert slugs(client, territoire="dep-53", q="fablab") == []  # not in the whole département


def test_partial_coverage_on_request_for_an_agent_of_a_departement(client, territories):
    t = territories
    whole = make_programme("Tout le département", territories=[t["dep53"]])
    part = make_programme("Une intercommunalité", territories=[t["cc_mayenne"]])
    elsewhere = make_programme("Ailleurs", territories=[t["dep40"]])
    assert slugs(client, territoire="dep-53") == [whole.slug]
    found = slugs(client, territoire="dep-53", partiel="oui")
    assert set(found) == {whole.slug, part.slug}
    assert elsewhere.slug not in found
