"""The rules of members/claims.py, one test each: who decides a claim."""

import pytest

from members import claims
from members.accounts import AccountUnavailable
from members.models import Claim, ClaimRoute, ClaimStatus, Membership, Role
from tests.conftest import make_structure
from tests.members.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("www.coop-monts.fr", "coop-monts.fr"),
        ("blog.coop-monts.fr", "coop-monts.fr"),
        ("www.monasso.asso.fr", "monasso.asso.fr"),
        ("asso.fr", None),  # a public suffix is nobody's domain
        ("gouv.fr", None),
        ("192.0.2.1", None),
        ("", None),
    ],
)
def test_registrable_domain(host, registrable):
    assert claims.registrable_domain(host) == registrable


def test_the_website_domain_matches_and_its_subdomains_too(coop):
    assert claims.domain_matches(coop, "lea@coop-monts.fr")
    assert claims.domain_matches(coop, "lea@equipe.coop-monts.fr")
    assert not claims.domain_matches(coop, "lea@coop-monts.fr.evil.example")
    assert not claims.domain_matches(coop, "lea@autre-coop-monts.fr")


def test_the_recorded_email_domain_matches(db):
    structure = make_structure("Sans site", email="contact@tiers-lieu.org")
    assert claims.domain_matches(structure, "sam@tiers-lieu.org")


def test_sibling_domains_under_a_public_suffix_do_not_match(db):
    structure = make_structure("Asso", website="https://www.monasso.asso.fr")
    assert claims.domain_matches(structure, "a@monasso.asso.fr")
    assert not claims.domain_matches(structure, "a@autre.asso.fr")


@pytest.mark.parametrize("webmail", ["gmail.com", "orange.fr", "wanadoo.fr", "laposte.net"])
def test_webmail_never_matches_even_when_the_structure_uses_it(db, webmail):
    structure = make_structure("Petite asso", email=f"petite.asso@{webmail}")
    assert not claims.domain_matches(structure, f"quelquun@{webmail}")
    assert claims.route_for(structure, f"quelquun@{webmail}") == ClaimRoute.CURATORS


def test_no_manager_and_matching_domain_is_accepted_at_once(coop):
    claim = claims.submit(coop, "Léa Martin", "Lea@Coop-Monts.fr")
    assert claim.status == ClaimStatus.ACCEPTED_AUTOMATICALLY
    assert claim.needs_curator_look
    membership = Membership.objects.get(structure=coop)
    assert membership.role == Role.MANAGER
    assert membership.user.email == "lea@coop-monts.fr"
    assert not membership.user.is_staff
    assert not membership.user.has_usable_password()
    assert membership.history.first().history_user == membership.user
    assert membership.history.first().history_change_reason.startswith(
        "Par l’équipe de la structure (manager)"
    )


def test_with_managers_the_claim_goes_to_them(coop):
    make_member("chef@coop-monts.fr", coop)
    claim = claims.submit(coop, "Léa", "lea@coop-monts.fr")  # even with the right domain
    assert (claim.route, claim.status) == (ClaimRoute.MANAGERS, ClaimStatus.PENDING)
    assert Membership.objects.filter(structure=coop).count() == 1


def test_no_manager_and_another_domain_goes_to_the_curators(coop):
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    assert (claim.route, claim.status) == (ClaimRoute.CURATORS, ClaimStatus.PENDING)
    assert not Membership.objects.exists()


def test_an_editor_only_team_does_not_count_as_managed(coop):
    make_member("redac@coop-monts.fr", coop, Role.EDITOR)
    assert claims.route_for(coop, "x@ailleurs.fr") == ClaimRoute.CURATORS


def test_a_claim_never_takes_over_a_structure_that_has_managers(coop, admin_user):
    claim = claims.submit(coop, "Intrus", "intrus@ailleurs.fr")  # to the curators
    make_member("chef@coop-monts.fr", coop)  # a manager arrives meanwhile
    with pytest.raises(claims.ClaimError):
        claims.accept(claim, admin_user)
    claim.refresh_from_db()
    assert (claim.route, claim.status) == (ClaimRoute.MANAGERS, ClaimStatus.PENDING)
    assert list(
        Membership.objects.filter(structure=coop).values_list("user__email", flat=True)
    ) == ["chef@coop-monts.fr"]


def test_asking_twice_gives_the_same_pending_claim(coop):
    first = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    assert claims.submit(coop, "Léa", "LEA@ailleurs.fr") == first
    assert Claim.objects.count() == 1


def test_a_staff_address_never_becomes_a_member(coop, django_user_model):
    django_user_model.objects.create_user("cur", "cur@coop-monts.fr", is_staff=True)
    with pytest.raises(AccountUnavailable):
        claims.submit(coop, "Curatrice", "cur@coop-monts.fr")
    assert not Claim.objects.exists()
    assert not Membership.objects.exists()


def test_a_decided_claim_cannot_be_decided_again(coop, admin_user):
    claim = claims.submit(coop, "Léa", "lea@ailleurs.fr")
    claims.refuse(claim, admin_user)
    with pytest.raises(claims.ClaimError):
        claims.accept(claim, admin_user)
    assert not Membership.objects.exists()
