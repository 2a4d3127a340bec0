"""What a person may do on a structure's page, written once: every view of « Ma structure »,
of claims and of invitations asks here, never reads memberships itself. A person with no
membership (anonymous, a curator, a member of another structure) may do nothing; a deactivated
account neither."""

from members.models import Membership, Role
from programmes.models import Structure


def membership(user, structure):
    """The person's membership of ``structure``, or ``None``."""
    return Membership.objects.of_user(user).filter(structure=structure).first()


def can_edit(user, structure):
    """Managers and editors edit the page and its programmes."""
    return membership(user, structure) is not None


def can_manage_members(user, structure):
    """Only managers invite, remove colleagues and decide claims."""
    found = membership(user, structure)
    return found is not None and found.role == Role.MANAGER


def structures_of(user):
    """The structures whose page the person keeps, by name."""
    return Structure.objects.filter(
        pk__in=Membership.objects.of_user(user).values("structure")
    ).order_by("name")


def has_managers(structure):
    return Membership.objects.filter(structure=structure, user__is_active=True).managers().exists()
