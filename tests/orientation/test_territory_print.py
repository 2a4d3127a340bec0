"""The one-page print of a territory sheet (issue 12, « a sheet a mairie can hand over»), and
the sheet's cards without repeated boilerplate. That the print fits one A4 page is checked in
a browser: tests/browser/test_print_sheet.py."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orientation.views.sheet import PRINT_ONE_STAGE, PRINT_PER_STAGE
from programmes.models import ProgrammeSource, SourceDocument
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

URL = "/territoires/53147/imprimer/"


@pytest.fixture
def sheet(territories):
    """Mayenne's sheet: programmes at every scale, most local first."""
    t = territories
    coodem = make_structure(
        "Coodem",
        territories=[t["dep53"]],
        commune=t["laval"],
        phone="+33243123456",
        website="https://www.coodem.fr/",
    )
    scales = [("local", t["cc_mayenne"]), ("départemental", t["dep53"]), ("régional", t["pdl"])]
    for stage in ("idee", "creation"):
        for label, territory in scales:
            for i in range(3):
                make_programme(
                    f"{stage} {label} {i}",
                    stages=[stage],
                    territories=[territory],
                    operators=[coodem],
                )
    make_programme("Partout en France", stages=["idee"], territories=[t["FR"]])
    return t


def section(html, stage):
    return html.split(f'id="print-{stage}"')[1].split("</section>")[0]


def test_the_few_most_local_per_stage_who_how_to_reach_and_reach(client, sheet):
    html = client.get(URL).content.decode()
    idee = section(html, "idee")
    names = re.findall(r'<a href="/programmes/[^"]+/">([^<]+)</a>', idee)
    assert len(names) == PRINT_PER_STAGE == 3
    assert names == ["idee local 0", "idee local 1", "idee local 2"]
    creation = re.findall(r'<a href="/programmes/[^"]+/">([^<]+)</a>', section(html, "creation"))
    assert creation == ["creation local 0", "creation local 1", "creation local 2"]
    assert "— Coodem · portée locale" in idee
    assert 'Contact :</span> <a href="tel:+33243123456">02 43 12 34 56</a>' in idee
    assert '<a href="https://www.coodem.fr/">coodem.fr</a>' in idee
    assert "10 dispositifs en tout à cette étape : liste complète en ligne." in idee
    # A stage without anything says so.
    assert "Aucun accompagnement recensé à l’étape développement pour ce territoire." in html


def test_date_and_address_of_the_full_sheet(client, sheet):
    html = client.get(URL).content.decode()
    today = timezone.localdate()
    assert "Fiche éditée le " in html
    assert str(today.year) in html
    assert (
        'Liste complète et à jour : <a href="http://testserver/territoires/53147/">'
        "http://testserver/territoires/53147/</a>"
    ) in html
    assert "<h1>Accompagnements ESS : Mayenne (53) — commune</h1>" in html


def test_one_stage_prints_more_of_it(client, sheet):
    html = client.get(URL + "?etape=creation").content.decode()
    assert 'id="print-creation"' in html
    assert 'id="print-idee"' not in html
    assert section(html, "creation").count('class="print-entry"') == min(PRINT_ONE_STAGE, 9)
    assert '<a href="/territoires/53147/imprimer/?etape=creation" aria-current="page">' in html
    both = client.get(URL + "?etape=idee&etape=creation").content.decode()
    assert 'id="print-developpement"' not in both
    assert section(both, "idee").count('class="print-entry"') == PRINT_PER_STAGE


def test_unknown_stage_and_territory_are_french_404s(client, sheet):
    response = client.get(URL + "?etape=bientot")
    assert response.status_code == 404
    assert "L’étape « bientot » n’existe pas" in response.content.decode()
    assert client.get("/territoires/99999/imprimer/").status_code == 404


def test_other_spellings_redirect_keeping_the_stage(client, sheet):
    response = client.get("/territoires/DEP-53/imprimer/?etape=idee")
    assert response.status_code == 301
    assert response["Location"] == "/territoires/dep-53/imprimer/?etape=idee"


def test_print_button_without_inline_script(client, sheet):
    """A strict Content-Security-Policy (no unsafe-inline) holds: the button is wired by a
    static file, hidden without it, and the page says how to print from the browser."""
    html = client.get(URL).content.decode()
    assert '<button type="button" class="button" data-print hidden>Imprimer cette page</button>'
    assert '<script src="/static/js/print.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert 'style="' not in html
    assert "commande Imprimer de votre navigateur" in html
    # The full sheet leads to it.
    sheet_html = client.get("/territoires/53147/").content.decode()
    assert f'<a href="{URL}">Imprimer une page à remettre</a>' in sheet_html
    # The sheet of a stage prints that stage, whose print leads back to it.
    sheet_html = client.get("/territoires/53147/?etape=creation").content.decode()
    assert f'<a href="{URL}?etape=creation">Imprimer une page à remettre</a>' in sheet_html
    print_html = client.get(URL + "?etape=creation").content.decode()
    assert (
        'Liste complète et à jour : <a href="http://testserver/territoires/53147/?etape=creation">'
    ) in print_html


def test_print_query_count_does_not_grow(client, sheet, territories):
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(30):
        make_programme(f"Encore {i}", stages=["idee", "developpement"], territories=[sheet["FR"]])
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few) <= 6


# -- Said once per page, not on every card -----------------------------------------------------


def test_boilerplate_is_said_once_not_on_every_card(client, territories):
    for i in range(6):
        make_programme(f"Sans date {i}", stages=["idee"], territories=[territories["dep53"]])
    make_programme(
        "Daté",
        stages=["idee"],
        territories=[territories["dep53"]],
        verified_on=datetime.date(2024, 5, 2),
        how_to_apply="Appeler le lundi.",
        is_free=True,
    )
    for url, shown in (("/territoires/53147/", 7), (URL, PRINT_PER_STAGE)):
        html = client.get(url).content.decode()
        assert "Contactez la structure" not in html
        assert "pas encore" not in html
        assert html.count("confirmez-les auprès de la structure") == 1, url
        # Each card still says how (or that nothing is known) for its own programme.
        assert html.count("aucune structure ni coordonnée recensée") == shown
    html = client.get("/territoires/53147/").content.decode()
    assert html.count("<dt>Vérifié le</dt>") == 1
    assert "2 mai 2024" in html
    assert html.count("<dt>Pour y accéder</dt>") == 1
    assert "Appeler le lundi." in html
    assert html.count("<dt>Coût</dt>") == 1  # « Non précisé » is not repeated either


def test_curator_notes_and_line_numbers_never_on_public_pages(client, territories):
    structure = make_structure(
        "Coodem", territories=[territories["dep53"]], curator_notes="NOTE-STRUCTURE"
    )
    programme = make_programme(
        "Test d’activité",
        stages=["idee"],
        territories=[territories["dep53"]],
        operators=[structure],
        curator_notes="NOTE-DISPOSITIF",
    )
    document = SourceDocument.objects.create(title="Guide TRESSONS", file_name="003_x.txt")
    ProgrammeSource.objects.create(
        programme=programme, document=document, section="Les Usines, Ligugé (l. 3230-3407)"
    )
    for url in (
        "/territoires/53147/",
        URL,
        "/programmes/?territoire=53147",
        "/structures/?territoire=53147",
        f"/programmes/{programme.slug}/",
        f"/structures/{structure.slug}/",
    ):
        html = client.get(url).content.decode()
        assert "NOTE-" not in html, url
        assert "3230" not in html, url
        assert "(l. " not in html, url
    assert "Les Usines, Ligugé" in client.get(f"/programmes/{programme.slug}/").content.decode()
