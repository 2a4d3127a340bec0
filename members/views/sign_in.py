"""Signing in without a password: the form that sends a link (/connexion/), the link's page
(/connexion/lien/: a button that POSTs the token, since mail scanners open links and would use
up a single-use token), and signing out (/deconnexion/). Staff accounts never sign in here."""

from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from essmap.http import body_size
from members import notify
from members.accounts import existing_account
from members.forms import HONEYPOT, SignInForm
from members.invitations import accept_pending
from members.paths import MY_STRUCTURES
from members.sign_in import BACKEND, user_of_token
from members.views.limits import MAX_BODY, client_over, recipient_over, refused

DEFAULT_NEXT = MY_STRUCTURES
SIGN_IN_GROUP = "members-sign-in"


def safe_next(value):
    """A path of this site to open after signing in, else « Ma structure »."""
    value = (value or "").strip()
    if (
        value.startswith("/")
        and len(value) <= 500
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    ):
        return value
    return DEFAULT_NEXT


@require_http_methods(["GET", "HEAD", "POST"])
def request_link(request):
    """GET: the address field. POST: a link to the account of that address if there is one
    (active, not staff); the same next page whether there is or not."""
    next_path = safe_next(request.GET.get("suite") or request.POST.get("suite"))
    form = SignInForm()
    if request.method == "POST":
        if body_size(request) > MAX_BODY:
            return refused(request, settings.ESSMAP_SIGN_IN_RATE, 413)
        if client_over(request, SIGN_IN_GROUP, settings.ESSMAP_SIGN_IN_RATE):
            return refused(request, settings.ESSMAP_SIGN_IN_RATE)
        form = SignInForm(request.POST)
        if form.is_from_a_robot():
            return redirect("members:sign_in_sent")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if recipient_over(request, SIGN_IN_GROUP, email):
                return refused(request, settings.ESSMAP_SIGN_IN_RECIPIENT_RATE)
            user = existing_account(email)
            if user is not None and user.is_active and not user.is_staff:
                notify.sign_in_link(user, next_path)
            return redirect("members:sign_in_sent")
    context = {"form": form, "next_path": next_path, "honeypot": HONEYPOT}
    return render(request, "members/sign_in.html", context, status=400 if form.errors else 200)


def link_sent(request):
    return render(request, "members/sign_in_sent.html", {"minutes": settings.SESAME_MAX_AGE // 60})


@require_http_methods(["GET", "HEAD", "POST"])
def follow_link(request):
    """The link of a sign-in e-mail. GET: checks the token without using it, and shows « Se
    connecter »; POST: signs in (which uses the token up), joins the teams the person was
    invited to, then opens the next page. Expired, used or altered → 410, with the form to
    ask another link."""
    source = request.POST if request.method == "POST" else request.GET
    token = source.get(settings.SESAME_TOKEN_NAME, "")[:500]
    next_path = safe_next(source.get("suite"))
    user = user_of_token(request, token)
    if user is None:
        context = {"form": SignInForm(), "next_path": next_path, "honeypot": HONEYPOT}
        return render(request, "members/link_expired.html", context, status=410)
    if request.method != "POST":
        context = {"token": token, "next_path": next_path, "user": user}
        return render(request, "members/sign_in_confirm.html", context)
    login(request, user, backend=BACKEND)  # updates last_login: the token no longer works
    accept_pending(user)
    return redirect(next_path)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_out(request):
    """GET: a button (a link must not sign anyone out); POST: signed out."""
    if request.method == "POST":
        logout(request)
        return render(request, "members/signed_out.html")
    return render(request, "members/sign_out.html", {"home": reverse("orientation:home")})
