"""« Ma sélection » in a real browser (issue 16): from a search, three entries added with the
plain links of the cards, the sheet opened, printed on one A4 page (pypdf counts), 0 axe
violations at 1280 and 375 px — with JavaScript and without."""

import io
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from selection.address import MAX_NOTE
from tests.browser.test_pages import WCAG_RULES
from tests.conftest import make_programme, make_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LONG_HOW = (
    "Prendre rendez-vous pour une réunion d’information collective, puis un entretien "
    "individuel avec une chargée d’accompagnement ; apporter une présentation de l’idée, "
    "même courte, et ses questions sur le statut, le financement et le calendrier du projet. "
) * 2


# A note as long as allowed, in French (accents and apostrophes are longer once encoded).
NOTE = (
    "Rappeler lundi. Mme D. a une idée d’épicerie coopérative à Mayenne ; elle a déjà réuni "
    "cinq personnes intéressées et cherche un local. Conseillé : la réunion d’information "
    "de l’APESS d’abord, puis le test d’activité en coopérative si l’idée se précise. "
    "Elle n’a pas d’ordinateur : préférer le téléphone. Documents à préparer : une page de "
    "présentation du projet, le budget prévisionnel même approximatif, et la liste des "
    "partenaires pressentis (mairie, épiceries voisines, producteurs locaux). Relancer fin du mois."
)[:MAX_NOTE]


@pytest.fixture
def site(territories, live_server):
    """Mayenne with long entries: every contact, a network to call, long access steps."""
    t = territories
    t["mayenne"].latitude, t["mayenne"].longitude = 48.30737, -0.61474
    t["mayenne"].save()
    cress = make_structure(
        "Chambre régionale de l’économie sociale et solidaire des Pays de la Loire",
        kind="reseau-ess",
        phone="+33240000000",
        website="https://www.cress-pdl.org/accompagnement/porteurs-de-projet/",
    )
    apess = make_structure(
        "Association pour la promotion de l’économie sociale et solidaire en Mayenne",
        kind="reseau-ess",
        territories=[t["dep53"]],
        commune=t["mayenne"],
        address="Maison des associations, 12 avenue du Docteur-Jean-Baptiste-Lavergne",
        postcode="53100",
    )
    apess.networks.add(cress)
    coodem = make_structure(
        "Coodem, coopérative d’activité et d’emploi de la Mayenne",
        territories=[t["dep53"]],
        commune=t["laval"],
        phone="+33243123456",
        email="accueil.porteurs-de-projet@coodem.example.org",
        website="https://www.coodem.example.org/nous-rejoindre/entrepreneurs/",
        general_stage_creation=True,
        general_stage_developpement=True,
    )
    idea = make_programme(
        "Accompagnement collectif à l’émergence d’activités d’utilité sociale en milieu rural",
        stages=["idee", "creation"],
        territories=[t["dep53"]],
        operators=[apess],
        how_to_apply=LONG_HOW,
    )
    trial = make_programme(
        "Test d’activité en coopérative : entreprendre en étant salarié de la coopérative",
        stages=["creation"],
        territories=[t["dep53"]],
        operators=[coodem],
        how_to_apply=LONG_HOW,
    )
    idea.next_steps.add(trial)
    for i in range(3):
        later = make_programme(f"Dispositif de développement et de consolidation n° {i}")
        trial.next_steps.add(later)
    return live_server.url


def add(page, name):
    page.get_by_role("link", name=f"Ajouter à ma sélection : {name}").click()
    page.wait_for_url(re.compile(r"/selection/\?"))


def build_selection(page, site):
    """As an agent on the phone: search, add, come back, add, search another stage, add."""
    page.goto(site + "/programmes/?territoire=53147")
    add(page, "Accompagnement collectif à l’émergence")
    page.get_by_role("link", name="← Revenir").click()
    add(page, "Test d’activité en coopérative")
    page.goto(site + "/programmes/?territoire=53147&etape=developpement")
    add(page, "Coodem, coopérative")
    page.get_by_label("Note pour la personne").fill(NOTE)
    page.get_by_role("button", name="Enregistrer la note").click()
    page.wait_for_url(re.compile(r"note="))
    assert page.locator(".selection-entry").count() == 3
    return page


@pytest.mark.parametrize("javascript", [True, False])
def test_three_entries_from_a_search_print_on_one_page(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="fr-FR")
    page = build_selection(context.new_page(), site)
    text = page.inner_text("main")
    assert "Rappeler lundi" in text
    assert "Et après ?" in text
    assert "par son réseau" in text
    assert page.is_visible("button[data-copy-url]") is False or javascript
    page.emulate_media(media="print")
    assert not page.is_visible(".print-controls")
    pdf = page.pdf(format="A4", print_background=True)
    if os.environ.get("ESSMAP_SHOTS"):  # a folder where to keep the PDF, to look at it
        (Path(os.environ["ESSMAP_SHOTS"]) / f"selection-js-{javascript}.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    paper = " ".join(pages[0].extract_text().split())
    for name in ("Accompagnement collectif", "Test d’activité en coopérative", "Coodem,"):
        assert name in paper
    assert "Rappeler lundi" in paper
    assert "Fiche éditée le" in paper
    assert "note=" not in paper  # printed as text, not as a long address
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_selection_has_no_wcag_violation_nor_sideways_scrolling(site, page_at, width):
    page = build_selection(page_at(width), site)
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_copy_link_button_copies_the_address(site, browser):
    context = browser.new_context(locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    build_selection(page, site)
    shown = page.locator(".selection-url .screen-only").inner_text()
    page.get_by_role("button", name="Copier le lien").click()
    page.wait_for_function("document.querySelector('[data-copy-status]').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    assert "Lien copié" in page.inner_text("[data-copy-status]")
    assert "note=" in shown
    assert not refused
    context.close()
