"""The pages an update request's links open (docs/update-requests.md).

``/mise-a-jour/<token>/``: « Rien n’a changé ». GET shows the page and a button, because mail
scanners open the links of a message; only the button's POST (with its CSRF token) confirms.
``/mise-a-jour/<token>/modifier/``: « Mettre à jour » for a manager. Its POST e-mails a fresh
sign-in link to the manager's own address (a sign-in link lasts minutes, the request's weeks):
holding the request's link never signs anyone in."""

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from essmap import emails
from essmap.http import FriendlyHttp404
from members.access import can_edit
from members.sign_in import sign_in_url
from programmes import writes
from programmes.models import PublicationStatus, Structure
from update_requests.models import Answer, UpdateRequest
from update_requests.tokens import Expired, read_token

REASON = "Confirmée par la structure : « Rien n’a changé » (demande de mise à jour)"
# One sign-in message per request within this many seconds: the request's link cannot be used
# to fill the manager's mailbox.
SIGN_IN_PAUSE = 5 * 60


def _request_of(request, token):
    """The update request of ``token``, or the answer that says why not."""
    try:
        pk = read_token(token)
    except Expired:
        context = {"days": settings.ESSMAP_UPDATE_REQUEST_LINK_DAYS}
        return None, render(request, "update_requests/expired.html", context, status=410)
    except signing.BadSignature:
        raise FriendlyHttp404(
            "Ce lien n’est pas valide : copiez-le en entier depuis le courriel reçu."
        ) from None
    found = UpdateRequest.objects.select_related("structure").filter(pk=pk).first()
    if found is None:
        raise FriendlyHttp404("Cette demande de mise à jour n’existe plus.")
    if found.structure.publication_status != PublicationStatus.PUBLISHED:
        raise FriendlyHttp404("Cette fiche n’est plus publiée : il n’y a rien à confirmer.")
    return found, None


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    update_request, refused = _request_of(request, token)
    if refused:
        return refused
    structure = update_request.structure
    context = {"structure": structure, "token": token}
    if request.method != "POST":
        return render(request, "update_requests/confirm.html", context)
    today = timezone.localdate()
    with transaction.atomic():
        structure = Structure.objects.select_for_update().get(pk=structure.pk)
        if structure.confirmed_by_structure_on != today or structure.verified_on != today:
            structure.verified_on = structure.confirmed_by_structure_on = today
            writes.save(
                structure,
                REASON,
                update_fields=["verified_on", "confirmed_by_structure_on", "updated_at"],
            )
        UpdateRequest.objects.filter(pk=update_request.pk).update(
            answered_at=timezone.now(), answer=Answer.CONFIRMED
        )
    context["structure"] = structure
    return render(request, "update_requests/confirmed.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def update(request, token):
    update_request, refused = _request_of(request, token)
    if refused:
        return refused
    structure = update_request.structure
    user = update_request.user
    if user is None or not user.is_active or not can_edit(user, structure):
        # No longer a member: the claim page, as for a recorded address.
        return redirect("members:claim", structure.slug)
    if user.is_staff:
        # The curators' accounts sign in with their password (members/sign_in.py).
        return redirect("admin:login")
    context = {"structure": structure}
    if request.method != "POST":
        return render(request, "update_requests/update.html", context)
    if cache.add(f"update_requests:sign-in:{update_request.pk}", 1, SIGN_IN_PAUSE):
        link = sign_in_url(user, f"/ma-structure/{structure.slug}/")
        minutes = settings.SESAME_MAX_AGE // 60
        emails.send(
            "update_request_sign_in",
            {"structure": structure, "sign_in_url": link, "minutes": minutes},
            [user.email],
        )
    if not update_request.answered_at:
        UpdateRequest.objects.filter(pk=update_request.pk).update(
            answered_at=timezone.now(), answer=Answer.UPDATE
        )
    return render(request, "update_requests/check_inbox.html", context)
