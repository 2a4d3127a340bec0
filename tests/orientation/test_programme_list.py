import csv
import io

import pytest

from programmes.models import ProgrammeStructure
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

# The territory and its containers (2), the count, the facets (1), the vocabularies of the
# form (1), the page and what its rows show (6), and — only when a place or a stage is chosen —
# the structures whose general accompaniment answers them (1, orientation/accompaniment.py);
# with a place, the structures « aussi sur votre territoire » (1, orientation/also_here.py);
# for a city with arrondissements, those some entry names (1, orientation/ways_out.py: not
# counted here, Mayenne has none);
# with keywords, the synonyms and whether anything matches as typed (2). With the caches on,
# the vocabularies and synonyms are read once per content version
# (tests/essmap/test_page_cache.py).
MAX_LIST_QUERIES = 13
KEYWORD_QUERIES = 2
# With no result, up to 8 ways out are counted too (each resolves its territory).
MAX_EMPTY_LIST_QUERIES = MAX_LIST_QUERIES + 16

URL = "/programmes/"


@pytest.fixture
def directory(territories):
    t = territories
    apess = make_structure("APESS 53", kind="reseau-ess", territories=[t["dep53"]])
    coodem = make_structure("Coodem", kind="cae", territories=[t["dep53"]])
    incub = make_structure("Incubateur Landes", kind="incubateur", territories=[t["dep40"]])
    return {
        "mayidees": make_programme(
            "May'Idées",
            stages=["idee"],
            operators=[apess],
            publics=["tous-publics"],
            formats=["collectif"],
            is_free=True,
            description="Préincubation en ateliers collectifs.",
        ),
        "test": make_programme(
            "Test d'activité en CAE",
            stages=["creation", "developpement"],
            operators=[coodem],
            publics=["demandeurs-emploi"],
            sectors=["batiment"],
            formats=["hebergement"],
            is_free=False,
        ),
        "landes": make_programme(
            "Incubation ESS Landes", stages=["creation"], operators=[incub], is_free=True
        ),
        "national": make_programme(
            "Réseau national", stages=["developpement"], territories=[t["FR"]]
        ),
        "ended": make_programme(
            "Coopérative éphémère 2019",
            stages=["idee"],
            territories=[t["FR"]],
            status="termine",
            start_year=2018,
            end_year=2019,
        ),
        "draft": make_programme("Brouillon caché", territories=[t["FR"]], published=False),
    }


def names(response):
    return [r["name"] for r in response.json()["results"]]


def test_list_shows_published_current_programmes(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "May&#x27;Idées" in html
    assert "Test d&#x27;activité en CAE" in html
    assert "Brouillon caché" not in html
    assert "Coopérative éphémère 2019" not in html
    assert "4 dispositifs" in html
    assert '<html lang="fr">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("territoire=53147", ["May'Idées", "Réseau national", "Test d'activité en CAE"]),
        ("territoire=40123", ["Incubation ESS Landes", "Réseau national"]),
        ("territoire=07142", ["Réseau national"]),
        ("territoire=Laval", ["May'Idées", "Réseau national", "Test d'activité en CAE"]),
        ("etape=idee", ["May'Idées"]),
        (
            "etape=idee&etape=creation",
            ["Incubation ESS Landes", "May'Idées", "Test d'activité en CAE"],
        ),
        ("type_structure=cae", ["Test d'activité en CAE"]),
        (
            "type_structure=cae&type_structure=incubateur",
            ["Incubation ESS Landes", "Test d'activité en CAE"],
        ),
        ("public=demandeurs-emploi", ["Test d'activité en CAE"]),
        ("secteur=batiment", ["Test d'activité en CAE"]),
        ("modalite=collectif", ["May'Idées"]),
        ("gratuit=oui", ["Incubation ESS Landes", "May'Idées"]),
        ("gratuit=non", ["Test d'activité en CAE"]),
        ("statut=termine", ["Coopérative éphémère 2019"]),
        (
            "statut=actif&statut=termine",
            [
                "Coopérative éphémère 2019",
                "Incubation ESS Landes",
                "May'Idées",
                "Réseau national",
                "Test d'activité en CAE",
            ],
        ),
        ("q=ateliers", ["May'Idées"]),
        ("q=coodem", ["Test d'activité en CAE"]),
        ("q=ESS+landes", ["Incubation ESS Landes"]),
        ("territoire=dep-53&etape=developpement", ["Réseau national", "Test d'activité en CAE"]),
    ],
)
def test_each_filter(client, directory, query, expected):
    # Sorted by name here: relevance ordering has its own tests (test_distance.py).
    response = client.get(f"{URL}?{query}&tri=nom&format=json", follow=True)
    assert response.status_code == 200, response.content
    assert names(response) == expected
    # The HTML page shows the same results.
    html = client.get(f"{URL}?{query}&tri=nom", follow=True).content.decode()
    assert f"{len(expected)} dispositif" in html


