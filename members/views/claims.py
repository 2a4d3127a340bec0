"""« Vous travaillez ici ? Gérer cette fiche » : a person asks to manage a structure's page
(/structures/<slug>/gerer/); members/claims.py says who decides."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from essmap.http import body_size
from members import claims, notify
from members.accounts import AccountUnavailable, existing_account
from members.forms import HONEYPOT, ClaimForm
from members.models import ClaimRoute, Membership
from members.paths import my_structure
from members.views.limits import MAX_BODY, client_over, recipient_over, refused
from programmes.models import Structure

CLAIM_GROUP = "members-claim"
OUTCOMES = {"automatic", "managers", "curators", "member"}


def _structure(request, slug):
    """Only a published page is claimed (the link is on published pages only)."""
    return get_object_or_404(Structure.objects.published(), slug=slug)


def _done(structure, outcome):
    return redirect(reverse("members:claim_sent", args=[structure.slug]) + f"?issue={outcome}")


@require_http_methods(["GET", "HEAD", "POST"])
def claim(request, slug):
    structure = _structure(request, slug)
    # « Mettre à jour » of an update request sent to the structure's recorded address
    # (update_requests/) comes with that address, so the person has nothing to retype.
    form = ClaimForm(initial={"email": request.GET.get("courriel", "")[:254]})
    if request.method == "POST":
        if body_size(request) > MAX_BODY:
            return refused(request, settings.ESSMAP_CLAIM_RATE, 413)
        if client_over(request, CLAIM_GROUP, settings.ESSMAP_CLAIM_RATE):
            return refused(request, settings.ESSMAP_CLAIM_RATE)
        form = ClaimForm(request.POST)
        if form.is_from_a_robot():
            return _done(structure, "curators")
        if form.is_valid():
            email, name = form.cleaned_data["email"], form.cleaned_data["name"]
            if recipient_over(request, CLAIM_GROUP, email):
                return refused(request, settings.ESSMAP_SIGN_IN_RECIPIENT_RATE)
            response = _submit(structure, name, email, form)
            if response is not None:
                return response
    context = {"structure": structure, "form": form, "honeypot": HONEYPOT}
    return render(request, "members/claim.html", context, status=400 if form.errors else 200)


def _submit(structure, name, email, form):
    """The claim recorded and told to whom it concerns; the next page, or None with the
    form's error."""
    user = existing_account(email)
    if user is not None and Membership.objects.filter(user=user, structure=structure).exists():
        if user.is_active and not user.is_staff:
            notify.sign_in_link(user, my_structure(structure))
        return _done(structure, "member")
    try:
        claim = claims.submit(structure, name, email)
    except AccountUnavailable as error:
        form.add_error("email", error.message)
        return None
    if claim.route == ClaimRoute.AUTOMATIC:
        notify.claim_accepted(claim, existing_account(email))
    elif claim.route == ClaimRoute.MANAGERS:
        notify.claim_to_managers(claim)
    return _done(structure, claim.route)


def claim_sent(request, slug):
    structure = _structure(request, slug)
    outcome = request.GET.get("issue")
    context = {
        "structure": structure,
        "outcome": outcome if outcome in OUTCOMES else "curators",
        "minutes": settings.SESAME_MAX_AGE // 60,
    }
    return render(request, "members/claim_sent.html", context)
