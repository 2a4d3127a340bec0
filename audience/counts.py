"""Counting, reading and erasing the audience counters (docs/audience.md).

**Once per client, day and thing.** A client is the keyed hash of its address and of the day
(:func:`essmap.privacy.address_hash`, HMAC with ``SECRET_KEY``), never written anywhere but as
part of a key of the shared cache, which expires at midnight: ``audience:<day>:<sha256 of the
client hash, event, stage>``, whose value is the set of structures already counted. The
counters themselves hold only (structure, day, event, stage, count).

**Cost** of a counted request: one read of the cache, one write when a structure it names was
not yet counted for that client today, and one SQL statement for all of them (``INSERT … ON
CONFLICT … DO UPDATE SET count = count + 1``, the same on PostgreSQL and SQLite), however many
structures a page names. A repeated view costs the cache read only. With the database cache
(the default), a cache read is an SQL query on the cache table, a write three.
"""

import datetime
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from audience.models import DailyCount, Event
from essmap import privacy
from programmes.models import Stage

logger = logging.getLogger(__name__)

# The salt of the client hash (essmap.privacy): audience's hashes match no other app's.
CLIENT_PURPOSE = "essmap.audience.client"
# More structures than this a day, for one event: a script, not a person reading.
MOST_A_DAY = 500
# How many days « Ma structure » shows.
SHOWN_DAYS = 90

# What a browser says it is (as demand/counting.py reads it, which this layer cannot import):
# "Mozilla/5.0" without a crawler's or a tool's word. Read, never stored.
_BROWSER = re.compile(r"^(Mozilla|Opera)/\d")
_NOT_A_PERSON = re.compile(
    r"bot|crawl|spider|slurp|scrap|facebookexternalhit|facebot|embedly|preview|headless|"
    r"lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|httpclient|go-http|okhttp|"
    r"axios|node-fetch|libwww|feedfetcher|mediapartners|archive|validator|check",
    re.IGNORECASE,
)


def from_a_person(request):
    """A browser a person may be using (not a crawler, not a script), and not a signed-in
    curator or member (a session): their own visits are not the public's."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return bool(_BROWSER.match(user_agent)) and not _NOT_A_PERSON.search(user_agent)


def _seconds_to_midnight(now):
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(60, int((tomorrow - now).total_seconds()))


def _add(rows):
    """``count += 1`` on each ``(structure id, day, event, stage)``, creating the missing
    counters: one statement."""
    if not rows:
        return
    table = connection.ops.quote_name(DailyCount._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, 1)"] * len(rows))
    # Only the quoted table name and placeholders are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (structure_id, day, event, stage, count) VALUES {values} "  # noqa: S608
        "ON CONFLICT (structure_id, day, event, stage) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def record(request, structure_ids, event, stage="", now=None):
    """Count ``event`` once today for each structure of ``structure_ids`` that this client has
    not already brought it to today. Returns how many counters went up.

    One cache entry per client, day, event and stage holds the structures already counted
    (``set`` of ids), whatever the number of structures a page names: one read, at most one
    write. Past :data:`MOST_A_DAY` structures, a client is not a person reading: no more."""
    now = timezone.localtime(now)
    day = now.date()
    ids = {int(pk) for pk in structure_ids}
    if not ids:
        return 0
    client = privacy.address_hash(request, CLIENT_PURPOSE, day=day)
    digest = hashlib.sha256(f"{client} {event} {stage}".encode()).hexdigest()
    key = f"audience:{day.isoformat()}:{digest}"
    seen = cache.get(key) or set()
    new = ids - seen
    if not new or len(seen) >= MOST_A_DAY:
        return 0
    # Noted before counting: two requests at once may both count, never none.
    cache.set(key, seen | new, timeout=_seconds_to_midnight(now))
    rows = [(pk, day, event, stage) for pk in sorted(new)]
    try:
        if connection.in_atomic_block:
            # A savepoint: a failed count leaves the request's transaction usable.
            with transaction.atomic():
                _add(rows)
        else:
            _add(rows)
    except DatabaseError:
        # A page answers even if its count is lost.
        logger.exception("audience: %s not counted", event)
        return 0
    return len(new)


def stage_of(values):
    """The stage of a search: one as itself, none or several as ""."""
    stages = list(dict.fromkeys(v for v in values if v in Stage.values))
    return stages[0] if len(stages) == 1 else ""


def last_90_days(structure, today=None):
    """What « Ma structure » shows: the counts of the last :data:`SHOWN_DAYS` days, today
    included, as a dict (each event's value, ``contacts`` their total, ``answers_by_stage``
    [(stage label, count)] in the order of the stages, ``since`` and ``until``). One query."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=SHOWN_DAYS - 1)
    rows = (
        DailyCount.objects.filter(structure=structure, day__gte=since, day__lte=today)
        .values_list("event", "stage")
        .annotate(total=Sum("count"))
    )
    totals = dict.fromkeys(Event.values, 0)
    by_stage = {}
    for event, stage, total in rows:
        totals[event] += total
        if event == Event.ANSWER and stage:
            by_stage[stage] = by_stage.get(stage, 0) + total
    return {
        "views": totals[Event.VIEW],
        "phone": totals[Event.PHONE],
        "email": totals[Event.EMAIL],
        "website": totals[Event.WEBSITE],
        "contacts": totals[Event.PHONE] + totals[Event.EMAIL] + totals[Event.WEBSITE],
        "selections": totals[Event.SELECTION],
        "answers": totals[Event.ANSWER],
        "answers_by_stage": [(label, by_stage[v]) for v, label in Stage.choices if v in by_stage],
        "since": since,
        "until": today,
    }


def consultations(model, since):
    """The number of page views since ``since`` of a structure, or of a programme's operators
    (a programme's page counts for each of them): the freshness queue's order
    (``EntryQuerySet.freshness_queue``)."""
    views = DailyCount.objects.filter(event=Event.VIEW, day__gte=since)
    if model._meta.model_name == "structure":
        views = views.filter(structure=OuterRef("pk"))
    elif model._meta.model_name == "programme":
        views = views.filter(structure__programme_links__programme=OuterRef("pk"))
    else:
        return None
    total = views.order_by().values("event").annotate(total=Sum("count")).values("total")
    return Coalesce(Subquery(total), 0)


def purge(today=None, days=None):
    """Erase the counters older than ``days`` (``ESSMAP_AUDIENCE_RETENTION_DAYS``). One
    statement; idempotent."""
    today = today or timezone.localdate()
    days = settings.ESSMAP_AUDIENCE_RETENTION_DAYS if days is None else days
    erased, _ = DailyCount.objects.filter(day__lt=today - datetime.timedelta(days=days)).delete()
    return erased
