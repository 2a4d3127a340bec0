"""The signed confirmation link: it carries the address and the search, so that nothing is
stored about an address before its owner confirms it. It expires after
``ESSMAP_ALERT_CONFIRM_DAYS``."""

from django.conf import settings
from django.core import signing

SALT = "alerts.confirm"


class Expired(Exception):
    pass


def confirmation_token(email, query):
    return signing.TimestampSigner(salt=SALT).sign_object({"e": email, "q": query}, compress=True)


def read_confirmation(token):
    """(email, query) of a valid token; ``Expired`` when it is too old, ``signing.BadSignature``
    when it was not signed here (or was altered)."""
    max_age = settings.ESSMAP_ALERT_CONFIRM_DAYS * 86400
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise Expired from error
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise signing.BadSignature("contenu inattendu")
    return data["e"], str(data.get("q", ""))


def query_of(token):
    """The search of a token signed here, expired or not ("" otherwise): an expired link can
    still offer to subscribe to the same search again."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return ""
    return str(data.get("q", "")) if isinstance(data, dict) else ""
