"""The public's suggestion form in a real browser: errors, keyboard, honeypot, thanks."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from suggestions.models import Suggestion
from tests.browser.test_pages import WCAG_RULES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(territories, live_server):
    cache.clear()
    yield live_server.url
    cache.clear()


def test_errors_are_accessible_and_a_keyboard_user_never_meets_the_honeypot(site, page_at):
    page = page_at(375)
    page.goto(site + "/proposer/")
    page.click("button[type=submit]")
    page.wait_for_selector(".notice-error")
    assert page.title().startswith("Erreur : ")
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # Tab through the whole form: the honeypot is never focused.
    page.focus("#id_kind_0")
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.name || ''"))
    assert "commentaire" not in focused
    assert "contact_email" in focused
    # Clipped to a 1-pixel box: nothing of it shows.
    box = page.evaluate(
        "(() => { const r = document.querySelector('.hp-field')"
        ".getBoundingClientRect(); return [r.width, r.height]; })()"
    )
    assert box[0] <= 1
    assert box[1] <= 1


def test_a_person_proposes_a_structure(site, page_at):
    page = page_at(375)
    page.goto(site + "/proposer/")
    page.check("#id_kind_0")
    page.fill("#id_name", "La Coopérative des Possibles")
    page.fill("#id_message", "Une CAE en Mayenne.")
    page.fill("#id_territory", "53147")
    page.click("button[type=submit]")
    page.wait_for_url("**/proposer/merci/")
    assert "Merci pour votre proposition" in page.inner_text("h1")
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert Suggestion.objects.get().name == "La Coopérative des Possibles"
