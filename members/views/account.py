"""« Mon compte » (/mon-compte/): the structures one belongs to, and deleting one's account."""

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from members.accounts import delete_account
from members.forms import DeleteAccountForm
from members.models import Membership
from members.paths import my_structure


def _page(request, form=None, status=200):
    memberships = (
        Membership.objects.of_user(request.user).select_related("structure").order_by("structure")
    )
    listed = [(membership, my_structure(membership.structure)) for membership in memberships]
    context = {"memberships": listed, "form": form or DeleteAccountForm()}
    return render(request, "members/account.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def account(request):
    if not request.user.is_authenticated:
        return redirect(reverse("members:sign_in") + f"?suite={request.path}")
    return _page(request)


@require_POST
def delete(request):
    if not request.user.is_authenticated:
        return redirect(reverse("members:sign_in") + "?suite=/mon-compte/")
    if request.user.is_staff:
        raise PermissionDenied("Un compte de l’administration est supprimé par un administrateur.")
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    user = request.user
    logout(request)
    delete_account(user)
    return render(request, "members/account_deleted.html")
