import pytest

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


# The whole sheet, and a stage's sheet (which reads less), in queries.
MAX_SHEET_QUERIES = 10


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
    assert "May&#x27;Idées" in idee
    assert "Test en CAE" not in idee
    assert "Test en CAE" in creation
    assert "Test en CAE" in developpement
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


@pytest.mark.parametrize(("typed", "canonical"), [("DEP-53", "dep-53"), ("fr", "FR")])
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
    # The territory, its containers and their départements (3), the programmes of each
    # stage (1), their page, operators and next steps (3), the structures accompanying a
    # stage (1), the nearest structures (1), those « aussi sur votre territoire » (1).
    with django_assert_max_num_queries(MAX_SHEET_QUERIES):
        response = client.get("/territoires/53147/")
    assert response.content.decode().count('class="card sheet-entry"') == 2 * 15


def test_orientation_sheet_lays_out_a_parcours(client, territories):
    t = territories
    for key, lat, lon in [("mayenne", 48.3031, -0.6137), ("laval", 48.0707, -0.7734)]:
        t[key].latitude, t[key].longitude = lat, lon
        t[key].save()
    apess = make_structure("APESS 53", territories=[t["dep53"]], commune=t["laval"])
    test = make_programme(
        "Test en CAE",
        stages=["creation"],
        territories=[t["dep53"]],
        operators=[apess],
        how_to_apply="Réunion d’information le premier mardi du mois.",
        is_free=True,
    )
    idea = make_programme("May'Idées", stages=["idee"], territories=[t["pdl"]], operators=[apess])
    idea.next_steps.add(test)
    html = client.get("/territoires/53147/").content.decode()
    nav = html.split('aria-label="Étape du projet"')[1].split("</nav>")[0]
    assert (
        nav.index("?etape=idee") < nav.index("?etape=creation") < nav.index("etape=developpement")
    )
    creation = html.split('id="stage-creation"')[1].split('id="stage-developpement"')[0]
    assert "Réunion d’information le premier mardi du mois." in creation
    assert "Portée" in creation
    assert "départementale" in creation
    assert "à 28 km" in creation  # Mayenne's centre to Laval's (the operator's commune)
    idee = html.split('id="stage-idee"')[1].split('id="stage-creation"')[0]
    assert "régionale" in idee
    assert f'Et après ?</dt><dd><a href="/programmes/{test.slug}/">Test en CAE</a>' in idee
    # Stated plainly at the top too.
    assert "Aucun accompagnement recensé à l’étape développement pour ce territoire." in html


