"""The alert pages: subscribe to a search (the form, then « vérifiez votre boîte »), confirm
the address through the signed link, unsubscribe in one click.

What a page answers never depends on whether an address is already subscribed: every valid
request sends the same confirmation message and shows the same page."""

import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from alerts.digests import confirmation_message
from alerts.forms import HONEYPOT, SubscriptionForm
from alerts.models import Subscription
from alerts.searches import MAX_QUERY, Searches, describe, normal_query
from alerts.tokens import Expired, query_of, read_confirmation
from essmap.http import FriendlyHttp404, body_size, rate_limit_key, rate_period
from essmap.outage import keeps_typed_text

logger = logging.getLogger(__name__)

ALERT_RATE_GROUP = "alerts"
RECIPIENT_RATE_GROUP = "alerts-recipient"
GLOBAL_RATE_GROUP = "alerts-global"
MAX_BODY = 16 * 1024  # bytes: an address and a query string
# Said the same whether one address or the whole site reached its limit: the page tells
# nothing about an address (not even that someone asked for it before).
TOO_MANY_MESSAGES = (
    "Trop de courriels de confirmation sont partis ces derniers temps : pour éviter les envois "
    "abusifs, leur nombre est limité, pour chaque adresse et pour l’ensemble du site. Aucun "
    "courriel n’est parti. Réessayez dans {period}."
)
SEND_FAILED = "Le courriel de confirmation n’a pas pu partir. Réessayez dans quelques minutes."


def alert_rate(group, request):
    """Requests allowed per client address, read at each request so tests can change it."""
    return settings.ESSMAP_ALERT_RATE


def normal_recipient(email):
    """One mailbox under its usual spellings: lower case, without a « +tag » (which most
    providers deliver to the same box), and for Gmail without the dots it ignores."""
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def recipient_key(email):
    """The recipient limit's key: a keyed hash (``SECRET_KEY``) of the address, so the cache
    holds no address, nor anything an address can be checked against without the key."""
    return salted_hmac("alerts.recipient", normal_recipient(email)).hexdigest()


def _over_message_limits(request, email):
    """The period (seconds, words) of the first limit on confirmation messages ``email`` is
    over, counting this one; None when it may be sent. The address first: one victim's
    requests do not use up the whole site's allowance."""
    limits = [
        (RECIPIENT_RATE_GROUP, settings.ESSMAP_ALERT_RECIPIENT_RATE, recipient_key(email)),
        (GLOBAL_RATE_GROUP, settings.ESSMAP_ALERT_GLOBAL_RATE, "site"),
    ]
    for group, rate, key in limits:
        if is_ratelimited(
            request,
            group=group,
            key=lambda group, request, key=key: key,
            rate=rate,
            method="POST",
            increment=True,
        ):
            return rate_period(rate)
    return None


def _search(query):
    """The filterset of a query the list accepts, or None."""
    if len(query) > MAX_QUERY:
        return None
    return Searches().valid(query)


def _list_url(query):
    return reverse("orientation:programme_list") + (f"?{query}" if query else "")


def _refused(request, reason, status):
    seconds, words = rate_period(settings.ESSMAP_ALERT_RATE)
    response = render(
        request, "alerts/refused.html", {"reason": reason, "period": words}, status=status
    )
    if status == 429:
        response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@keeps_typed_text(SubscriptionForm, skip=[HONEYPOT, "recherche"])
