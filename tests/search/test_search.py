"""French full-text search, as a visitor sees it in the lists (HTML and JSON) and as a curator
shapes it in the admin (synonyms). Runs on both databases: the same answers are expected."""

import pytest

from programmes.models import Structure
from search.models import SearchSynonym
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def slugs(client, url="/programmes/", **params):
    response = client.get(url, {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return [r["slug"] for r in response.json()["results"]]


@pytest.fixture
def catalogue(territories):
    t = territories
    bati = make_structure("Bâticréateurs 44", territories=[t["dep44"]])
    coop = make_structure("CoopChezVous", territories=[t["dep44"]])
    apess = make_structure("APESS 53", kind="reseau-ess", territories=[t["dep53"]])
    lieu = make_structure("La Smalah", kind="tiers-lieu", territories=[t["dep40"]])
    return {
        "bati": make_programme(
            "Créer son activité dans le bâtiment",
            stages=["creation"],
            operators=[bati],
            sectors=["batiment"],
            description="Une coopérative d’activité et d’emploi pour les artisans.",
        ),
        "coop": make_programme(
            "Services à la personne en CAE",
            stages=["creation"],
            operators=[coop],
            description="Tester son activité dans une CAE.",
        ),
        "fabrique": make_programme(
            "Fabrique à initiatives",
            stages=["idee"],
            territories=[t["FR"]],
            operators=[apess],
            description="Faire émerger des activités à partir des besoins d’un territoire.",
        ),
        "smalah": make_programme(
            "Accueil d’entrepreneurs",
            stages=["idee", "creation"],
            operators=[lieu],
            publics=["personnes-exilees"],
            description="Des tiers-lieux ruraux ouvrent leurs portes aux porteurs de projet.",
        ),
        "incubation": make_programme(
            "Parcours d’incubation",
            stages=["creation"],
            territories=[t["dep53"]],
            operators=[apess],
            description="Six mois de pré-incubation puis d’incubation.",
        ),
        "description_only": make_programme(
            "Rencontres",
            stages=["idee"],
            territories=[t["dep53"]],
            operators=[apess],
            description="Des rencontres pour préparer une incubation collective.",
        ),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("baticreateurs", "bati"),  # no accents, operator's name
        ("BATICRÉATEURS", "bati"),  # case
        ("coop chez vous", "coop"),  # spacing
        ("fabrique a initiative", "fabrique"),  # accent and plural dropped
        ("fabriques à initiatives", "fabrique"),
        ("tiers lieu", "smalah"),  # hyphen and plural
        ("exilés", "smalah"),  # a public's label
        ("bâtiment", "bati"),  # a sector's label
        ("Loire-Atlantique", "coop"),  # a territory's name (the operator's)
    ],
)
def test_search_ignores_accents_case_plurals_and_spacing(client, catalogue, typed, expected):
    assert catalogue[expected].slug in slugs(client, q=typed)


def test_search_keeps_only_what_matches(client, catalogue):
    assert slugs(client, q="baticreateurs") == [catalogue["bati"].slug]
    assert slugs(client, q="zzzz") == []


def test_seeded_synonyms_work_both_ways(client, catalogue):
    by_acronym = slugs(client, q="CAE")
    by_words = slugs(client, q="coopérative d'activité et d'emploi")
    assert catalogue["bati"].slug in by_acronym  # its text only says the words
    assert catalogue["coop"].slug in by_words  # its text only says "CAE"
    assert set(by_acronym) == set(by_words)
    assert catalogue["incubation"].slug in slugs(client, q="préincubation")


def test_name_matches_rank_above_description_matches(client, catalogue):
    found = slugs(client, q="incubation")
    assert found.index(catalogue["incubation"].slug) < found.index(
        catalogue["description_only"].slug
    )


def test_small_typo_is_corrected_and_said(client, catalogue):
    response = client.get("/programmes/", {"q": "fabirque a initiatives"})
    html = response.content.decode()
    assert catalogue["fabrique"].name in html
    assert "Aucun résultat pour « fabirque » tel que saisi : résultats pour « fabrique »" in html


def test_curator_adds_a_synonym_in_the_admin(admin_client, client, catalogue):
    assert slugs(client, q="atelier partagé") == []
    response = admin_client.post(
        "/admin/search/searchsynonym/add/",
        {"expressions": "atelier partagé, tiers-lieu", "kind": "equivalents"},
    )
    assert response.status_code == 302
    assert catalogue["smalah"].slug in slugs(client, q="atelier partagé")


def test_a_synonym_needs_two_expressions(admin_client):
    response = admin_client.post(
        "/admin/search/searchsynonym/add/", {"expressions": "coopérative", "kind": "besoin"}
    )
    assert response.status_code == 200
    assert "au moins deux expressions" in response.content.decode()
    assert not SearchSynonym.objects.filter(expressions="coopérative").exists()


def test_renaming_a_structure_in_the_admin_updates_its_programmes_search(
    admin_client, client, catalogue, django_capture_on_commit_callbacks
):
    structure = Structure.objects.get(name="CoopChezVous")
    response = admin_client.get(f"/admin/programmes/structure/{structure.pk}/change/")
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(name="Services Solidaires", kind=structure.kind.pk, publication_status="publie")
    for prefix in ("programme_links", "people", "citations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data["programme_links-TOTAL_FORMS"] = "0"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/programmes/structure/{structure.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert catalogue["coop"].slug in slugs(client, q="services solidaires")


def test_structures_are_searched_too(client, catalogue):
    found = slugs(client, url="/structures/", q="coop chez vous")
    assert found[0] == Structure.objects.get(name="CoopChezVous").slug


@pytest.mark.parametrize("typed", ["de la", "'", "---", "x" * 200, "a b c d e f g h i j k l"])
def test_odd_keywords_never_fail(client, catalogue, typed):
    assert client.get("/programmes/", {"q": typed}).status_code == 200
    assert client.get("/structures/", {"q": typed}).status_code == 200


def test_html_and_json_give_the_same_order(client, catalogue):
    html = client.get("/programmes/", {"q": "incubation"}).content.decode()
    order = slugs(client, q="incubation")
    positions = [html.index(f"/programmes/{slug}/") for slug in order]
    assert positions == sorted(positions)
