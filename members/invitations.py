"""A manager invites a colleague by e-mail; the invitation becomes a membership when the
colleague signs in (by the invitation's link, or any later sign-in link). Each manager sends
at most ``ESSMAP_INVITATIONS_PER_DAY`` invitations in 24 hours: the form would otherwise
relay mail to anyone."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from curation.history import team_reason
from members.access import membership as membership_of
from members.accounts import account_for, normal_email
from members.models import Invitation, Membership, Role


class InvitationError(Exception):
    """An invitation that cannot be sent, with its French message."""


def sent_today(user):
    since = timezone.now() - timedelta(days=1)
    return Invitation.objects.filter(invited_by=user, created_at__gte=since).count()


def invite(structure, email, role, invited_by):
    """Record an invitation (or renew the pending one of this address) and return it with the
    invited person's account (created without password if need be), to send the link to.
    Raises InvitationError or members.accounts.AccountUnavailable."""
    email = normal_email(email)
    if sent_today(invited_by) >= settings.ESSMAP_INVITATIONS_PER_DAY:
        raise InvitationError(
            f"Vous avez envoyé {settings.ESSMAP_INVITATIONS_PER_DAY} invitations ces dernières "
            "24 heures, le nombre maximal : réessayez demain."
        )
    if Membership.objects.filter(structure=structure, user__email__iexact=email).exists():
        raise InvitationError("Cette personne est déjà membre de l’équipe.")
    with transaction.atomic():
        user = account_for(email)
        Invitation.objects.pending().filter(structure=structure, email=email).delete()
        invitation = Invitation.objects.create(
            structure=structure, email=email, role=role, invited_by=invited_by
        )
    return invitation, user


def accept_pending(user):
    """Turn the pending invitations of ``user``'s address into memberships (at sign-in).
    Returns the structures joined."""
    if not user.email or user.is_staff:
        return []
    joined = []
    with transaction.atomic():
        pending = Invitation.objects.pending().filter(email__iexact=user.email)
        for invitation in pending.select_related("structure"):
            if not Membership.objects.filter(user=user, structure=invitation.structure).exists():
                membership = Membership(
                    user=user, structure=invitation.structure, role=invitation.role
                )
                membership._history_user = user
                membership._change_reason = team_reason(invitation.role, "invitation acceptée")
                membership.save()
                joined.append(invitation.structure)
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_at"])
    return joined


def remove(membership, removed_by):
    """A manager removes a colleague (or leaves). The last manager cannot leave a structure
    without managers by removing themself: the page would be left to claims again."""
    by = membership_of(removed_by, membership.structure)
    others = Membership.objects.filter(structure=membership.structure, role=Role.MANAGER).exclude(
        pk=membership.pk
    )
    if membership.role == Role.MANAGER and not others.filter(user__is_active=True).exists():
        raise InvitationError(
            "C’est le dernier gestionnaire de la fiche : nommez d’abord un autre gestionnaire."
        )
    membership._history_user = removed_by
    membership._change_reason = team_reason(by.role if by else Role.MANAGER, "membre retiré")
    membership.delete()