def test_a_territory_name_redirects_to_its_stable_code(client, directory):
    response = client.get(f"{URL}?territoire=Laval&etape=idee")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?territoire=53130&etape=idee"


def test_json_contract(client, directory):
    body = client.get(f"{URL}?territoire=53147&etape=idee&format=json").json()
    assert body["count"] == 1
    result = body["results"][0]
    assert result["name"] == "May'Idées"
    assert result["url"] == "http://testserver/programmes/may-idees/"
    assert result["stages"] == ["idee"]
    assert result["structures"] == [
        {"name": "APESS 53", "url": "http://testserver/structures/apess-53/", "role": "operateur"}
    ]
    assert result["is_free"] is True


def test_csv_has_same_rows_in_same_order(client, directory):
    response = client.get(f"{URL}?etape=creation&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["name"] for r in rows] == names(client.get(f"{URL}?etape=creation&format=json"))
    assert rows[1]["stages"] == "creation | developpement"
    assert rows[1]["structures"] == "Coodem"


def test_csv_of_an_empty_result_still_has_its_header(client, directory):
    text = client.get(f"{URL}?q=introuvable&format=csv").content.decode("utf-8-sig")
    assert text.splitlines() == [text.splitlines()[0]]
    assert text.startswith("name;slug;url")


def test_draft_structure_is_not_linked_from_a_published_programme(client, territories):
    hidden = make_structure("Structure en brouillon", published=False)
    make_programme("Visible", territories=[territories["FR"]], operators=[hidden])
    result = client.get(f"{URL}?format=json").json()["results"][0]
    assert result["structures"] == []
    assert "Structure en brouillon" not in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("territoire=99999", "Aucun territoire ne correspond"),
        ("territoire=Atlantis", "Aucun territoire ne correspond"),
        ("territoire=" + "x" * 300, "au plus 120 caractères"),
        ("etape=bientot", "Sélectionnez un choix valide"),
        ("type_structure=licorne", "Sélectionnez un choix valide"),
        ("public=%00", "Le caractère nul n’est pas autorisé"),
        ("territoire=%00", "Le caractère nul n’est pas autorisé"),
        ("gratuit=peut-etre", "Sélectionnez un choix valide"),
    ],
)
def test_bad_filter_values_get_a_french_message_not_a_500(client, directory, query, message):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Votre recherche n’a pas pu être appliquée" in html
    assert ">Aucun dispositif<" in html
    assert "0 dispositif" not in html
    body = client.get(f"{URL}?{query}&format=json")
    assert body.status_code == 400
    assert body.json()["count"] == 0
    assert body.json()["errors"]


def test_homonyms_are_reported_as_ambiguous(client, territories):
    from territories.models import TerritoryKind
    from tests.conftest import make_territory

    make_territory(TerritoryKind.COMMUNE, "40999", "Laval", [territories["dep40"]])
    html = client.get(f"{URL}?territoire=laval").content.decode()
    assert "Plusieurs territoires correspondent à" in html
    assert "Laval (53)" in html
    assert "Laval (40)" in html


