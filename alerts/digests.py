"""The weekly digest of each confirmed subscription, and the messages alerts send.

``send_digests`` is idempotent: a subscription gets at most one digest per ISO week (its
``last_week``), however often it runs. Each subscription is claimed by a conditional
``UPDATE`` (zero rows: another run took it) and its message sent in the same transaction, so a
failed send leaves it unclaimed for the next run rather than lost; only a crash between the
mail server's acceptance and the commit could send it twice."""

import datetime
import logging
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from alerts.searches import Searches, describe
from alerts.tokens import confirmation_token
from essmap import emails

logger = logging.getLogger(__name__)


def search_url(query):
    return emails.absolute(reverse("orientation:programme_list") + (f"?{query}" if query else ""))


def unsubscribe_headers(subscription):
    """RFC 2369 and RFC 8058: a mail client may offer « se désabonner » and do it with one POST."""
    url = emails.absolute(reverse("alerts:unsubscribe", args=[subscription.token]))
    value = f"<{url}>"
    if settings.ESSMAP_ALERT_UNSUBSCRIBE_MAILTO:
        subject = quote(f"desabonnement {subscription.token}")
        value += f", <mailto:{settings.ESSMAP_ALERT_UNSUBSCRIBE_MAILTO}?subject={subject}>"
    return {"List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}, url


def confirmation_message(email, query, filterset):
    """The message asking the owner of ``email`` to confirm the alert on ``query``."""
    token = confirmation_token(email, query)
    context = {
        "criteria": describe(filterset),
        "search_url": search_url(query),
        "confirm_url": emails.absolute(reverse("alerts:confirm", args=[token])),
        "days": settings.ESSMAP_ALERT_CONFIRM_DAYS,
    }
    return emails.message("alert_confirm", context, email)


def iso_week(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Report:
    sent: int = 0
    nothing_new: int = 0
    invalid: int = 0
    already_done: int = 0


def digest_message(subscription, programmes, criteria, since, until):
    headers, unsubscribe_url = unsubscribe_headers(subscription)
    for programme in programmes:
        programme.url = emails.absolute(programme.get_absolute_url())
    context = {
        "programmes": programmes,
        "new": [p for p in programmes if p.is_new],
        "verified": [p for p in programmes if not p.is_new],
        "criteria": criteria,
        "search_url": search_url(subscription.query),
        "unsubscribe_url": unsubscribe_url,
        "since": since,
        "last_day": until - datetime.timedelta(days=1),
    }
    return emails.message("alert_digest", context, subscription.email, headers)


def send_digests(today=None):
    """Send this week's digests; returns a ``Report``. Programmes count from each
    subscription's ``covered_until`` up to the day before ``today``: a day is covered once,
    even when a week's run was missed."""
    today = today or timezone.localdate()
    week = iso_week(today)
    report = Report()
    searches = Searches()
    # Subscriptions of the same search since the same day share one evaluation of it.
    found = {}
    connection = get_connection()
    due = list(Subscription.objects.exclude(last_week=week).order_by("pk"))
    report.already_done = Subscription.objects.filter(last_week=week).count()
    with connection:
        for subscription in due:
            since = subscription.covered_until
            key = (subscription.query, since)
            if key not in found:
                programmes = searches.new_programmes(subscription.query, since, today)
                criteria = describe(searches.valid(subscription.query)) if programmes else []
                found[key] = (programmes, criteria)
            programmes, criteria = found[key]
            with transaction.atomic():
                claimed = Subscription.objects.filter(
                    pk=subscription.pk, last_week=subscription.last_week
                ).update(last_week=week, covered_until=max(today, since))
                if not claimed:
                    report.already_done += 1
                    continue
                if programmes is None:
                    logger.warning("alerte %s : recherche invalide, rien envoyé", subscription.pk)
                    report.invalid += 1
                elif not programmes:
                    report.nothing_new += 1
                else:
                    message = digest_message(subscription, programmes, criteria, since, today)
                    connection.send_messages([message])
                    report.sent += 1
    return report
