"""The one-page print of a territory sheet in a real browser (issue 12): one A4 page
(``page.pdf()``, pages counted with pypdf), 0 axe violations, no sideways scrolling at 375 px,
the print button — on the shipped content (``load_shipped_data``) and on a worst case built on
top of it (longest names, every contact, a network to call).

The shipped content is loaded once for the module, outside the tests' transactions; a live
server would flush it after the first test, so the browser's requests are answered by Django's
test client instead (``page.route``), each test rolling back what it adds."""

import io
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from orientation.views.sheet import PRINT_ONE_STAGE, PRINT_PER_STAGE
from territories.models import Territory
from tests.browser.test_pages import WCAG_RULES
from tests.conftest import make_programme, make_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SITE = "http://testserver"
# A Mayenne commune, a Creuse commune, a département, a région, France: every scale.
SHIPPED = ["53147", "23079", "dep-53", "reg-75", "FR"]
STAGES = ["", "?etape=idee", "?etape=creation", "?etape=developpement"]


def serve(page, client, path):
    """Open ``path`` as Django's test client answers it (in the test's own transaction and
    database connection: the browser's requests are answered from the page rendered here, and
    static files from the finders)."""
    response = client.get(path)
    assert response.status_code == 200, path

    def answer(route):
        address = urlsplit(route.request.url)
        if address.path.startswith(settings.STATIC_URL):
            found = finders.find(address.path.removeprefix(settings.STATIC_URL))
            if found:
                kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                route.fulfill(status=200, body=Path(found).read_bytes(), content_type=kind)
                return
        if route.request.url == SITE + path:
            # With the page's own headers, its Content-Security-Policy included.
            route.fulfill(status=200, body=response.content, headers=dict(response.headers))
            return
        route.fulfill(status=404, body="")

    page.route(f"{SITE}/**", answer)
    page.goto(SITE + path)
    return page


@pytest.fixture
def visit(page_at, client):
    def open_page(path, width=1280):
        return serve(page_at(width), client, path)

    return open_page


def printed_pages(page):
    pdf = page.pdf(format="A4", print_background=True)
    if os.environ.get("ESSMAP_SHOTS"):  # a folder where to keep the PDFs, to look at them
        name = re.sub(r"\W+", "-", urlsplit(page.url).path + urlsplit(page.url).query)
        (Path(os.environ["ESSMAP_SHOTS"]) / f"{name.strip('-')}.pdf").write_bytes(pdf)
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("key", SHIPPED)
def test_shipped_sheets_print_on_one_page(shipped_data, visit, key):
    for stages in STAGES:
        page = visit(f"/territoires/{key}/imprimer/{stages}")
        assert printed_pages(page) == 1, f"{key}{stages}"
        page.close()


@pytest.fixture
def worst_case(shipped_data):
    """Felletin with the longest entries a card can show, more than a page holds per stage."""
    felletin = Territory.objects.get(key="23079")
    network = make_structure(
        "Chambre régionale de l’économie sociale et solidaire de Nouvelle-Aquitaine (CRESS)",
        kind="reseau-ess",
        phone="+33556000000",
        website="https://www.cress-nouvelle-aquitaine.org/accompagnement/porteurs-de-projet",
    )
    structures = [
        make_structure(
            f"Coopérative d’activité et d’emploi du plateau de Millevaches n° {i}",
            territories=[felletin],
            commune=felletin,
            address="Maison des associations, 12 avenue du Docteur-Jean-Baptiste-Lavergne",
            postcode="23500",
            **(
                {}
                if i % 2
                else {
                    "phone": "+33555000000",
                    "email": "accueil.porteurs-de-projet@cooperative-millevaches.example.org",
                    "website": "https://www.cooperative-millevaches.example.org/nous-rejoindre/",
                }
            ),
        )
        for i in range(3)
    ]
    structures[1].networks.add(network)
    for stage in ("idee", "creation", "developpement"):
        for i in range(PRINT_ONE_STAGE + 2):
            make_programme(
                f"Accompagnement collectif à l’émergence et au test d’activités d’utilité sociale "
                f"en milieu rural, {stage} {i}",
                stages=[stage],
                territories=[felletin],
                operators=structures[i % 3 : i % 3 + 1 + (i % 3 == 0)],
            )
    return felletin


@pytest.mark.parametrize("stages", STAGES)
def test_worst_case_still_prints_on_one_page(worst_case, visit, stages):
    page = visit(f"/territoires/23079/imprimer/{stages}")
    shown = page.locator(".print-entry").count()
    assert shown == (PRINT_PER_STAGE * 3 if not stages else PRINT_ONE_STAGE)
    assert "par son réseau" in page.inner_text("main")
    assert printed_pages(page) == 1


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["/territoires/53147/imprimer/", "/territoires/23079/imprimer/"])
def test_print_page_has_no_wcag_violation_nor_sideways_scrolling(worst_case, visit, path, width):
    page = visit(path, width)
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_print_button_and_what_paper_shows(shipped_data, page_at, client):
    page = page_at(1280)
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    serve(page, client, "/territoires/53147/imprimer/")
    assert (
        "script-src 'self'" in client.get("/territoires/53147/imprimer/")["Content-Security-Policy"]
    )
    button = page.locator("button[data-print]")
    assert button.is_visible()  # shown by essmap/static/js/print.js
    page.evaluate("window.print = () => { document.body.dataset.printed = 'oui'; }")
    button.click()
    assert page.evaluate("document.body.dataset.printed") == "oui"
    page.emulate_media(media="print")
    assert not page.is_visible(".print-controls")
    assert not page.is_visible(".site-header nav")
    text = page.inner_text("main")
    assert "Fiche éditée le" in text
    assert f"{SITE}/territoires/53147/" in text
    assert "Étape idée" in text
    assert "Étape développement" in text
    assert not refused  # nothing inline for a strict policy to refuse


def test_without_javascript_the_page_says_how_to_print(shipped_data, browser, client):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = serve(context.new_page(), client, "/territoires/53147/imprimer/")
    assert not page.is_visible("button[data-print]")
    assert "commande Imprimer de votre navigateur" in page.inner_text(".print-controls")
    context.close()


def test_no_curator_note_nor_line_number_on_the_shipped_public_pages(shipped_data, client):
    """Every public page of the shipped content: the sheets and their prints, each programme's
    and structure's page — never a curator's note or a source's line numbers."""
    from django.utils.html import strip_tags

    from programmes.models import Programme, Structure
    from tests.content.test_content_coverage import LINE_NUMBERS

    entries = [*Programme.objects.published(), *Structure.objects.published()]
    notes = [e.curator_notes.strip() for e in entries if len(e.curator_notes.strip()) > 20]
    assert notes  # the shipped content has notes, which must stay in the administration
    paths = [e.get_absolute_url() for e in entries]
    for key in SHIPPED:
        paths += [f"/territoires/{key}/", f"/territoires/{key}/imprimer/"]
    for path in paths:
        html = client.get(path).content.decode()
        text = strip_tags(html.split("<main", 1)[1].split("</main>", 1)[0])
        assert not LINE_NUMBERS.search(text), (path, LINE_NUMBERS.search(text))
        assert not any(note[:60] in html for note in notes), path
