"""A keyed hash of the client's address, for the apps that must tell clients apart without
keeping who they are: suggestions (repeated sendings of one connection) and demand (searches
counted once per client and hour, keywords shown only when several clients typed them).

HMAC-SHA256 with ``SECRET_KEY`` and a salt per use: the address cannot be recovered from the
hash, nor the hash of one use compared with another's. With ``day``, the day goes into the
hash: the same address gives another hash the next day, so that rows of two days cannot be
linked to one client.
"""

from django.utils.crypto import salted_hmac

from essmap import http


def address_hash(request, purpose, day=None):
    """The hash (64 hex characters) of the client's address (:func:`essmap.http.client_address`,
    the one the rate limits count), salted with ``purpose`` and, when given, ``day``."""
    address = http.client_address(request) or ""
    value = address if day is None else f"{day.isoformat()} {address}"
    return salted_hmac(purpose, value, algorithm="sha256").hexdigest()
