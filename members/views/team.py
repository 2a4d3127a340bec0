"""A structure's team (/ma-structure/<slug>/equipe/): its members, pending invitations and the
claims sent to its managers. Every member sees the members; only managers invite, remove and
decide claims (403 for an editor). A person who is not a member gets a 404, whatever the slug
or the id typed: another structure's team is not even said to exist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from essmap.http import FriendlyHttp404
from members import access, claims, invitations, notify, paths
from members.accounts import AccountUnavailable
from members.forms import DecisionForm, InvitationForm, RemovalForm
from members.models import Claim, ClaimRoute, Membership, Role
from programmes.models import Structure

NOT_YOURS = (
    "Cette page d’équipe n’existe pas, ou vous n’êtes pas membre de cette structure. "
    "Vos structures sont listées dans « Ma structure »."
)


def _sign_in_first(request):
    return redirect(reverse("members:sign_in") + f"?suite={request.path}")


def _structure(request, slug, manage=False):
    structure = Structure.objects.filter(slug=slug).first()
    if structure is None or not access.can_edit(request.user, structure):
        raise FriendlyHttp404(NOT_YOURS)
    if manage and not access.can_manage_members(request.user, structure):
        raise PermissionDenied("Seuls les gestionnaires de la fiche gèrent son équipe.")
    return structure


def _page(request, structure, invitation_form=None, status=200):
    manager = access.can_manage_members(request.user, structure)
    pending_claims = Claim.objects.pending().filter(structure=structure, route=ClaimRoute.MANAGERS)
    members = list(
        Membership.objects.filter(structure=structure)
        .select_related("user")
        .order_by("role", "user__email")
    )
    managers = [m for m in members if m.role == Role.MANAGER]
    context = {
        "structure": structure,
        "my_structures": paths.MY_STRUCTURES,
        "structure_path": paths.my_structure(structure),
        "is_manager": manager,
        "members": members,
        # The last manager cannot be removed (members/invitations.py): no button to offer it.
        "sole_manager": managers[0] if len(managers) == 1 else None,
        "invitations": structure.invitations.pending() if manager else [],
        "claims": pending_claims if manager else [],
        "invitation_form": invitation_form or InvitationForm(),
    }
    return render(request, "members/team.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def team(request, slug):
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    return _page(request, _structure(request, slug))


def _team_url(structure):
    return reverse("members:team", args=[structure.slug])


@require_POST
def invite(request, slug):
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    structure = _structure(request, slug, manage=True)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _page(request, structure, form, status=400)
    try:
        invitation, user = invitations.invite(
            structure, form.cleaned_data["email"], form.cleaned_data["role"], request.user
        )
    except (invitations.InvitationError, AccountUnavailable) as error:
        form.add_error("email", getattr(error, "message", None) or str(error))
        return _page(request, structure, form, status=400)
    notify.invitation(invitation, user)
    messages.success(request, f"Invitation envoyée à {invitation.email}.")
    return redirect(_team_url(structure))


@require_POST
def remove(request, slug):
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    structure = _structure(request, slug, manage=True)
    form = RemovalForm(request.POST)
    membership = None
    if form.is_valid():
        membership = Membership.objects.filter(
            pk=form.cleaned_data["membership"], structure=structure
        ).first()
    if membership is None:
        raise FriendlyHttp404("Ce membre n’est pas (ou plus) dans l’équipe.")
    try:
        invitations.remove(membership, request.user)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.user.email} ne fait plus partie de l’équipe.")
    return redirect(_team_url(structure))


@require_POST
def decide(request, slug):
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    structure = _structure(request, slug, manage=True)
    form = DecisionForm(request.POST)
    claim = None
    if form.is_valid():
        claim = (
            Claim.objects.pending()
            .filter(pk=form.cleaned_data["claim"], structure=structure, route=ClaimRoute.MANAGERS)
            .first()
        )
    if claim is None:
        raise FriendlyHttp404("Cette demande n’existe pas, ou elle a déjà été traitée.")
    try:
        if form.cleaned_data["decision"] == "accept":
            user = claims.accept(claim, request.user, form.cleaned_data["role"] or "editor")
            notify.claim_accepted(claim, user)
            messages.success(request, f"{claim.name} fait désormais partie de l’équipe.")
        else:
            claims.refuse(claim, request.user)
            notify.claim_refused(claim)
            messages.success(request, f"La demande de {claim.name} est refusée.")
    except (claims.ClaimError, AccountUnavailable) as error:
        messages.error(request, getattr(error, "message", None) or str(error))
    return redirect(_team_url(structure))
