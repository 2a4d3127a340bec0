"""Issue 25's acceptance path, whole, in chromium against the live server: a person who works
at a structure nobody manages claims its page with an address at its domain (accepted at
once), signs in by the link of the e-mail, changes the phone and adds a programme that a search
finds at once, marked « déclaré par la structure »; a curator then restores the previous phone
from the review queue. axe-core finds 0 violation on the claim page, « Ma structure » and the
programme form at 375 px.

With ESSMAP_SHOTS_DIR set, full-page screenshots at 1280 and 375 px of the claim page, « Ma
structure », the programme form, the team page and the curators' queue are written there (the
closing note's pictures); without it, no file is written."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from members.claims import route_for
from members.models import ClaimRoute, Membership, Role
from programmes.models import Programme, PublicationStatus, Structure
from self_service.models import ChangeReview, ReviewStatus
from tests.browser.test_pages import WCAG_RULES
from tests.conftest import make_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The reserved top-level domain « .example » (RFC 2606) is not in the public suffix list, so
# its registrable domain is « cae-bocage.example » itself: the claim rule is exercised as for a
# real site. Under « example.org » every structure would share the registrable domain
# « example.org », and any *.example.org address would prove working at any of them.
WEBSITE = "https://www.cae-bocage.example/"
EMAIL = "camille.martin@cae-bocage.example"
OLD_PHONE = "02 43 00 00 00"
NEW_PHONE = "02 43 00 00 01"
PROGRAMME = "Couveuse du Bocage mayennais"
SHOT_WIDTHS = (1280, 375)


@pytest.fixture
def site(territories, live_server, settings):
    settings.ESSMAP_SITE_URL = live_server.url
    cache.clear()
    make_structure(
        "Coopérative d’activité du Bocage",
        slug="cae-bocage",
        website=WEBSITE,
        phone=OLD_PHONE,
        territories=[territories["dep53"]],
        commune=territories["laval"],
        general_stage_idee=True,
        description="Une coopérative d’activité et d’emploi en Mayenne.",
    )
    return live_server.url


def digits(text):
    return re.sub(r"\D", "", text)


def check(page):
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options=WCAG_RULES)
    assert results.violations_count == 0, results.generate_snapshot()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def shoot(page, name):
    """Full-page screenshots of ``page`` at each width, when ESSMAP_SHOTS_DIR names a folder."""
    folder = os.environ.get("ESSMAP_SHOTS_DIR")
    if not folder:
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in SHOT_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(size)


def test_a_structure_keeps_its_own_page(site, browser):
    structure = Structure.objects.get(slug="cae-bocage")
    assert not Membership.objects.filter(structure=structure).exists()
    # The rule this path relies on, and its other side: another domain goes to the curators.
    assert route_for(structure, EMAIL) == ClaimRoute.AUTOMATIC
    assert route_for(structure, "camille@autre-cae.example") == ClaimRoute.CURATORS

    person = browser.new_context(viewport={"width": 375, "height": 900}, locale="fr-FR")
    page = person.new_page()

    # 1. The public page, then « Vous travaillez ici ? Gérer cette fiche ».
    page.goto(site + "/structures/cae-bocage/")
    page.get_by_role("link", name="Vous travaillez ici ? Gérer cette fiche").click()
    page.wait_for_url("**/structures/cae-bocage/gerer/")
    check(page)
    shoot(page, "claim")
    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre adresse électronique professionnelle").fill(EMAIL)
    page.get_by_label("J’accepte qu’essmap conserve").check()
    page.get_by_role("button", name="Demander à gérer cette fiche").click()
    page.wait_for_url("**/gerer/envoyee/**")
    membership = Membership.objects.get(structure=structure)
    assert (membership.user.email, membership.role) == (EMAIL, Role.MANAGER)

    # 2. The sign-in link of the e-mail, then « Se connecter ».
    (message,) = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/connexion/lien/\?jeton=\S+", message.body).group(0)
    assert link.startswith(site)
    page.goto(link)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/ma-structure/cae-bocage/")
    check(page)

    # 3. « Ma structure »: the phone.
    page.get_by_role("link", name="Modifier la fiche").click()
    page.wait_for_url("**/ma-structure/cae-bocage/fiche/")
    page.get_by_label("Téléphone").fill(NEW_PHONE)
    page.get_by_role("button", name="Publier les modifications").click()
    page.wait_for_url("**/ma-structure/cae-bocage/")
    assert "Vos modifications sont publiées" in page.inner_text("main")

    # 4. A programme at stage « création », serving the structure's département.
    page.get_by_role("link", name="Ajouter un dispositif").click()
    page.wait_for_url("**/dispositifs/nouveau/")
    check(page)
    shoot(page, "programme-form")
    page.get_by_label("Nom").first.fill(PROGRAMME)
    page.get_by_label("Création").check()
    page.get_by_label("Ajouter un territoire").fill("dep-53")
    page.keyboard.press("Escape")  # close the autocomplete's list, if it opened
    page.get_by_role("button", name="Envoyer le dispositif").click()
    page.wait_for_url("**/ma-structure/cae-bocage/")
    assert "Le dispositif est publié" in page.inner_text("main")
    check(page)
    shoot(page, "ma-structure")
    programme = Programme.objects.get(name=PROGRAMME)
    assert programme.publication_status == PublicationStatus.PUBLISHED

    # 5. A search finds it at once (Laval, in Mayenne, at stage création); its page says who
    # declared it.
    page.goto(site + "/programmes/?territoire=53130&etape=creation")
    page.get_by_role("link", name=PROGRAMME).first.click()
    page.wait_for_url(f"**{programme.get_absolute_url()}")
    assert "déclaré par la structure" in page.inner_text("main")

    page.goto(site + "/ma-structure/cae-bocage/equipe/")
    assert "Camille Martin" in page.inner_text("main")
    shoot(page, "team")
    person.close()

    # 6. A curator restores the previous phone from the review queue.
    get_user_model().objects.create_superuser("curatrice", "c@example.org", "mot de passe long")
    curator = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    admin = curator.new_page()
    admin.goto(site + "/admin/login/?next=/admin/self_service/changereview/")
    admin.fill("#id_username", "curatrice")
    admin.fill("#id_password", "mot de passe long")
    admin.locator("input[type=submit]").click()
    admin.wait_for_url("**/admin/self_service/changereview/")
    queue = admin.inner_text("#result_list")
    assert "téléphone" in queue.lower()
    shoot(admin, "curators-queue")
    review = ChangeReview.objects.get(structure=structure)
    admin.goto(site + f"/admin/self_service/changereview/{review.pk}/change/")
    detail = digits(admin.inner_text("#content"))
    assert digits(OLD_PHONE)[1:] in detail  # before
    assert digits(NEW_PHONE)[1:] in detail  # after
    admin.get_by_role("button", name="Restaurer la version précédente", exact=True).click()
    admin.wait_for_selector(".messagelist")
    review.refresh_from_db()
    assert review.status == ReviewStatus.RESTORED
    curator.close()

    visitor = browser.new_page(viewport={"width": 375, "height": 900}, locale="fr-FR")
    visitor.goto(site + "/structures/cae-bocage/")
    shown = digits(visitor.inner_text("main"))
    assert digits(OLD_PHONE)[1:] in shown
    assert digits(NEW_PHONE)[1:] not in shown
    visitor.close()
