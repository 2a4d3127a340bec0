"""« Ma structure » in a real browser: every page of a structure's team (and a form sent with
mistakes) has 0 axe-core violation at 1280 and 375 px and no sideways scrolling; the page is
edited and published with the keyboard alone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from members.models import Membership, Role
from programmes.models import Structure
from tests.browser.test_pages import WCAG_RULES
from tests.conftest import make_programme, make_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(territories, live_server):
    t = territories
    structure = make_structure(
        "Coodem, coopérative d’activité et d’emploi de la Mayenne",
        slug="coodem",
        territories=[t["dep53"]],
        commune=t["laval"],
        general_stage_creation=True,
        description="Entreprendre en étant salarié de la coopérative.",
        declared_fields={"description": "2026-03-02"},
    )
    make_programme(
        "Test d’activité en coopérative : entreprendre en étant salarié de la coopérative",
        slug="test-activite",
        stages=["creation"],
        territories=[t["dep53"]],
        operators=[structure],
        how_to_apply="Une réunion d’information chaque mois.",
        declared_fields={"how_to_apply": "2026-03-02"},
    )
    user = get_user_model().objects.create_user("camille", "camille@coodem.example.org")
    Membership.objects.create(user=user, structure=structure, role=Role.MANAGER)
    return live_server.url, user


def signed_in(browser, site, width):
    """A page of a browser signed in as the structure's manager (the session of a test
    client, given to the browser as its cookie)."""
    url, user = site
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url,
            }
        ]
    )
    return context, context.new_page()


PAGES = [
    "/ma-structure/?liste",
    "/ma-structure/coodem/",
    "/ma-structure/coodem/fiche/",
    "/ma-structure/coodem/dispositifs/nouveau/",
    "/ma-structure/coodem/dispositifs/test-activite/",
    # The public pages, with their « déclaré par la structure » marks.
    "/structures/coodem/",
    "/programmes/test-activite/",
]


def assert_accessible(page):
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("width", [1280, 375])
def test_no_wcag_violation_and_no_sideways_scrolling(browser, site, width):
    context, page = signed_in(browser, site, width)
    for path in PAGES:
        response = page.goto(site[0] + path)
        assert response.status == 200, path
        assert_accessible(page)
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_form_with_mistakes_has_no_wcag_violation(browser, site, width):
    context, page = signed_in(browser, site, width)
    page.goto(site[0] + "/ma-structure/coodem/fiche/")
    page.get_by_label("Courriel").fill("pas une adresse")
    page.get_by_label("Code postal").fill("531")
    page.get_by_role("button", name="Publier les modifications").click()
    page.wait_for_selector(".notice-error")
    assert "La fiche n’a pas été enregistrée" in page.inner_text("main")
    assert_accessible(page)
    context.close()


def test_the_page_is_edited_with_the_keyboard_alone(browser, site):
    context, page = signed_in(browser, site, 375)
    page.goto(site[0] + "/ma-structure/coodem/")
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.get_by_role("link", name="Modifier la fiche").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fiche/$"))
    page.get_by_label("Présentation").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Une coopérative pour entreprendre salarié, en Mayenne.", delay=5)
    # Tab through the whole form to its button.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Publier les modifications":
            break
    else:
        pytest.fail("le bouton « Publier les modifications » n’est pas atteint au clavier")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ma-structure/coodem/$"))
    assert "Vos modifications sont publiées" in page.inner_text("main")
    assert Structure.objects.get(slug="coodem").description.startswith("Une coopérative pour")
    context.close()


def test_a_curator_marks_a_change_seen_in_one_click(browser, site):
    from self_service import services
    from self_service.models import ChangeReview, ReviewStatus

    url, member = site
    structure = Structure.objects.get(slug="coodem")
    services.publish_changes(structure, member, {"description": "Relue en un clic."}, {})
    curator = get_user_model().objects.create_superuser("curatrice", "c@example.org", "x")
    context, page = signed_in(browser, (url, curator), 1280)
    page.goto(url + "/admin/self_service/changereview/")
    assert "description" in page.inner_text("#result_list")
    page.get_by_role("button", name="Vu").click()
    page.wait_for_selector(".messagelist")
    assert ChangeReview.objects.get().status == ReviewStatus.SEEN
    context.close()
