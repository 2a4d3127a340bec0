"""How a search on ``/programmes/`` is counted, anonymously, in one write.

What a search leaves: ``(day, area, stage, outcome, keywords) += 1`` in one upsert
(``INSERT … ON CONFLICT … DO UPDATE``, the same statement on PostgreSQL and SQLite). The area is
the département of the territory searched, said by the list view on its response
(:func:`orientation.extensions.note_search`), which the page cache keeps with the page, so that
a page served from the cache is counted like a computed one without any lookup. The keywords
are kept only for searches that found nothing, normalised (:func:`normalised_keywords`), and
emptied after :data:`RETENTION_DAYS` by :func:`purge`.
"""

import re
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from demand.models import ANY_STAGE, SEVERAL_STAGES, Outcome, SearchCount
from orientation import extensions
from programmes.models import Stage
from search.query import FILLER_WORDS, MAX_WORDS, meaningful, words_of

RETENTION_DAYS = 30
FEW_RESULTS = extensions.FEW_RESULTS
MAX_KEYWORDS_LENGTH = SearchCount._meta.get_field("keywords").max_length

# What a browser says it is: every current one starts with "Mozilla/5.0". Crawlers that also
# do are told by a word of their name; tools (curl, wget, python-requests…) say no "Mozilla/".
BROWSER = re.compile(r"^(Mozilla|Opera)/\d")
NOT_A_PERSON = re.compile(
    r"bot|crawl|spider|slurp|scrap|facebookexternalhit|facebot|embedly|preview|headless|"
    r"lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|httpclient|go-http|okhttp|"
    r"axios|node-fetch|libwww|feedfetcher|mediapartners|archive|validator|check",
    re.IGNORECASE,
)


def from_a_person(user_agent):
    """Whether a user agent is a browser that a person may be using (not a crawler, not a
    script). Read, never stored."""
    return bool(BROWSER.match(user_agent or "")) and not NOT_A_PERSON.search(user_agent)


def outcome_of(results):
    if results == 0:
        return Outcome.ZERO
    if results <= FEW_RESULTS:
        return Outcome.FEW
    return Outcome.SOME


def stage_of(values):
    """One stage as itself; several as « plusieurs »; none as empty."""
    stages = list(dict.fromkeys(v for v in values if v in Stage.values))
    if len(stages) > 1:
        return SEVERAL_STAGES
    return stages[0] if stages else ANY_STAGE


def normalised_keywords(text):
    """What was typed, as search analyses it (``search.query``): lower case, no accents, no
    punctuation, no stop words, no sentence words (« je voudrais »), each word once, at most
    the words a search reads — "Je cherche un Tiers-Lieu à Évron !" → "tiers lieu evron"."""
    words = [w for w in meaningful(words_of(text)) if w not in FILLER_WORDS]
    kept = " ".join(list(dict.fromkeys(words))[:MAX_WORDS])
    return kept[:MAX_KEYWORDS_LENGTH].strip()


def _add(rows):
    """Add ``searches`` to the counter rows ``(day, area, stage, outcome, keywords,
    searches)``, creating those that do not exist: one statement per row."""
    table = connection.ops.quote_name(SearchCount._meta.db_table)
    # Only the quoted table name is formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (day, area, stage, outcome, keywords, searches) "
        "VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, area, stage, outcome, keywords) "
        f"DO UPDATE SET searches = {table}.searches + excluded.searches"
    )
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(sql, row)


def count_search(*, results, area, stages=(), text=""):
    """Count one search: one SQL statement."""
    outcome = outcome_of(results)
    keywords = normalised_keywords(text) if outcome == Outcome.ZERO else ""
    _add([(timezone.localdate(), area, stage_of(stages), outcome, keywords, 1)])


def purge(today=None):
    """Empty the keywords of the days older than :data:`RETENTION_DAYS`: their searches are
    added to the same day's row without keywords, so the counts stay and the text goes.
    Idempotent; a few statements whatever the number of rows."""
    today = today or timezone.localdate()
    old = SearchCount.objects.filter(day__lte=today - timedelta(days=RETENTION_DAYS)).exclude(
        keywords=""
    )
    with transaction.atomic():
        folded = (
            old.values_list("day", "area", "stage", "outcome")
            .annotate(total=Sum("searches"))
            .order_by()
        )
        rows = [(*key, "", total) for *key, total in folded]
        _add(rows)
        old.delete()
    return len(rows)
