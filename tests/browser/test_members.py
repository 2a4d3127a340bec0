"""The members' pages in a real browser at phone width: no WCAG violation, no sideways
scrolling, and the whole way from a sign-in link to inviting a colleague by keyboard only."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from members.models import Invitation, Membership, Role
from members.sign_in import sign_in_url
from tests.browser.test_pages import WCAG_RULES
from tests.conftest import make_structure
from tests.members.conftest import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(territories, live_server, settings):
    settings.ESSMAP_SITE_URL = live_server.url
    cache.clear()
    coop = make_structure(
        "Coopérative des Monts", website="https://www.coop-monts.fr", slug="coop-monts"
    )
    chef = make_member("chef@coop-monts.fr", coop)
    make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    return live_server.url, chef


def check(page):
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(
    "path",
    [
        "/connexion/",
        "/connexion/envoye/",
        "/connexion/lien/?jeton=perime",
        "/deconnexion/",
        "/structures/coop-monts/gerer/",
        "/structures/coop-monts/gerer/envoyee/?issue=automatic",
    ],
)
def test_public_members_pages_at_phone_width(team, page_at, path):
    site, _ = team
    page = page_at(375)
    page.goto(site + path)
    check(page)


def test_from_the_link_to_an_invitation_by_keyboard_at_phone_width(team, page_at):
    site, chef = team
    page = page_at(375)
    page.goto(sign_in_url(chef, "/ma-structure/coop-monts/equipe/"))
    check(page)
    page.locator("button", has_text="Se connecter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ma-structure/coop-monts/equipe/")
    check(page)
    page.locator("#id_email").focus()
    page.keyboard.type("sam@ailleurs.fr")
    page.keyboard.press("Tab")  # the first role
    page.keyboard.press("Space")
    page.locator("button", has_text="Envoyer l’invitation").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Invitation envoyée à sam@ailleurs.fr")
    check(page)
    assert Invitation.objects.get().email == "sam@ailleurs.fr"
    page.goto(site + "/mon-compte/")
    check(page)
    assert Membership.objects.count() == 2
