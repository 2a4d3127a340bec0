"""« Vous travaillez ici ? Gérer cette fiche » : the link on every published structure page, the
form, and what each route sends."""

import pytest
from django.test import Client

from members.models import Claim, ClaimRoute, ClaimStatus, Membership
from tests.conftest import make_structure
from tests.members.conftest import link_in, make_member

pytestmark = pytest.mark.django_db


def claim(client, slug, email, name="Léa Martin", consent="on", address="192.0.2.7"):
    data = {"name": name, "email": email, "commentaire": ""}
    if consent:
        data["consent"] = consent
    return client.post(f"/structures/{slug}/gerer/", data, REMOTE_ADDR=address)


def test_every_published_structure_page_links_to_its_claim(coop):
    page = Client().get(coop.get_absolute_url())
    assert 'href="/structures/coop-monts/gerer/"' in page.content.decode()
    html = page.content.decode()
    assert "Vous travaillez ici ? Gérer cette fiche" in html
    # In the Contact section, beside the facts a team keeps, not after the sources.
    contact = html.index('id="contact-title"')
    assert contact < html.index("Vous travaillez ici") < html.index("Sources et fraîcheur")


def test_a_draft_cannot_be_claimed(db):
    draft = make_structure("Brouillon", published=False, slug="brouillon")
    assert Client().get(f"/structures/{draft.slug}/gerer/").status_code == 404


def test_the_form_states_purpose_and_retention():
    structure = make_structure("Asso", slug="asso")
    html = Client().get(f"/structures/{structure.slug}/gerer/").content.decode()
    assert "jamais publiés" in html
    assert "un an après la décision" in html
    assert 'name="consent"' in html
    assert "csrfmiddlewaretoken" in html


def test_without_consent_nothing_is_kept(coop, mailoutbox):
    page = claim(Client(), "coop-monts", "lea@coop-monts.fr", consent="")
    assert page.status_code == 400
    assert "Cochez la case" in page.content.decode()
    assert not Claim.objects.exists()
    assert mailoutbox == []


def test_a_matching_domain_makes_a_manager_who_receives_a_link(coop, mailoutbox):
    sent = claim(Client(), "coop-monts", "lea@coop-monts.fr")
    assert sent.status_code == 302
    page = Client().get(sent["Location"])
    assert "Vous gérez désormais la fiche" in page.content.decode()
    assert Membership.objects.get(structure=coop).user.email == "lea@coop-monts.fr"
    assert [m.to for m in mailoutbox] == [["lea@coop-monts.fr"]]
    client = Client()
    token = client.get(link_in(mailoutbox[0])).context["token"]
    signed_in = client.post("/connexion/lien/", {"jeton": token, "suite": "/ma-structure/x/"})
    assert signed_in.status_code == 302
    assert client.get("/ma-structure/coop-monts/equipe/").status_code == 200


def test_with_managers_the_managers_are_told(coop, mailoutbox):
    make_member("chef@coop-monts.fr", coop)
    sent = claim(Client(), "coop-monts", "lea@coop-monts.fr")
    assert "aux gestionnaires" in Client().get(sent["Location"]).content.decode()
    assert [m.to for m in mailoutbox] == [["chef@coop-monts.fr"]]
    assert "/ma-structure/coop-monts/equipe/" in mailoutbox[0].body
    assert Claim.objects.get().route == ClaimRoute.MANAGERS


def test_another_domain_goes_to_the_curators_queue(coop, mailoutbox):
    sent = claim(Client(), "coop-monts", "lea@gmail.com")
    assert "aux curateurs" in Client().get(sent["Location"]).content.decode()
    assert Claim.objects.get().status == ClaimStatus.PENDING
    assert mailoutbox == []  # the weekly digest tells them


def test_the_claim_form_is_rate_limited_per_client(coop, settings):
    settings.ESSMAP_CLAIM_RATE = "2/h"
    client = Client()
    for number in range(2):
        assert claim(client, "coop-monts", f"p{number}@ailleurs.fr").status_code == 302
    refused = claim(client, "coop-monts", "p3@ailleurs.fr")
    assert refused.status_code == 429
    assert Claim.objects.count() == 2


def test_the_honeypot_records_nothing(coop):
    Client().post(
        "/structures/coop-monts/gerer/",
        {"name": "Bot", "email": "b@coop-monts.fr", "consent": "on", "commentaire": "spam"},
    )
    assert not Claim.objects.exists()
    assert not Membership.objects.exists()
