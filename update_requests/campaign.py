"""``manage.py send_update_requests``: ask each structure whose page is getting old whether it
is still true, remind once, and forget the addresses in time (docs/update-requests.md).

**Who.** A published structure neither verified nor confirmed by its team for
``ESSMAP_UPDATE_REQUEST_MONTHS`` months (``Structure.objects.unchecked_since``), with no request
made within that time: each of its active managers (members/) with an e-mail address, else the
structure's recorded e-mail.

**Idempotent.** A request is a row made before its message is sent (the structure's row locked
meanwhile), and claimed by a conditional ``UPDATE`` in the transaction that sends it: a second
run, the same day or at the same moment, finds the row and sends nothing. A message the mail
server refused is recorded on its row (``failed_at``, ``failure``, ``failures``) and the run
goes on to the next; the next run tries it again, :data:`MAX_FAILURES` times at most, so
that an address that bounces is not written to every night.

**Reminder.** One, ``ESSMAP_UPDATE_REQUEST_REMINDER_DAYS`` days after the sending, when nobody
of the structure answered and no curator verified it meanwhile.

**Retention.** A request, and the address it went to, is erased
``ESSMAP_UPDATE_REQUEST_RETENTION_DAYS`` days after it was made (:func:`purge`, at the end of
each run): long after its links stopped working, long enough to know a structure was asked.
"""

import calendar
import datetime
import logging
import smtplib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from essmap import emails
from members.models import Membership, Role
from programmes.models import Structure
from update_requests.models import UpdateRequest
from update_requests.tokens import request_token

logger = logging.getLogger(__name__)

MAX_FAILURES = 3


def months_before(day, months):
    """The same day ``months`` months before (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass
class Report:
    sent: int = 0
    reminded: int = 0
    failed: int = 0
    erased: int = 0


def recipients(structure):
    """[(address, user)] for a structure: its active managers with an address, else its
    recorded e-mail (user None)."""
    managers = (
        Membership.objects.filter(structure=structure, role=Role.MANAGER, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    found = list(dict.fromkeys((m.user.email.strip().lower(), m.user) for m in managers))
    if found:
        return found
    return [(structure.email, None)] if structure.email else []


def due(cutoff):
    """Published structures unchecked since ``cutoff`` (a day), not asked since then, that
    someone can be asked for: a manager or a recorded address."""
    asked = UpdateRequest.objects.filter(structure=OuterRef("pk"), created_at__date__gte=cutoff)
    managers = Membership.objects.filter(
        structure=OuterRef("pk"), role=Role.MANAGER, user__is_active=True
    ).exclude(user__email="")
    return (
        Structure.objects.published()
        .unchecked_since(cutoff)
        .exclude(Exists(asked))
        .filter(Exists(managers) | ~Q(email=""))
        .order_by("pk")
    )


def links(update_request):
    """The two links of a message: « Rien n’a changé » and « Mettre à jour »."""
    token = request_token(update_request)
    structure = update_request.structure
    if update_request.user_id:
        # A page that sends a fresh sign-in link (they last minutes; this message, weeks).
        update_url = emails.absolute(reverse("update_requests:update", args=[token]))
    else:
        query = urlencode({"courriel": update_request.email})
        # The claim page (members/): a recorded address without an account says it keeps
        # the page, its address already typed.
        update_url = emails.absolute(reverse("members:claim", args=[structure.slug]) + "?" + query)
    return {
        "confirm_url": emails.absolute(reverse("update_requests:confirm", args=[token])),
        "update_url": update_url,
    }


def message(update_request, reminder=False):
    structure = update_request.structure
    context = {
        "structure": structure,
        "page_url": emails.absolute(structure.get_absolute_url()),
        "manager": update_request.user_id is not None,
        "days": settings.ESSMAP_UPDATE_REQUEST_LINK_DAYS,
        "reminder": reminder,
        "contact_url": emails.absolute(reverse("contact")),
        **links(update_request),
    }
    name = "update_request_reminder" if reminder else "update_request"
    return emails.message(name, context, update_request.email)


def _deliver(connection, update_request, report, now, reminder=False):
    """Send one message; a refusal is recorded on the request, never raised.

    The request is claimed by a conditional ``UPDATE`` (``sent_at`` or ``reminded_at`` still
    empty; zero rows: another run took it) and its message sent in the same transaction: a
    refused message leaves it unclaimed, with its failure recorded, for the next run."""
    field = "reminded_at" if reminder else "sent_at"
    try:
        with transaction.atomic():
            claimed = UpdateRequest.objects.filter(
                pk=update_request.pk, **{f"{field}__isnull": True}
            ).update(**{field: now})
            if not claimed:
                return
            connection.send_messages([message(update_request, reminder)])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("demande de mise à jour %s : envoi refusé (%s)", update_request.pk, error)
        UpdateRequest.objects.filter(pk=update_request.pk).update(
            failed_at=now,
            failure=str(error)[:1000] or type(error).__name__,
            failures=F("failures") + 1,
        )
        report.failed += 1
        return
    if reminder:
        report.reminded += 1
    else:
        report.sent += 1


def _make_requests(structure, cutoff, now):
    """The requests of one structure, unless another run made them meanwhile (its row locked
    until this transaction ends, on PostgreSQL)."""
    with transaction.atomic():
        locked = Structure.objects.select_for_update().filter(pk=structure.pk)
        if not due(cutoff).filter(pk__in=locked.values("pk")).exists():
            return []
        return [
            UpdateRequest.objects.create(
                structure=structure, email=email, user=user, created_at=now
            )
            for email, user in recipients(structure)
        ]


def send_requests(today=None, months=None, now=None):
    """This run's requests, retries and reminders; returns a :class:`Report`."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    months = settings.ESSMAP_UPDATE_REQUEST_MONTHS if months is None else months
    cutoff = months_before(today, months)
    report = Report()
    connection = get_connection()
    with connection:
        # Retries first: the requests made below are tried once this run.
        retries = UpdateRequest.objects.filter(
            sent_at__isnull=True, failures__lt=MAX_FAILURES, created_at__date__gte=cutoff
        ).select_related("structure")
        for update_request in retries:
            _deliver(connection, update_request, report, now)
        for structure in due(cutoff):
            for update_request in _make_requests(structure, cutoff, now):
                _deliver(connection, update_request, report, now)
        reminder_days = settings.ESSMAP_UPDATE_REQUEST_REMINDER_DAYS
        reminders = (
            UpdateRequest.objects.due_for_reminder(now - datetime.timedelta(days=reminder_days))
            .filter(failures__lt=MAX_FAILURES)
            .select_related("structure")
        )
        for update_request in reminders:
            if _checked_since(update_request.structure, update_request.sent_at):
                continue
            _deliver(connection, update_request, report, now, reminder=True)
    report.erased = purge(now)
    return report


def _checked_since(structure, moment):
    """Whether a curator verified the structure, or its team confirmed it, since ``moment``."""
    day = timezone.localdate(moment)
    checked = (structure.verified_on, structure.confirmed_by_structure_on)
    return any(d is not None and d >= day for d in checked)


def purge(now=None):
    """Erase the requests made more than ``ESSMAP_UPDATE_REQUEST_RETENTION_DAYS`` days ago,
    with their addresses. One statement; idempotent."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.ESSMAP_UPDATE_REQUEST_RETENTION_DAYS)
    erased, _ = UpdateRequest.objects.filter(created_at__lt=limit).delete()
    return erased
