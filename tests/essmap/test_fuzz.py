"""Hostile input through the whole Django stack (middleware, views, templates, error pages):
never a 5xx, nothing reflected unescaped, JSON endpoints answer JSON.

Bounded for CI (``FUZZ_EXAMPLES``, 2,000 by default over the two tests); ``make fuzz`` sends
20,000 of the same requests to a gunicorn server. A failure prints the request, shrunk."""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.models import PublicationStatus
from tests.conftest import make_programme, make_structure
from tests.essmap import hostile

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
HYPOTHESIS = {
    "deadline": None,
    "database": None,  # nothing written in the work tree; a failure prints its seed
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}


@pytest.fixture
def site(territories, settings):
    """A small directory: published, draft and archived entries, and the paths to probe."""
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ESSMAP_PAGE_CACHE = True  # as in production
    settings.ESSMAP_SUGGESTION_RATE = "100000/h"  # the forms themselves, not the rate limit
    settings.ESSMAP_ALERT_RATE = "100000/h"
    settings.ESSMAP_SEARCH_RATE = ""
    coop = make_structure("Coopérative <b>Mayenne</b>", territories=[territories["dep53"]])
    programme = make_programme(
        "Incubateur « rural »",
        stages=("idee", "creation"),
        territories=[territories["dep53"]],
        operators=[coop],
    )
    draft = make_programme("Brouillon", published=False)
    archived = make_programme("Ancien")
    archived.publication_status = PublicationStatus.ARCHIVED
    archived.save()
    paths = [
        "/",
        "/programmes/",
        "/structures/",
        "/carte/",
        "/carte/?couche=demandes",
        "/demandes/",
        "/sante/",
        "/territoires/autocomplete/",
        "/territoires/53147/",
        "/territoires/dep-53/",
        "/territoires/FR/",
        f"/programmes/{programme.slug}/",
        f"/programmes/{draft.slug}/",
        f"/programmes/{archived.slug}/",
        f"/structures/{coop.slug}/",
        "/proposer/",
        "/proposer/merci/",
        "/donnees/",
        "/donnees/services.json",
        "/donnees/data-inclusion.xlsx",
        f"/signaler/structure/{coop.slug}/",
        f"/signaler/dispositif/{programme.slug}/merci/",
        "/alertes/",
        "/alertes/?territoire=53147&etape=idee",
        "/alertes/verifiez/",
        "/alertes/confirmer/jeton/",
        "/alertes/desabonnement/jeton/",
        "/admin/login/",
        "/admin/",
        "/static/css/essmap.css",
        "/inexistant/",
    ]
    report = ["message", "website", "contact_name", "contact_email", "commentaire"]
    forms = {
        "/proposer/": ["kind", "name", "territory", *report],
        f"/signaler/structure/{coop.slug}/": report,
        f"/signaler/dispositif/{programme.slug}/": report,
        "/admin/login/": ["username", "password", "next"],
        "/alertes/": ["email", "recherche", "commentaire"],
    }
    return paths, forms


def send(client, probe):
    extra = {"QUERY_STRING": probe.query}
    if probe.host is not None:
        extra["HTTP_HOST"] = probe.host
    response = client.generic(
        probe.method,
        probe.path,
        data=probe.body,
        content_type=probe.content_type or "application/octet-stream",
        **extra,
    )
    body = b"" if response.streaming else response.content
    return response.status_code, response.get("Content-Type", ""), body


def check(client, probe):
    status, content_type, body = send(client, probe)
    found = hostile.problems(probe, status, content_type, body)
    assert not found, f"{probe.describe()} → {status} : {', '.join(found)}"


@pytest.mark.django_db
def test_hostile_requests_to_every_public_page(site):
    paths, forms = site
    client = Client(raise_request_exception=False)

    @settings(max_examples=EXAMPLES * 3 // 4, **HYPOTHESIS)
    @given(probe=hostile.probes(paths, {}))
    def run(probe):
        check(client, probe)

    run()


@pytest.mark.django_db
def test_hostile_posts_to_every_form(site):
    paths, forms = site
    client = Client(raise_request_exception=False)
    forms_only = st.sampled_from(sorted(forms)).flatmap(
        lambda path: hostile.probes([path], {path: forms[path]})
    )

    @settings(max_examples=EXAMPLES // 4, **HYPOTHESIS)
    @given(probe=forms_only)
    def run(probe):
        check(client, probe)

    run()
