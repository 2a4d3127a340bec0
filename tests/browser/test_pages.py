"""What a person sees in a real browser: accessibility, phone width, keyboard, print."""

import time
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import signing
from django.utils import timezone

from alerts.models import Subscription
from alerts.tokens import confirmation_token
from demand.models import RecentSearch, SearchCount
from programmes.models import Person, PersonProgramme
from tests.conftest import make_programme, make_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def site(territories, live_server):
    t = territories
    t["mayenne"].latitude, t["mayenne"].longitude = 48.30737, -0.61474
    t["mayenne"].postcodes = "53100"
    t["mayenne"].save()
    apess = make_structure(
        "APESS 53",
        kind="reseau-ess",
        territories=[t["dep53"]],
        commune=t["mayenne"],
        description="Réseau de l’ESS en Mayenne.",
    )
    # With a general accompaniment: its card on searches at the création stage and on the sheet.
    coodem = make_structure(
        "Coodem", territories=[t["dep53"]], commune=t["laval"], general_stage_creation=True
    )
    mayidees = make_programme(
        "May'Idées",
        stages=["idee"],
        operators=[apess],
        formats=["collectif"],
        is_free=True,
        description="Ateliers collectifs pour préciser une idée de projet.",
    )
    test = make_programme("Test d'activité", stages=["creation"], operators=[coodem])
    mayidees.next_steps.add(test)
    person = Person.objects.create(name="Valérie V.", role="porteuse de projet", is_public=True)
    PersonProgramme.objects.create(person=person, programme=mayidees, relation="temoignage")
    Subscription.objects.create(
        email="camille@example.fr",
        query="etape=idee&territoire=53147",
        token="jeton-de-test",
        confirmed_at=timezone.now(),
        covered_until=timezone.localdate(),
    )
    # Searches counted for « Demandes sans réponse », with a keyword seen often enough to show.
    for area, outcome, searches in [
        ("dep-53", "zero", 3),
        ("dep-53", "peu", 2),
        ("reg-52", "oui", 5),
        ("", "zero", 1),
    ]:
        SearchCount.objects.create(
            day=timezone.localdate(), area=area, stage="idee", outcome=outcome, searches=searches
        )
    # Typed by three clients over two days, two of them on one day (demand.reports).
    for days_ago, client in [(1, "a"), (1, "b"), (0, "c")]:
        RecentSearch.objects.create(
            day=timezone.localdate() - timedelta(days=days_ago),
            hour=10,
            client=client,
            area="dep-53",
            stage="idee",
            keywords="epicerie",
        )
    return live_server.url


PAGES = [
    "/",
    "/programmes/?territoire=53147",
    "/programmes/?territoire=Atlantis&etape=bientot",
    "/programmes/?territoire=53147&etape=idee&q=tiers+lieu&rural=oui",
    "/programmes/?territoire=53147&etape=creation",
    "/programmes/may-idees/",
    "/structures/",
    "/structures/apess-53/",
    "/structures/coodem/",
    "/territoires/53147/",
    "/selection/?d=may-idees,test-d-activite&s=coodem&note=Rappeler+lundi+%C3%A0+10+h",
    "/selection/?d=inconnu",
    "/carte/",
    "/carte/?couche=demandes&etape=idee",
    "/demandes/",
    "/donnees/",
    "/api/",
    "/proposer/",
    "/signaler/structure/apess-53/",
    "/alertes/?territoire=53147&etape=idee",
    "/alertes/verifiez/",
    "/alertes/desabonnement/jeton-de-test/",
    "/alertes/desabonnement/inconnu/",
    "/pas-de-page/",
    "/integrer/",
    "/integrer/?territoire=53147&etape=idee",
    "/widget/53147/",
    "/widget/53147/?etape=idee&q=ateliers",
    "/widget/99999/",
    "/a-propos/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/contact/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_no_wcag_violation_and_no_sideways_scrolling(site, page_at, path, width):
    page = page_at(width)
    page.goto(site + path)
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("expired", [False, True])
def test_alert_confirmation_pages_have_no_wcag_violation(site, page_at, expired, monkeypatch):
    if expired:
        month_ago = time.time() - 30 * 86400
        monkeypatch.setattr(signing.time, "time", lambda: month_ago)
    token = confirmation_token("camille@example.fr", "etape=idee&territoire=53147")
    monkeypatch.undo()
    page = page_at(375)
    page.goto(f"{site}/alertes/confirmer/{token}/")
    heading = "Ce lien de confirmation a expiré" if expired else "Confirmer l’alerte"
    assert page.inner_text("h1") == heading
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()


def test_search_with_the_keyboard_only(site, page_at):
    page = page_at(375)
    page.goto(site + "/")
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.focus("#id_territoire")
    page.keyboard.type("Mayenne", delay=20)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # first stage: idée
    assert page.is_checked("input[name=etape][value=idee]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/programmes/**")
    # "Mayenne" is a commune and a département: the page asks which one, keeping the stage.
    assert "Choisissez votre territoire" in page.inner_text("main")
    page.focus("text=Mayenne (53) — commune")
    page.keyboard.press("Enter")
    page.wait_for_url("**territoire=53147**")
    assert "etape=idee" in page.url
    assert "1 dispositif pour Mayenne (53) — commune" in page.inner_text("#results-title")
    page.focus("text=May'Idées")
    page.keyboard.press("Enter")
    page.wait_for_url("**/programmes/may-idees/")
    assert page.inner_text("h1") == "May'Idées"
    assert "Test d'activité" in page.inner_text("section[aria-labelledby=path-title]")


def test_suggestions_appear_while_typing(site, page_at):
    page = page_at(1280)
    page.goto(site + "/")
    page.focus("#id_territoire")
    page.keyboard.type("mayen", delay=40)
    # A locator, not wait_for_function: the Content-Security-Policy forbids the eval it uses.
    page.locator("#id_territoire-suggestions option").first.wait_for(state="attached")
    options = page.eval_on_selector_all(
        "#id_territoire-suggestions option", "options => options.map(o => o.value)"
    )
    assert "Mayenne (53) — commune" in options


def test_territory_sheet_prints_without_navigation_or_filters(site, page_at):
    page = page_at(1280)
    page.goto(site + "/territoires/53147/")
    page.emulate_media(media="print")
    assert not page.is_visible(".site-header nav")
    assert page.is_visible(".print-only")
    assert site + "/territoires/53147/" in page.inner_text(".print-only")
    assert "Aucun accompagnement recensé à l’étape développement" in page.inner_text("main")
    assert "Fiche éditée le" in page.inner_text(".sheet-edition")
    assert not page.is_visible(".sheet-actions")
    assert not page.is_visible(".sheet-stages")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
