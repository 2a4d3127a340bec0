"""« Mon compte » : deleting one's account (or a curator deleting it in the admin) takes the
memberships, claims and invitations; the entries' history keeps « ancien gestionnaire »."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from curation.history import author, team_reason
from members import claims
from members.models import Claim, Invitation, Membership, Role
from programmes import writes
from tests.members.conftest import make_member

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_my_account_lists_my_structures_only(coop, other):
    lea = make_member("lea@coop-monts.fr", coop)
    make_member("chef@val.example.org", other)
    html = signed_in(lea).get("/mon-compte/").content.decode()
    assert "Coopérative des Monts" in html
    assert 'href="/ma-structure/coop-monts/"' in html
    assert "Incubateur du Val" not in html
    assert "Supprimer mon compte" in html


def test_signed_out_my_account_asks_to_sign_in():
    page = Client().get("/mon-compte/")
    assert page["Location"] == "/connexion/?suite=/mon-compte/"


def test_deleting_needs_the_confirmation(coop):
    lea = make_member("lea@coop-monts.fr", coop)
    page = signed_in(lea).post("/mon-compte/supprimer/", {})
    assert page.status_code == 400
    assert "Cochez la case" in page.content.decode()
    assert User.objects.filter(pk=lea.pk).exists()


def test_deleting_my_account_keeps_the_history_as_former_manager(coop, admin_client):
    lea = make_member("lea@coop-monts.fr", coop)
    coop.description = "Écrite par l’équipe."
    coop._history_user = lea
    writes.save(coop, team_reason(Role.MANAGER, "fiche modifiée"))
    claims.submit(coop, "Léa", "lea@coop-monts.fr")
    Invitation.objects.create(structure=coop, email="lea@coop-monts.fr", role=Role.EDITOR)
    client = signed_in(lea)
    page = client.post("/mon-compte/supprimer/", {"confirm": "on"})
    assert page.status_code == 200
    assert "Votre compte est supprimé" in page.content.decode()
    assert not User.objects.filter(pk=lea.pk).exists()
    assert not Membership.objects.exists()
    assert not Claim.objects.exists()
    assert not Invitation.objects.exists()
    assert "_auth_user_id" not in client.session
    record = coop.history.first()
    assert record.history_user_id is None
    assert author(record) == "ancien gestionnaire"
    history = admin_client.get(f"/admin/programmes/structure/{coop.pk}/history/")
    assert "ancien gestionnaire" in history.content.decode()


def test_a_curators_change_with_a_deleted_account_is_not_called_a_manager(coop):
    curator = User.objects.create_user("cur", "cur@essmap.fr", is_staff=True)
    coop._history_user = curator
    writes.save(coop, "Modifiée dans l’administration")
    curator.delete()
    assert author(coop.history.first()) == "—"


def test_a_staff_account_is_not_deleted_from_my_account(admin_user):
    page = signed_in(admin_user).post("/mon-compte/supprimer/", {"confirm": "on"})
    assert page.status_code == 403
    assert User.objects.filter(pk=admin_user.pk).exists()


def test_a_curator_deletes_a_member_account_in_the_admin(coop, admin_client):
    lea = make_member("lea@coop-monts.fr", coop)
    claims.submit(coop, "Léa", "lea@coop-monts.fr")
    page = admin_client.post(f"/admin/auth/user/{lea.pk}/delete/", {"post": "yes"})
    assert page.status_code == 302
    assert not Membership.objects.exists()
    assert not Claim.objects.exists()


def test_a_former_editor_is_called_so(coop):
    redac = make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    coop._history_user = redac
    writes.save(coop, team_reason(Role.EDITOR, "fiche modifiée"))
    client = signed_in(redac)
    client.post("/mon-compte/supprimer/", {"confirm": "on"})
    assert author(coop.history.first()) == "ancien éditeur"
