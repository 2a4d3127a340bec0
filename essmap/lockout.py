"""The admin login lockout: django-axes's count, and two wider ones it cannot express.

Axes counts the failures of one username from one address (``AXES_LOCKOUT_PARAMETERS``) and
locks that pair at ``AXES_FAILURE_LIMIT`` (5). Against that alone, password spraying — a few
passwords on many usernames, from one address or from many — is never locked out. Axes has one
failure limit for all its counts (the sum over the widest one always wins), so the two wider
counts, each with its own, higher limit, are added here, over the same cool-off window and the
same records (``AccessAttempt``):

- one address, any usernames: ``ESSMAP_LOGIN_ADDRESS_FAILURE_LIMIT`` (30) locks that address;
- one username, any addresses: ``ESSMAP_LOGIN_USERNAME_FAILURE_LIMIT`` (30) locks that
  username — except from the addresses it has already logged in from (axes's ``AccessLog``):
  knowing a curator's username must not be enough to lock her out of her usual connection.

0 turns either off. Each lockout lasts ``AXES_COOLOFF_TIME`` after the last failure.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes's database handler, with the address-wide and username-wide lockouts."""

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        return settings.AXES_LOCK_OUT_AT_FAILURE and self.wide_lockout(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return
        if self.is_whitelisted(request, credentials) or not self.wide_lockout(request, credentials):
            return
        # As axes does when its own count reaches its limit: the middleware answers the
        # lockout page (AXES_LOCKOUT_TEMPLATE).
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )

    def wide_lockout(self, request, credentials=None):
        """Whether the address or the username of this attempt is locked; which one is left on
        the request (``essmap_lockout``) for the lockout page to say."""
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        address = request.axes_ip_address
        username = get_client_username(request, credentials)
        if address and _reached(
            recent.filter(ip_address=address), settings.ESSMAP_LOGIN_ADDRESS_FAILURE_LIMIT
        ):
            request.essmap_lockout = "address"
            return True
        if (
            username
            and _reached(
                recent.filter(username=username), settings.ESSMAP_LOGIN_USERNAME_FAILURE_LIMIT
            )
            and not AccessLog.objects.filter(username=username, ip_address=address).exists()
        ):
            request.essmap_lockout = "username"
            return True
        return False


def _reached(attempts, limit):
    if not limit:
        return False
    return (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) >= limit
