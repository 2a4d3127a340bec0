"""The curators' side: the admin queue of claims (scoped like the rest of the admin, accept and
refuse actions), the weekly digest by scope, and the managers' reminders at 3 and 7 days —
both commands idempotent."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from curation.models import EditorScope
from curation.roles import REGIONAL_EDITOR
from members import claims
from members.models import Claim, ClaimStatus, Membership, Role
from tests.conftest import make_structure
from tests.members.conftest import make_member

pytestmark = pytest.mark.django_db
QUEUE = "/admin/members/claim/"


@pytest.fixture
def region(territories):
    """A structure in Mayenne, one in the Landes, each with a claim for the curators; a
    regional editor of Pays de la Loire and a national curator."""
    mayenne = make_structure("Coop Mayenne", territories=[territories["dep53"]], slug="coop-53")
    landes = make_structure("Coop Landes", territories=[territories["dep40"]], slug="coop-40")
    editor = User.objects.create_user("pdl", "pdl@essmap.example", "x-long-password-1")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name=REGIONAL_EDITOR))
    EditorScope.objects.create(user=editor).territories.add(territories["pdl"])
    national = User.objects.create_superuser("nat", "nat@essmap.example", "x-long-password-1")
    return {
        "mayenne": claims.submit(mayenne, "Léa", "lea@gmail.com"),
        "landes": claims.submit(landes, "Sam", "sam@gmail.com"),
        "editor": editor,
        "national": national,
    }


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_regional_editor_sees_only_the_claims_of_their_scope(region):
    html = client_of(region["editor"]).get(QUEUE).content.decode()
    assert "Coop Mayenne" in html
    assert "Coop Landes" not in html
    html = client_of(region["national"]).get(QUEUE).content.decode()
    assert "Coop Mayenne" in html
    assert "Coop Landes" in html


def test_a_regional_editor_cannot_decide_outside_their_scope(region):
    landes = region["landes"]
    client_of(region["editor"]).post(
        QUEUE, {"action": "accept_selected", "_selected_action": [landes.pk]}
    )
    assert Claim.objects.get(pk=landes.pk).is_pending
    assert not Membership.objects.exists()


def test_accepting_in_the_admin_makes_a_manager_and_sends_a_link(region, mailoutbox):
    claim = region["mayenne"]
    client_of(region["editor"]).post(
        QUEUE, {"action": "accept_selected", "_selected_action": [claim.pk]}
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert claim.decided_by == region["editor"]
    membership = Membership.objects.get()
    assert (membership.user.email, membership.role) == ("lea@gmail.com", Role.MANAGER)
    assert membership.history.first().history_user == region["editor"]
    assert [m.to for m in mailoutbox] == [["lea@gmail.com"]]
    assert "/connexion/lien/?jeton=" in mailoutbox[0].body


def test_refusing_in_the_admin(region, mailoutbox):
    claim = region["mayenne"]
    client_of(region["national"]).post(
        QUEUE, {"action": "refuse_selected", "_selected_action": [claim.pk]}
    )
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.REFUSED
    assert not Membership.objects.exists()
    assert len(mailoutbox) == 1


def test_claims_sent_to_managers_are_not_in_the_curators_queue(region, coop):
    make_member("chef@coop-monts.fr", coop)
    claims.submit(coop, "Intrus", "intrus@gmail.com")
    assert "Coopérative des Monts" not in client_of(region["national"]).get(QUEUE).content.decode()


def test_an_automatic_acceptance_waits_for_a_curators_look(coop, admin_client):
    claims.submit(coop, "Léa", "lea@coop-monts.fr")
    queue = admin_client.get(f"{QUEUE}?needs_curator_look__exact=1").content.decode()
    assert "Coopérative des Monts" in queue
    claim = Claim.objects.get()
    admin_client.post(QUEUE, {"action": "mark_looked", "_selected_action": [claim.pk]})
    assert not Claim.objects.get().needs_curator_look


def test_a_member_account_cannot_open_the_admin(coop):
    lea = make_member("lea@coop-monts.fr", coop)
    assert client_of(lea).get(QUEUE).status_code == 302  # to the admin's login


def test_the_weekly_digest_goes_to_the_curators_of_each_scope_once(region, mailoutbox):
    call_command("send_claims_digest", stdout=io.StringIO())
    by_curator = {m.to[0]: m.body for m in mailoutbox}
    assert set(by_curator) == {"pdl@essmap.example", "nat@essmap.example"}
    assert "Coop Mayenne" in by_curator["pdl@essmap.example"]
    assert "Coop Landes" not in by_curator["pdl@essmap.example"]
    assert "Coop Landes" in by_curator["nat@essmap.example"]
    call_command("send_claims_digest", stdout=io.StringIO())
    assert len(mailoutbox) == 2  # the same week: nothing more
    Claim.objects.update(in_digest_on=timezone.localdate() - datetime.timedelta(days=7))
    call_command("send_claims_digest", stdout=io.StringIO())
    assert len(mailoutbox) == 4  # a week later, still pending: listed again


def test_the_managers_are_reminded_at_3_and_7_days_once_each(coop, mailoutbox):
    make_member("chef@coop-monts.fr", coop)
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")

    def age(days):
        Claim.objects.filter(pk=claim.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
        call_command("remind_claims", stdout=io.StringIO())
        call_command("remind_claims", stdout=io.StringIO())

    age(2)
    assert mailoutbox == []
    age(3.1)
    assert len(mailoutbox) == 1
    assert "3 jours" in mailoutbox[0].body
    age(7.1)
    assert len(mailoutbox) == 2
    assert "7 jours" in mailoutbox[1].body
    age(30)
    assert len(mailoutbox) == 2
    assert Claim.objects.get().reminders_sent == 2


def test_decided_claims_are_deleted_after_their_retention(coop, admin_user):
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    claims.refuse(claim, admin_user)
    call_command("remind_claims", stdout=io.StringIO())
    assert Claim.objects.exists()
    Claim.objects.update(decided_at=timezone.now() - datetime.timedelta(days=366))
    call_command("remind_claims", stdout=io.StringIO())
    assert not Claim.objects.exists()
