"""The rate limits of the members' forms: per client address (every POST counts), and per
recipient address (a keyed hash, the same whether an account has that address or not, so the
answer tells nothing about it)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from essmap.http import rate_limit_key, rate_period
from members.accounts import normal_email

MAX_BODY = 16 * 1024  # bytes: a name, an address and a few fields


def client_over(request, group, rate):
    return is_ratelimited(
        request, group=group, key=rate_limit_key, rate=rate, method="POST", increment=True
    )


def recipient_over(request, group, email):
    key = salted_hmac(f"members.{group}", normal_email(email)).hexdigest()
    return is_ratelimited(
        request,
        group=f"{group}-recipient",
        key=lambda group, request: key,
        rate=settings.ESSMAP_SIGN_IN_RECIPIENT_RATE,
        method="POST",
        increment=True,
    )


def refused(request, rate, status=429):
    """The page of a refused POST: too large (413) or too many (429, with Retry-After)."""
    seconds, words = rate_period(rate)
    response = render(
        request,
        "members/refused.html",
        {"status": status, "period": words or "quelque temps"},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(seconds)
    return response