@pytest.mark.parametrize("page", ["0", "-1", "99", "abc", "1e9", "9" * 40])
def test_absurd_page_numbers_get_a_french_404(client, directory, page):
    response = client.get(f"{URL}?page={page}")
    assert response.status_code == 404
    assert "Cette page de résultats n’existe pas" in response.content.decode()
    json_response = client.get(f"{URL}?page={page}&format=json")
    assert json_response.status_code == 404
    assert "n’existe pas" in json_response.json()["error"]


def test_pagination_keeps_the_filters(client, territories):
    for i in range(25):
        make_programme(f"Dispositif {i:02d}", territories=[territories["FR"]])
    page1 = client.get(f"{URL}?etape=idee")
    html = page1.content.decode()
    assert "Page 1 sur 2" in html
    assert 'href="?etape=idee&amp;page=2"' in html
    page2 = client.get(f"{URL}?etape=idee&page=2&format=json").json()
    assert page2["page"] == 2
    assert len(page2["results"]) == 5
    assert page2["results"][0]["name"] == "Dispositif 20"
    assert client.get(f"{URL}?par_page=5&page=5&format=json").json()["num_pages"] == 5


def test_unknown_output_format_is_refused_clearly(client, directory):
    response = client.get(f"{URL}?format=xml")
    assert response.status_code == 400
    assert "format=json" in response.content.decode()


def test_huge_query_string_gets_a_414(client, directory):
    response = client.get(URL + "?q=" + "a" * 5000)
    assert response.status_code == 414
    assert "Adresse trop longue" in response.content.decode()


def test_many_repeated_parameters_do_not_fail(client, directory):
    response = client.get(URL + "?" + "&".join(["etape=idee"] * 150))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("fmt", "words"),
    [("html", ""), ("json", ""), ("html", "&q=cae+collectif"), ("html", "&q=pzz+cea")],
)
def test_list_query_count_does_not_grow_with_page_size(
    client, territories, django_assert_max_num_queries, fmt, words
):
    cae = make_structure("CAE", territories=[territories["dep53"]])
    partner = make_structure("Partenaire", kind="financeur")
    # A dozen is enough to see a query per row (1 row against 12); each programme costs its
    # links, history and search document, so 60 made this test a tenth of the suite's time.
    for i in range(12):
        p = make_programme(
            f"P{i:02d}",
            stages=["idee", "creation"],
            operators=[cae],
            formats=["collectif"],
            publics=["jeunes"],
            sectors=["culture"],
            territories=[territories["dep53"]],
        )
        ProgrammeStructure.objects.create(programme=p, structure=partner, role="partenaire")
    url = f"{URL}?territoire=53147&etape=idee&format={fmt}{words}"
    bound = MAX_LIST_QUERIES + (KEYWORD_QUERIES if words else 0)
    bound += MAX_EMPTY_LIST_QUERIES - MAX_LIST_QUERIES if "pzz" in words else 0
    counts = set()
    for size in (1, 5, 12, 500):
        with django_assert_max_num_queries(bound) as queries:
            response = client.get(url + f"&par_page={size}")
        assert response.status_code == 200
        counts.add(len(queries.captured_queries))
    assert len(counts) == 1, counts


def test_facet_counts_beside_filter_values(client, directory):
    html = client.get(f"{URL}?territoire=53147").content.decode()
    # Mayenne: May'Idées (idée), the CAE test (création, développement), national network
    # (développement); counts are of the other filters' results.
    assert "Idée (1)" in html
    assert "Création (1)" in html
    assert "Développement (2)" in html
    assert "Demandeurs d’emploi (1)" in html
    assert "Coopérative d’activité et d’emploi (CAE) (1)" in html
    assert "Gratuit (1)" in html
    assert "Payant (1)" in html
    # Ended programmes are hidden by default, and the count says how many there are.
    assert "Terminé (1)" in html
    assert "En cours (3)" in html
    # Ticking a stage keeps the other stages' counts visible.
    html = client.get(f"{URL}?territoire=53147&etape=idee").content.decode()
    assert "1 dispositif" in html
    assert "Développement (2)" in html
