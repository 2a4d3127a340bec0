"""The accounts of structures' members: found or created from an e-mail address (never a staff
account: the curators keep their password and the admin), and deleted with what is theirs."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.crypto import get_random_string

from curation.history import team_reason
from members.models import Membership

DELETED_REASON = "compte supprimé"


class AccountUnavailable(Exception):
    """The address belongs to an account that cannot sign in by link (staff, deactivated)."""

    message = (
        "Cette adresse ne peut pas recevoir de lien de connexion (compte de l’administration "
        "ou désactivé) : utilisez une autre adresse, ou écrivez aux curateurs."
    )


def normal_email(email):
    """Addresses are compared without case: the domain has none, and no provider of ours
    tells two mailboxes apart by the case of their local part."""
    return email.strip().lower()


def existing_account(email):
    """The account of ``email`` (compared without case), or None; several accounts with one
    address (created in the admin) give the oldest."""
    return get_user_model().objects.filter(email__iexact=normal_email(email)).order_by("pk").first()


def account_for(email, name=""):
    """The member account of ``email``, created (active, no password) when there is none.
    Raises :class:`AccountUnavailable` for a staff or deactivated account."""
    user = existing_account(email)
    if user is not None:
        if user.is_staff or not user.is_active:
            raise AccountUnavailable
        return user
    User = get_user_model()
    address = normal_email(email)
    username = address[:150]
    if User.objects.filter(username=username).exists():
        username = f"{address[:130]}-{get_random_string(8)}"
    first, _, last = name.strip().partition(" ")
    user = User(username=username, email=address, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()  # members sign in by link only
    user.save()
    return user


def delete_account(user):
    """Delete a member's account: its memberships, then its claims and invitations
    (members/signals.py, which also serves a deletion in the admin). The entries' history keeps
    the changes, their author shown « ancien gestionnaire » (curation/history.py). Staff
    accounts are deleted by an administrator in the admin, not here."""
    if user.is_staff:
        raise AccountUnavailable
    with transaction.atomic():
        # One by one, each with a history record saying why (a cascade would give none).
        for membership in Membership.objects.filter(user=user):
            membership._change_reason = team_reason(membership.role, DELETED_REASON)
            membership.delete()
        user.delete()
