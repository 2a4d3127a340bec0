"""Sign-in by a link sent by e-mail, for structures' members (django-sesame: signed tokens that
expire after ``SESAME_MAX_AGE`` and serve once, with no table of their own; docs/members.md).

:func:`sign_in_url` is the one way to build such a link: the claim, the invitations and the
update requests all send it; :func:`user_of_token` the one way to read it. The curators'
admin accounts (staff) never sign in this way."""

from urllib.parse import urlencode

from django.urls import reverse
from sesame.backends import ModelBackend
from sesame.utils import get_query_string

from essmap import emails

BACKEND = "sesame.backends.ModelBackend"


def sign_in_url(user, next_path="/ma-structure/"):
    """The absolute address that signs ``user`` in once, within minutes, then opens
    ``next_path`` (a path of this site)."""
    if user.is_staff:
        raise ValueError("Les comptes de l’administration se connectent avec leur mot de passe.")
    query = get_query_string(user)  # "?jeton=…"
    path = f"{reverse('members:sign_in_link')}{query}&{urlencode({'suite': next_path})}"
    return emails.absolute(path)


def user_of_token(request, token):
    """The active member account a token signs in, or None: expired, already used (the
    account's last_login changed), altered, or a staff account's. Reading it uses nothing up.

    Sesame's backend directly, not ``authenticate()``: a stale link is not a password guess,
    and django-axes would count it as a failed login of the client's address."""
    if not token:
        return None
    user = ModelBackend().authenticate(request, sesame=token)
    if user is None or user.is_staff or not user.is_active:
        return None
    return user
