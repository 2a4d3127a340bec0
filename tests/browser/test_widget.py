"""The widget in a real browser, framed by another site's page (another origin: a page served
by Python's http.server on its own port), and the other pages refusing to be framed."""

import functools
import http.server
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_programme, make_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def site(territories, live_server):
    t = territories
    coop = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    make_programme(
        "May'Idées",
        stages=["idee"],
        operators=[coop],
        description="Ateliers collectifs pour préciser une idée de projet.",
    )
    make_programme("Test d'activité", stages=["creation"], operators=[coop])
    return live_server.url


@pytest.fixture
def host_site(tmp_path):
    """A collectivity's site: serves the HTML files written into ``tmp_path`` on 127.0.0.1,
    another origin than the live server (localhost)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def page_embedding(name, address):
        (tmp_path / name).write_text(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>'
            "</head><body><h1>Mairie de Mayenne</h1>"
            f'<iframe src="{address}" title="Accompagnements ESS" width="100%" height="640">'
            "</iframe></body></html>"
        )
        return f"http://127.0.0.1:{server.server_port}/{name}"

    yield page_embedding
    server.shutdown()
    server.server_close()


def test_a_framed_widget_searches_inside_the_frame(site, host_site, page_at):
    assert "localhost" in site  # the host page's 127.0.0.1 is another origin
    page = page_at(1280)
    page.goto(host_site("mairie.html", f"{site}/widget/53147/"))
    frame = page.frame_locator("iframe")
    frame.get_by_role("heading", name="Qui accompagne les projets de l’ESS à Mayenne ?").wait_for()
    frame.get_by_role("link", name="Idée", exact=True).click()
    frame.get_by_role("link", name="Idée", exact=True).and_(
        frame.locator("[aria-current=page]")
    ).wait_for()
    frame.get_by_label("Mots-clés (facultatif)").fill("ateliers")
    frame.get_by_role("button", name="Chercher").click()
    result = frame.get_by_role("link", name="May'Idées (nouvelle fenêtre)")
    result.wait_for()
    assert frame.get_by_role("link", name="Test d'activité (nouvelle fenêtre)").count() == 0
    assert result.get_attribute("target") == "_blank"
    widget = next(f for f in page.frames if "/widget/" in f.url)
    assert "etape=idee" in widget.url
    assert "q=ateliers" in widget.url
    # A result opens essmap in a new window, not inside the host's page.
    with page.context.expect_page() as opened:
        result.click()
    new_window = opened.value
    new_window.wait_for_load_state()
    assert new_window.url.startswith(f"{site}/programmes/")
    new_window.close()


def test_other_pages_refuse_to_be_framed(site, host_site, page_at):
    page = page_at(1280)
    refusals = []
    page.on("console", lambda message: refusals.append(message.text))
    page.goto(host_site("cadre.html", f"{site}/territoires/53147/"))
    page.wait_for_timeout(500)
    assert any("frame-ancestors" in text for text in refusals), refusals
    framed = page.frames[1]
    assert "Mayenne" not in framed.content()


@pytest.mark.parametrize("width", [320, 800])
def test_the_widget_fits_its_frame_and_passes_axe(site, page_at, width):
    page = page_at(width)
    page.goto(f"{site}/widget/53147/?etape=idee&q=ateliers")
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_the_widget_works_with_the_keyboard(site, page_at):
    page = page_at(375)
    page.goto(f"{site}/widget/53147/")
    for _ in range(3):  # "Toutes les étapes", "Idée", "Création"
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Création"
    page.keyboard.press("Enter")
    page.wait_for_url("**/widget/53147/?etape=creation")
    page.get_by_label("Mots-clés (facultatif)").focus()
    page.keyboard.type("activité")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=activit*")
    assert page.get_by_role("link", name="Test d'activité (nouvelle fenêtre)").count() == 1
