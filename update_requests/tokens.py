"""The signed link of an update request: it names the request, expires after
``ESSMAP_UPDATE_REQUEST_LINK_DAYS``, and cannot be altered (``signing.BadSignature``)."""

from django.conf import settings
from django.core import signing

SALT = "update_requests.link"


class Expired(Exception):
    pass


def request_token(update_request):
    return signing.TimestampSigner(salt=SALT).sign_object({"r": update_request.pk})


def read_token(token):
    """The request id of a valid token; ``Expired`` when too old, ``signing.BadSignature`` when
    not signed here (or altered)."""
    max_age = settings.ESSMAP_UPDATE_REQUEST_LINK_DAYS * 86400
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise Expired from error
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise signing.BadSignature("contenu inattendu")
    return data["r"]
