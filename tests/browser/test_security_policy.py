"""The Content-Security-Policy in a real browser: public pages and the administration (Django,
django-import-export and django-simple-history templates) run with nothing refused, and the
admin's scripts do run."""

import pytest
from django.contrib.auth.models import User

from tests.conftest import make_programme, make_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(territories, live_server):
    coop = make_structure("Coop de Mayenne", territories=[territories["dep53"]])
    programme = make_programme("Incubateur rural", operators=[coop])
    User.objects.create_superuser("admin", "admin@example.fr", "un-mot-de-passe-long")
    return live_server.url, coop, programme


def refusals(page):
    """Every CSP refusal the page reports in its console, kept in a list as they come."""
    refused = []

    def keep(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url} : {message.text}")

    page.on("console", keep)
    return refused


def test_public_pages_need_nothing_inline(site, page_at):
    url, coop, programme = site
    page = page_at(1280)
    refused = refusals(page)
    for path in [
        "/",
        "/programmes/?territoire=53147&etape=idee",
        f"/programmes/{programme.slug}/",
        f"/structures/{coop.slug}/",
        "/territoires/53147/",
        "/carte/",
        "/proposer/",
        "/pas-de-page/",
        "/integrer/?territoire=53147",
        "/widget/53147/?etape=idee",
        "/a-propos/",
    ]:
        response = page.goto(url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(url + "/programmes/")
    page.fill("#id_territoire", "Maye")  # the autocomplete script runs and fetches
    page.locator("datalist option").first.wait_for(state="attached")
    assert refused == []


def test_the_admin_works_under_the_policy(site, page_at):
    url, coop, programme = site
    page = page_at(1280)
    refused = refusals(page)
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "un-mot-de-passe-long")
    page.click("input[type=submit]")
    page.wait_for_url(url + "/admin/")
    for path in [
        "/admin/",
        "/admin/programmes/programme/",
        "/admin/programmes/programme/add/",
        f"/admin/programmes/programme/{programme.pk}/change/",
        f"/admin/programmes/programme/{programme.pk}/history/",
        "/admin/programmes/programme/import/",
        "/admin/programmes/programme/export/",
        "/admin/programmes/structure/",
        "/admin/territories/territory/",
        "/admin/suggestions/suggestion/",
        "/admin/auth/user/",
    ]:
        response = page.goto(url + path)
        assert response.status == 200, path
    # The admin's own scripts ran: the change form's related-object links and autocomplete.
    page.goto(url + f"/admin/programmes/programme/{programme.pk}/change/")
    assert page.evaluate("typeof django !== 'undefined' && typeof django.jQuery === 'function'")
    page.goto(url + "/admin/programmes/programme/export/")
    page.click("input.select-toggle")  # import-export's "select all", an inline handler
    assert page.evaluate(
        "[...document.querySelectorAll('.selectable-field-export-row input[type=checkbox]')]"
        ".every(box => !box.checked)"
    )
    assert refused == []