def subscribe(request):
    """GET ``/alertes/?<the list's parameters>``: the search in words and the address field.
    POST: in order, body too large → 413; over the rate limit for the client's address (every
    POST counts) → 429; honeypot filled → the usual next page, nothing sent; a valid address
    → over a limit of confirmation messages (to this address, from the whole site) the form
    again, filled in, with a 429; else the confirmation message, then the next page."""
    status = 200
    retry_after = None
    if request.method == "POST":
        if body_size(request) > MAX_BODY:
            return _refused(request, "size", 413)
        if is_ratelimited(
            request,
            group=ALERT_RATE_GROUP,
            key=rate_limit_key,
            rate=alert_rate,
            method="POST",
            increment=True,
        ):
            return _refused(request, "rate", 429)
        form = SubscriptionForm(request.POST)
        query = normal_query(request.POST.get("recherche", ""))
        if form.is_from_a_robot():
            return redirect("alerts:check_inbox")
        filterset = _search(query)
        if form.is_valid() and filterset is not None:
            email = form.cleaned_data["email"]
            over = _over_message_limits(request, email)
            if over is not None:
                retry_after, words = over
                form.add_error(None, TOO_MANY_MESSAGES.format(period=words or "quelque temps"))
                status = 429
            elif _sent(confirmation_message(email, query, filterset)):
                return redirect("alerts:check_inbox")
            else:
                form.add_error(None, SEND_FAILED)
    else:
        query = normal_query(request.GET.urlencode())
        form = SubscriptionForm(initial={"recherche": query})
        filterset = _search(query)
    context = {
        "form": form,
        "criteria": describe(filterset) if filterset is not None else None,
        "search_url": _list_url(query),
    }
    response = render(
        request, "alerts/subscribe.html", context, status=status if filterset else 400
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _sent(message):
    """Whether ``message`` left. Any backend may fail its own way (SMTP refused, a directory
    the file backend cannot write, a provider's API…): the person is told it did not leave and
    may try again, the log says why, rather than a 500. (The message is written before: a
    fault there is a bug, not a failure to send.)"""
    try:
        message.send()
    except Exception:
        logger.exception("alerte : courriel de confirmation non envoyé")
        return False
    return True


def check_inbox(request):
    return render(request, "alerts/check_inbox.html", {"days": settings.ESSMAP_ALERT_CONFIRM_DAYS})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: a button (a link checker opening the message must not subscribe anyone); POST:
    the subscription, kept from the first confirmation on (confirming again changes
    nothing)."""
    try:
        email, query = read_confirmation(token)
    except Expired:
        query = query_of(token)
        context = {
            "subscribe_url": reverse("alerts:subscribe") + (f"?{query}" if query else ""),
            "days": settings.ESSMAP_ALERT_CONFIRM_DAYS,
        }
        return render(request, "alerts/expired.html", context, status=410)
    except signing.BadSignature:
        raise FriendlyHttp404(
            "Ce lien de confirmation n’est pas valide : copiez-le en entier depuis le courriel, "
            "ou demandez de nouveau l’alerte depuis la liste des dispositifs."
        ) from None
    filterset = _search(query)
    if filterset is None:
        raise FriendlyHttp404("Cette recherche n’existe plus : refaites-la depuis la liste.")
    context = {"criteria": describe(filterset), "search_url": _list_url(query)}
    if request.method != "POST":
        return render(request, "alerts/confirm.html", context)
    now = timezone.now()
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(
                email=email,
                query=query,
                defaults={"confirmed_at": now, "covered_until": timezone.localdate(now)},
            )
    except IntegrityError:
        pass  # confirmed twice at the same moment: the other request created it
    return render(request, "alerts/confirmed.html", context)


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a button; POST (the button, or a mail client's List-Unsubscribe-Post): the
    subscription is deleted, address and all, with no further question. An unknown token
    answers as a done unsubscription: the link of a message already acted on stays calm."""
    # A token is URL-safe base64: anything else (a NUL byte PostgreSQL would refuse) is unknown.
    known = token.isascii() and token.replace("-", "").replace("_", "").isalnum()
    subscription = Subscription.objects.filter(token=token[:64]).first() if known else None
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "alerts/unsubscribed.html", {})
    if subscription is None:
        return render(request, "alerts/unsubscribed.html", {"already": True})
    searches = Searches()
    filterset = searches.valid(subscription.query)
    context = {
        "criteria": describe(filterset) if filterset is not None else None,
        "search_url": _list_url(subscription.query),
    }
    return render(request, "alerts/unsubscribe.html", context)
