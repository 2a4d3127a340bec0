"""A member of one structure reaches nothing of another by typing its slug or ids; every form
needs its CSRF token."""

import pytest
from django.test import Client

from members import claims
from members.models import Claim, Membership, Role
from tests.members.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_teams(coop, other):
    mine = make_member("chef@coop-monts.fr", coop)
    theirs = make_member("chef@val.example.org", other)
    make_member("redac@val.example.org", other, Role.EDITOR)
    claim = claims.submit(other, "Léa", "lea@ailleurs.fr")  # to the Val's managers
    client = Client()
    client.force_login(mine)
    return client, mine, theirs, claim


def test_another_structures_team_is_a_404(two_teams):
    client, *_ = two_teams
    page = client.get("/ma-structure/val/equipe/")
    assert page.status_code == 404
    assert "Léa" not in page.content.decode()
    assert "val.example.org" not in page.content.decode()
    assert client.get("/ma-structure/inexistante/equipe/").status_code == 404


def test_another_structures_claim_cannot_be_decided_by_its_id(two_teams):
    client, *_, claim = two_teams
    decide = {"claim": claim.pk, "decision": "accept", "role": "manager"}
    assert client.post("/ma-structure/val/equipe/demandes/", decide).status_code == 404
    # Through one's own structure's address, the other's claim id is not found either.
    assert client.post("/ma-structure/coop-monts/equipe/demandes/", decide).status_code == 404
    assert Claim.objects.get(pk=claim.pk).is_pending


def test_another_structures_member_cannot_be_removed_by_its_id(two_teams):
    client, _, theirs, _ = two_teams
    membership = Membership.objects.get(user=theirs)
    for slug in ("val", "coop-monts"):
        page = client.post(f"/ma-structure/{slug}/equipe/retirer/", {"membership": membership.pk})
        assert page.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_nobody_invites_into_another_structure(two_teams, mailoutbox):
    client, *_ = two_teams
    data = {"email": "complice@ailleurs.fr", "role": "manager"}
    assert client.post("/ma-structure/val/equipe/inviter/", data).status_code == 404
    assert mailoutbox == []


def test_a_curator_without_membership_has_no_team_page(two_teams, admin_user):
    client = Client()
    client.force_login(admin_user)
    assert client.get("/ma-structure/val/equipe/").status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/ma-structure/coop-monts/equipe/inviter/", {"email": "x@a.fr", "role": "editor"}),
        ("/ma-structure/coop-monts/equipe/retirer/", {"membership": "1"}),
        ("/ma-structure/coop-monts/equipe/demandes/", {"claim": "1", "decision": "refuse"}),
        ("/mon-compte/supprimer/", {"confirm": "on"}),
        ("/deconnexion/", {}),
    ],
)
def test_every_members_form_needs_its_csrf_token(coop, path, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member("chef@coop-monts.fr", coop))
    assert client.post(path, data).status_code == 403
    assert Membership.objects.exists()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/connexion/", {"email": "x@a.fr"}),
        ("/connexion/lien/", {"jeton": "x"}),
        (
            "/structures/coop-monts/gerer/",
            {"name": "A", "email": "a@coop-monts.fr", "consent": "on"},
        ),
    ],
)
def test_the_public_forms_need_their_csrf_token(coop, path, data, mailoutbox):
    assert Client(enforce_csrf_checks=True).post(path, data).status_code == 403
    assert mailoutbox == []
    assert not Claim.objects.exists()


@pytest.mark.parametrize("bad", ["", "abc", "-1", "0", "99999999999999999999", "1\x00", "１"])
def test_hostile_ids_are_a_404_never_a_500(coop, bad):
    client = Client()
    client.force_login(make_member("chef@coop-monts.fr", coop))
    team = "/ma-structure/coop-monts/equipe/"
    assert client.post(f"{team}retirer/", {"membership": bad}).status_code == 404
    decide = {"claim": bad, "decision": "accept", "role": "manager"}
    assert client.post(f"{team}demandes/", decide).status_code == 404
    assert client.post(f"{team}demandes/", {"claim": "1", "decision": bad}).status_code == 404