def test_orientation_sheet_can_be_shared_printed_and_downloaded(client, territories):
    make_programme("Idée en Mayenne", stages=["idee"], territories=[territories["dep53"]])
    html = client.get("/territoires/53147/").content.decode()
    assert 'value="http://testserver/territoires/53147/" readonly' in html
    assert "mailto:?subject=" in html
    assert "Fiche éditée le " in html
    assert '<span class="print-only"> — http://testserver/territoires/53147/</span>' in html
    response = client.get("/territoires/53147/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "essmap-53147-mayenne.csv" in response["Content-Disposition"]
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("name;slug;url")
    assert "how_to_apply" in rows[0]
    assert len(rows) == 2
    assert rows[1].startswith("Idée en Mayenne;")


def test_orientation_sheet_queries_do_not_grow_with_its_length(
    client, territories, django_assert_num_queries
):
    cae = make_structure("CAE", territories=[territories["dep53"]], commune=territories["laval"])

    def add(n, start):
        for i in range(start, start + n):
            p = make_programme(f"P{i}", stages=["idee", "creation"], operators=[cae])
            p.next_steps.add(p)

    add(1, 0)
    client.get("/territoires/53147/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/territoires/53147/")
    add(29, 1)
    with django_assert_num_queries(len(one)):
        html = client.get("/territoires/53147/").content.decode()
    # The first 15 of each stage, and the way to all of them; the CSV holds all 30.
    assert html.count('class="card sheet-entry"') == 2 * 15
    assert "Voir les 30 dispositifs de l’étape idée" in html
    assert "/programmes/?territoire=53147&amp;etape=creation" in html
    csv = client.get("/territoires/53147/?format=csv").content.decode("utf-8-sig")
    assert len(csv.splitlines()) == 1 + 30


# -- A chosen stage (issue 24, item 12) ---------------------------------------------------------


@pytest.fixture
def three_stages(territories):
    t = territories
    make_programme("Idée en Mayenne", stages=["idee"], territories=[t["dep53"]])
    make_programme("Création en Mayenne", stages=["creation"], territories=[t["dep53"]])
    make_programme("Développement en Mayenne", stages=["developpement"], territories=[t["dep53"]])
    make_programme(
        "Création et après", stages=["creation", "developpement"], territories=[t["pdl"]]
    )
    return t


def stage_nav(html):
    return html.split('aria-label="Étape du projet"')[1].split("</nav>")[0]


def test_a_chosen_stage_shows_that_stage_only(client, three_stages):
    html = client.get("/territoires/53147/?etape=creation").content.decode()
    assert 'id="etape-creation"' in html
    assert 'id="etape-idee"' not in html
    assert 'id="etape-developpement"' not in html
    assert "Création en Mayenne" in html
    assert "Création et après" in html
    assert "Idée en Mayenne" not in html
    assert "Développement en Mayenne" not in html
    # Numbered as the stage it is, not as the first section.
    assert ">2. Étape création</h2>" in html
    # Said at the top: what this page holds, and how many.
    assert "2 dispositifs en cours couvrent ce territoire à l’étape création." in html


def test_several_chosen_stages_show_those(client, three_stages):
    html = client.get("/territoires/53147/?etape=idee&etape=developpement").content.decode()
    assert 'id="etape-idee"' in html
    assert 'id="etape-developpement"' in html
    assert 'id="etape-creation"' not in html
    assert "Création en Mayenne" not in html


def test_without_a_stage_the_sheet_keeps_all_three(client, three_stages):
    html = client.get("/territoires/53147/").content.decode()
    for stage in ("idee", "creation", "developpement"):
        assert f'id="etape-{stage}"' in html
    assert "4 dispositifs en cours couvrent ce territoire." in html
    # An unknown stage is the whole sheet.
    assert 'id="etape-idee"' in client.get("/territoires/53147/?etape=bientot").content.decode()


def test_choosing_a_stage_is_offered_at_the_top(client, three_stages):
    html = client.get("/territoires/53147/").content.decode()
    nav = stage_nav(html)
    # Before anything else of the sheet: its sharing block and its first stage.
    assert html.index('aria-label="Étape du projet"') < html.index('class="sheet-actions"')
    assert '<a href="/territoires/53147/" aria-current="page">Toutes les étapes</a>' in nav
    assert '<a href="/territoires/53147/?etape=idee">Idée <span class="count">(1)</span></a>' in nav
    assert '?etape=creation">Création <span class="count">(2)</span></a>' in nav
    assert '?etape=developpement">Développement <span class="count">(2)</span></a>' in nav
    nav = stage_nav(client.get("/territoires/53147/?etape=creation").content.decode())
    assert '<a href="/territoires/53147/">Toutes les étapes</a>' in nav
    assert (
        '<a href="/territoires/53147/?etape=creation" aria-current="page">Création '
        '<span class="count">(2)</span></a>'
    ) in nav
    assert nav.count("aria-current") == 1


def test_a_chosen_stage_is_shared_printed_and_filtered_as_chosen(client, three_stages):
    html = client.get("/territoires/53147/?etape=creation").content.decode()
    assert 'value="http://testserver/territoires/53147/?etape=creation" readonly' in html
    assert (
        '<a href="/territoires/53147/imprimer/?etape=creation">Imprimer une page à remettre</a>'
    ) in html
    assert '/programmes/?territoire=53147&amp;etape=creation">Filtrer ces dispositifs' in html


def test_a_chosen_stage_reads_and_shows_less(client, territories, django_assert_max_num_queries):
    for i in range(30):
        make_programme(f"P{i}", stages=["idee", "creation"], territories=[territories["dep53"]])
    # As many queries as the whole sheet at most (test_territory_page_query_count_is_bounded),
    # and the entries of one stage.
    with django_assert_max_num_queries(MAX_SHEET_QUERIES):
        response = client.get("/territoires/53147/?etape=creation")
    assert response.content.decode().count('class="card sheet-entry"') == 15
