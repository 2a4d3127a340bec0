"""On a phone, the answer first (issue 12, section 5): after a search at 375 px the count and
the first result show without scrolling, the filters fold behind « Affiner » (which works
without JavaScript), nothing scrolls sideways and axe finds nothing to fix. Also the place as
typed (section 4): a postal code, its choice list, the stage kept on the territory sheet."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from territories.models import TerritoryKind
from tests.conftest import make_programme, make_structure, make_territory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 375, "height": 667}  # a small phone's screen, portrait


@pytest.fixture
def site(territories, live_server):
    t = territories
    t["mayenne"].latitude, t["mayenne"].longitude = 48.30737, -0.61474
    t["mayenne"].postcodes = "53100"
    t["mayenne"].save()
    moulay = make_territory(
        TerritoryKind.COMMUNE, "53161", "Moulay", [t["cc_mayenne"], t["dep53"], t["pdl"]], 1000
    )
    moulay.postcodes = "53100"
    moulay.save()
    dep23 = make_territory(TerritoryKind.DEPARTEMENT, "23", "Creuse", [t["na"]])
    for code, name, population in [("23079", "Felletin", 1700), ("23071", "Croze", 150)] + [
        (f"2319{i}", f"Village {i}", 300) for i in range(6)
    ]:
        commune = make_territory(TerritoryKind.COMMUNE, code, name, [dep23, t["na"]], population)
        commune.postcodes = "23500"
        commune.save()
    apess = make_structure(
        "APESS 53", kind="reseau-ess", territories=[t["dep53"]], commune=t["mayenne"]
    )
    coodem = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    for i in range(4):
        make_programme(
            f"Création en Mayenne {i}",
            stages=["creation"],
            operators=[coodem],
            formats=["collectif"],
            publics=["jeunes"],
            is_free=True,
            description="Tester son activité au sein d’une coopérative.",
        )
    make_programme("May'Idées", stages=["idee"], operators=[apess])
    return live_server.url


def phone(browser, **options):
    return browser.new_page(viewport=PHONE, locale="fr-FR", **options)


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def top_and_bottom(page, selector):
    return page.eval_on_selector(
        selector, "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; }"
    )


def test_after_a_search_on_a_phone_the_count_and_first_result_show_first(site, browser):
    page = phone(browser)
    try:
        page.goto(site + "/")
        page.fill("#id_territoire", "53100")  # a postal code, typed: no suggestion picked
        page.check("input[name=etape][value=creation]")
        page.click("main button[type=submit]")
        page.wait_for_url("**/programmes/?territoire=53147&etape=creation*")
        height = page.evaluate("window.innerHeight")
        count_top, count_bottom = top_and_bottom(page, "#results-title")
        assert "4 dispositifs pour Mayenne (53) — commune" in page.inner_text("#results-title")
        first_top, _ = top_and_bottom(page, ".results .card")
        assert 0 <= count_top < count_bottom <= height
        assert first_top < height
        # The filters wait behind « Affiner », folded.
        assert page.is_visible("summary:has-text('Affiner')")
        assert not page.is_visible("#id_q")
        assert_accessible(page)
        page.click("summary:has-text('Affiner')")
        assert page.is_visible("#id_q")
        assert page.is_visible("text=Création (4)")
        assert_accessible(page)
    finally:
        page.close()


def test_affiner_unfolds_without_javascript(site, browser):
    page = phone(browser, java_script_enabled=False)
    try:
        page.goto(site + "/programmes/?territoire=53147&etape=creation")
        assert not page.is_visible("#id_q")
        page.click("summary:has-text('Affiner')")
        assert page.is_visible("#id_q")
        page.fill("#id_q", "coopérative")
        page.click(".filters button[type=submit]")
        page.wait_for_url("**q=coop**")
        assert "4 dispositifs" in page.inner_text("#results-title")
    finally:
        page.close()


@pytest.mark.parametrize(
    "path",
    [
        "/programmes/?territoire=40123&etape=creation",  # nothing found in Herm
        "/programmes/?territoire=Atlantis",  # an error
        "/structures/?territoire=40123",  # no structure in Herm
    ],
)
def test_filters_are_open_when_nothing_is_found_or_the_search_failed(site, browser, path):
    page = phone(browser)
    try:
        page.goto(site + path)
        assert page.is_visible("#id_territoire")
        assert_accessible(page)
    finally:
        page.close()


def test_on_a_wide_screen_the_filters_stay_beside_the_results(site, page_at):
    page = page_at(1280)
    page.goto(site + "/programmes/?territoire=53147&etape=creation")
    assert page.is_visible("#id_q")
    filters_left = page.eval_on_selector(".refine", "e => e.getBoundingClientRect().right")
    results_left = page.eval_on_selector(".results", "e => e.getBoundingClientRect().left")
    assert filters_left <= results_left
    assert_accessible(page)


def test_a_postal_code_of_several_communes_offers_them_on_a_phone(site, browser):
    page = phone(browser)
    try:
        page.goto(site + "/programmes/?territoire=23500&etape=idee")
        main = page.inner_text("main")
        assert "Aucun territoire ne correspond" not in main
        assert "Plusieurs communes ont le code postal « 23500 »" in main
        assert_accessible(page)
        page.click("text=Felletin (23) — commune")
        page.wait_for_url("**/programmes/?territoire=23079&etape=idee")
    finally:
        page.close()


def test_the_sheet_opens_on_the_stage_of_the_search(site, browser):
    page = phone(browser)
    try:
        page.goto(site + "/programmes/?territoire=53147&etape=creation")
        page.click("text=Voir la fiche du territoire")
        page.wait_for_url("**/territoires/53147/?etape=creation#etape-creation")
        height = page.evaluate("window.innerHeight")
        top, _ = top_and_bottom(page, "#stage-creation")
        assert 0 <= top < height
        # That stage only: a shorter page than the whole sheet, whose other stages are a link
        # away at its top.
        assert page.locator("#etape-idee, #etape-developpement").count() == 0
        assert_accessible(page)
        one_stage = page.evaluate("document.documentElement.scrollHeight")
        page.goto(site + "/territoires/53147/")
        assert page.evaluate("document.documentElement.scrollHeight") > one_stage
        top, _ = top_and_bottom(page, ".sheet-stages a[href$='?etape=creation']")
        assert 0 <= top < height
    finally:
        page.close()
