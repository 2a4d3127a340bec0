"""A structure's team page: managers invite, remove and decide claims; editors read; anyone
else gets a 404, whatever the slug or the id typed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from members import claims
from members.models import Claim, ClaimStatus, Invitation, Membership, Role
from tests.members.conftest import link_in, make_member

pytestmark = pytest.mark.django_db
TEAM = "/ma-structure/coop-monts/equipe/"


def signed_in(user, csrf=False):
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_signed_out_people_are_sent_to_sign_in(coop):
    page = Client().get(TEAM)
    assert page.status_code == 302
    assert page["Location"] == f"/connexion/?suite={TEAM}"


def test_a_manager_sees_members_invitations_and_claims(coop):
    chef = make_member("chef@coop-monts.fr", coop)
    make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    claims.submit(coop, "Léa Martin", "lea@ailleurs.fr")
    html = signed_in(chef).get(TEAM).content.decode()
    assert "redac@coop-monts.fr" in html
    assert "Léa Martin" in html
    assert "Envoyer l’invitation" in html
    assert "Accepter" in html


def test_an_editor_sees_the_members_but_neither_claims_nor_forms(coop):
    make_member("chef@coop-monts.fr", coop)
    editor = make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    claims.submit(coop, "Léa Martin", "lea@ailleurs.fr")
    html = signed_in(editor).get(TEAM).content.decode()
    assert "chef@coop-monts.fr" in html
    assert "Léa Martin" not in html
    assert "Envoyer l’invitation" not in html


def test_an_editor_cannot_invite_remove_or_decide(coop, mailoutbox):
    chef = make_member("chef@coop-monts.fr", coop)
    editor = make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    client = signed_in(editor)
    assert client.post(f"{TEAM}inviter/", {"email": "x@a.fr", "role": "manager"}).status_code == 403
    membership = Membership.objects.get(user=chef)
    assert client.post(f"{TEAM}retirer/", {"membership": membership.pk}).status_code == 403
    decide = {"claim": claim.pk, "decision": "accept", "role": "manager"}
    assert client.post(f"{TEAM}demandes/", decide).status_code == 403
    assert not Invitation.objects.exists()
    assert mailoutbox == []
    assert Membership.objects.count() == 2
    assert Claim.objects.get().is_pending


def test_an_invitation_sends_a_link_that_makes_a_member(coop, mailoutbox):
    chef = make_member("chef@coop-monts.fr", coop)
    sent = signed_in(chef).post(f"{TEAM}inviter/", {"email": "Sam@Ailleurs.fr", "role": "editor"})
    assert sent.status_code == 302
    assert [m.to for m in mailoutbox] == [["sam@ailleurs.fr"]]
    assert not Membership.objects.filter(user__email="sam@ailleurs.fr").exists()
    client = Client()
    token = client.get(link_in(mailoutbox[0])).context["token"]
    client.post("/connexion/lien/", {"jeton": token})
    membership = Membership.objects.get(user__email="sam@ailleurs.fr")
    assert membership.role == Role.EDITOR
    assert membership.history.first().history_user == membership.user
    assert Invitation.objects.get().accepted_at is not None


def test_the_invitations_of_a_manager_are_capped_per_day(coop, settings, mailoutbox):
    settings.ESSMAP_INVITATIONS_PER_DAY = 2
    client = signed_in(make_member("chef@coop-monts.fr", coop))
    for number in range(2):
        client.post(f"{TEAM}inviter/", {"email": f"p{number}@ailleurs.fr", "role": "editor"})
    refused = client.post(f"{TEAM}inviter/", {"email": "p3@ailleurs.fr", "role": "editor"})
    assert refused.status_code == 400
    assert "réessayez demain" in refused.content.decode()
    assert Invitation.objects.count() == 2
    assert len(mailoutbox) == 2
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert (
        client.post(f"{TEAM}inviter/", {"email": "p3@ailleurs.fr", "role": "editor"}).status_code
        == 302
    )


def test_a_staff_address_cannot_be_invited(coop, django_user_model, mailoutbox):
    django_user_model.objects.create_user("cur", "cur@essmap.fr", is_staff=True)
    client = signed_in(make_member("chef@coop-monts.fr", coop))
    page = client.post(f"{TEAM}inviter/", {"email": "cur@essmap.fr", "role": "manager"})
    assert page.status_code == 400
    assert mailoutbox == []


def test_a_manager_removes_a_colleague_with_the_change_attributed(coop):
    chef = make_member("chef@coop-monts.fr", coop)
    editor = make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    membership = Membership.objects.get(user=editor)
    signed_in(chef).post(f"{TEAM}retirer/", {"membership": membership.pk})
    assert not Membership.objects.filter(user=editor).exists()
    removal = Membership.history.filter(id=membership.pk, history_type="-").get()
    assert removal.history_user == chef
    assert removal.history_change_reason.startswith("Par l’équipe de la structure (manager)")


def test_the_last_manager_cannot_remove_themself(coop):
    chef = make_member("chef@coop-monts.fr", coop)
    editor = make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    team = signed_in(chef).get(TEAM).content.decode()
    # No « Retirer » offered for the last manager; the editor's is.
    assert "Retirer chef@coop-monts.fr" not in team
    assert "Retirer redac@coop-monts.fr" in team
    assert "dernier gestionnaire : nommez-en un autre" in team
    Membership.objects.filter(user=editor).delete()
    page = signed_in(chef).post(
        f"{TEAM}retirer/", {"membership": Membership.objects.get(user=chef).pk}, follow=True
    )
    assert "dernier gestionnaire" in page.content.decode()
    assert Membership.objects.filter(user=chef).exists()


def test_a_manager_accepts_a_claim(coop, mailoutbox):
    chef = make_member("chef@coop-monts.fr", coop)
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    decide = {"claim": claim.pk, "decision": "accept", "role": "editor"}
    signed_in(chef).post(f"{TEAM}demandes/", decide)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert claim.decided_by == chef
    membership = Membership.objects.get(user__email="lea@ailleurs.fr")
    assert membership.role == Role.EDITOR
    assert membership.history.first().history_user == chef
    assert [m.to for m in mailoutbox] == [["lea@ailleurs.fr"]]


def test_a_manager_refuses_a_claim(coop, mailoutbox):
    chef = make_member("chef@coop-monts.fr", coop)
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    signed_in(chef).post(f"{TEAM}demandes/", {"claim": claim.pk, "decision": "refuse"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REFUSED
    assert not Membership.objects.filter(user__email="lea@ailleurs.fr").exists()
    assert "n’a pas été acceptée" in mailoutbox[0].body
