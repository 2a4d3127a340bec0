"""The e-mails of the members app, each a template of essmap/templates/emails/ sent by name
(essmap/emails.py). A mail that cannot leave is logged, never a 500: what it tells is also on
the pages (« Mon équipe », the admin queue), and a sign-in link can be asked again."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from curation import roles
from essmap import emails
from members.models import Membership
from members.paths import my_structure
from members.sign_in import sign_in_url

logger = logging.getLogger(__name__)


def team_path(structure):
    return reverse("members:team", args=[structure.slug])


def _send(name, context, to):
    try:
        return emails.send(name, context, to)
    except Exception:
        logger.exception("membres : le courriel %s n’est pas parti", name)
        return 0


def _context(**values):
    return {
        "site_url": settings.ESSMAP_SITE_URL,
        "sign_in_page": emails.absolute(reverse("members:sign_in")),
        "minutes": settings.SESAME_MAX_AGE // 60,
        **values,
    }


def sign_in_link(user, next_path):
    return _send(
        "member_sign_in", _context(user=user, url=sign_in_url(user, next_path)), [user.email]
    )


def invitation(invitation, user):
    url = sign_in_url(user, my_structure(invitation.structure))
    return _send("member_invitation", _context(invitation=invitation, url=url), [user.email])


def claim_accepted(claim, user):
    url = sign_in_url(user, my_structure(claim.structure))
    return _send("claim_accepted", _context(claim=claim, url=url), [user.email])


def claim_refused(claim):
    return _send("claim_refused", _context(claim=claim), [claim.email])


def manager_addresses(structure):
    managers = Membership.objects.filter(structure=structure, user__is_active=True).managers()
    return sorted({m.user.email for m in managers.select_related("user") if m.user.email})


def claim_to_managers(claim, reminder=0):
    """The claim, or its reminder number ``reminder``, to the structure's managers."""
    url = emails.absolute(team_path(claim.structure))
    context = _context(claim=claim, team_url=url, reminder=reminder)
    return _send("claim_to_managers", context, manager_addresses(claim.structure))


def curator_accounts():
    """Active curators with an address: superusers, administrators, regional editors."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True) | Q(groups__name__in=[roles.ADMINISTRATOR, roles.REGIONAL_EDITOR])
        )
        .distinct()
        .order_by("pk")
    )


def claims_digest(curator, claims):
    admin_url = emails.absolute(reverse("admin:members_claim_changelist"))
    context = _context(curator=curator, claims=claims, admin_url=admin_url)
    return _send("claims_digest", context, [curator.email])
