"""On a 375 × 667 phone, the first result's name and its contact line show without scrolling
(issue 24, items 10 and 11),
for the six journeys of the issue on the shipped content, and for a whole city whose
arrondissements have more (the list of arrondissements, the banner and the sheet's link come
below or in one line). The same page keeps every part on a wide screen, 0 axe violations.

The shipped content is loaded once for the module (``shipped_data``); the browser's requests
are answered by Django's test client (``serve``, as in test_print_sheet.py)."""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_pages import WCAG_RULES
from tests.browser.test_print_sheet import serve

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 375, "height": 667}

# (place, the person's sentence, stage). The place as the list's address names it once typed:
# the name or postal code redirects there (Ernée 53096, 59300 Valenciennes 59606, Pouzauges
# 85182, 75018 Paris 18e 75118, Annemasse 74012); Aubusson is the Creuse commune (23008),
# picked from the choice the name offers (two communes bear it).
JOURNEYS = [
    ("53096", "ouvrir une épicerie dans mon village", "idee"),
    ("23008", "céramiste, tester mon activité en coopérative", "creation"),
    ("59606", "on est 5, on veut créer une SCIC", "creation"),
    ("85182", "notre association veut se développer et embaucher", "developpement"),
    ("75118", "je suis réfugiée, je veux créer une coopérative de cuisine", "idee"),
    ("74012", "incubateur pour mon projet zéro déchet", "creation"),
    # The whole city: a banner, the sheet's link and its arrondissements that have more.
    ("75056", "je suis réfugiée, je veux créer une coopérative de cuisine", "idee"),
]


def path_of(place, sentence, stage):
    return "/programmes/?" + urlencode({"q": sentence, "territoire": place, "etape": stage})


@pytest.fixture
def phone(browser, client):
    pages = []

    def open_page(path, **size):
        page = browser.new_page(viewport=size or PHONE, locale="fr-FR")
        pages.append(page)
        return serve(page, client, path)

    yield open_page
    for page in pages:
        page.close()


def box(page, selector):
    return page.eval_on_selector(
        selector, "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; }"
    )


@pytest.mark.parametrize(("place", "sentence", "stage"), JOURNEYS)
def test_the_first_card_name_shows_without_scrolling(shipped_data, phone, place, sentence, stage):
    page = phone(path_of(place, sentence, stage))
    assert page.query_selector(".results .card .card-title"), "no result"
    _, bottom = box(page, ".results .card .card-title")
    assert bottom <= PHONE["height"], f"{place}: the first card's name ends at {bottom:.0f} px"
    # And how to reach whoever runs it, the card's one line of contact (item 11).
    _, bottom = box(page, ".results .card .contact")
    assert bottom <= PHONE["height"], f"{place}: the first card's contact ends at {bottom:.0f} px"
    # Still in order for a screen reader: the title, the count, then the first card.
    assert page.evaluate("document.querySelectorAll('h1').length") == 1
    assert box(page, "h1")[1] <= box(page, "#results-title")[0]
    assert page.evaluate("window.scrollY") == 0


def test_on_a_phone_the_page_stays_accessible_and_keeps_every_part(shipped_data, phone):
    page = phone(path_of(*JOURNEYS[-1]))
    text = page.inner_text("main")
    assert "Voir la fiche du territoire" in text
    assert "Paris 18e Arrondissement" in text  # below the first results, still there
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_on_a_wide_screen_nothing_is_lost(shipped_data, phone):
    page = phone(path_of(*JOURNEYS[-1]), width=1280, height=900)
    assert page.is_visible("#id_q")  # the filters beside the results
    assert page.is_visible("text=Voir la fiche du territoire Paris (75)")
    assert page.is_visible("text=Paris 18e Arrondissement")
    assert page.is_visible("h1")
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
