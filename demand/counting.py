"""How a search on ``/programmes/`` is counted: once per client, place and stage an hour,
without keeping who searched.

What a search leaves:

1. a :class:`~demand.models.RecentSearch` row ``(day, hour, client, area, stage, keywords)``,
   inserted with ``ON CONFLICT DO NOTHING`` on ``(day, hour, client, area, stage)``: ``client``
   is a keyed hash of the client's address and of the day (:func:`client_of`, never the
   address). The same client searching the same place at the same stage again within the hour
   inserts nothing, and is not counted again: ten reloads, or a script sending a browser's user
   agent, weigh one search an hour, not ten;
2. only when that row was inserted, ``(day, area, stage, outcome) += 1`` on a
   :class:`~demand.models.SearchCount` counter, in one upsert (``INSERT … ON CONFLICT … DO
   UPDATE``). The statistics read only these counters.

Both statements are the same on PostgreSQL and SQLite. The area is the département of the
territory searched, said by the list view on its response
(:func:`orientation.extensions.note_search`), which the page cache keeps with the page, so that
a page served from the cache is counted like a computed one without any lookup.

Keywords are kept only for searches that found nothing, normalised (:func:`normalised_keywords`),
and never contact details: a search whose text holds a phone number, an e-mail or web address
keeps no keyword at all, and no word with a digit is kept. :func:`purge` erases the recent
searches without keywords the next day, the others after :data:`RETENTION_DAYS`; the counters
stay.
"""

import re
import unicodedata
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from demand.models import (
    ANY_STAGE,
    CLIENT_HASH_LENGTH,
    SEVERAL_STAGES,
    Outcome,
    RecentSearch,
    SearchCount,
)
from essmap import privacy
from orientation import extensions
from programmes.models import Stage
from search.query import FILLER_WORDS, MAX_WORDS, meaningful, words_of

RETENTION_DAYS = 30
FEW_RESULTS = extensions.FEW_RESULTS
MAX_KEYWORDS_LENGTH = RecentSearch._meta.get_field("keywords").max_length
# The salt of the client hash (essmap.privacy): demand's hashes match no other app's.
CLIENT_PURPOSE = "essmap.demand.client"

# What a browser says it is: every current one starts with "Mozilla/5.0". Crawlers that also
# do are told by a word of their name; tools (curl, wget, python-requests…) say no "Mozilla/".
# A script can say "Mozilla/5.0" too: the hourly deduplication and the distinct clients asked
# of a keyword (demand.reports) are what keep it from weighing.
BROWSER = re.compile(r"^(Mozilla|Opera)/\d")
NOT_A_PERSON = re.compile(
    r"bot|crawl|spider|slurp|scrap|facebookexternalhit|facebot|embedly|preview|headless|"
    r"lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|httpclient|go-http|okhttp|"
    r"axios|node-fetch|libwww|feedfetcher|mediapartners|archive|validator|check",
    re.IGNORECASE,
)

# Contact details in what was typed (read after NFKD, so that "０８" or "①" are digits too):
# a search holding one keeps no keyword at all — the words around a phone number are an
# advertisement or a person's name, neither to be kept nor shown.
CONTACT_DETAILS = re.compile(
    r"""
    [^\s@]+\s*@\s*[^\s@]+                               # an e-mail address
    | \b(?:https?|ftp)\s*:\s*/ | \bwww\d*\s*\.           # a web address
    | \b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b       # a domain: tiers-lieu.fr, x.co.uk
    | \d(?:[\s.\-/()]*\d){7,}                           # 8 digits or more: 08 99 12 34 56
    | \+\s*\d                                           # an international prefix: +33 6…
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Words that only an address or a number spelled out would bring (« jean point dupont arobase
# gmail point com »): such a search keeps no keyword either.
CONTACT_WORDS = frozenset(
    """arobase http https www com net org fr eu gmail googlemail hotmail outlook yahoo
    wanadoo laposte sfr icloud protonmail tel telephone portable mail email mel courriel""".split()
)


def from_a_person(user_agent):
    """Whether a user agent is a browser that a person may be using (not a crawler, not a
    script). Read, never stored."""
    return bool(BROWSER.match(user_agent or "")) and not NOT_A_PERSON.search(user_agent)


def client_of(request, day):
    """The keyed hash of the client's address and of ``day`` (:mod:`essmap.privacy`): another
    one each day, so that no row links one client's searches over two days."""
    return privacy.address_hash(request, CLIENT_PURPOSE, day=day)[:CLIENT_HASH_LENGTH]


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


def displayable(keywords):
    """Whether normalised keywords may be kept and shown: no digit, no word of an address."""
    words = keywords.split()
    return not any(c.isdigit() for c in keywords) and not CONTACT_WORDS.intersection(words)


def normalised_keywords(text):
    """What was typed, as search analyses it (``search.query``): lower case, no accents, no
    punctuation, no stop words, no sentence words (« je voudrais »), each word once, at most
    the words a search reads — "Je cherche un Tiers-Lieu à Évron !" → "tiers lieu evron".

    Never contact details: "" for a text holding a phone number, an e-mail or web address, or
    a word of one (:data:`CONTACT_WORDS`); no word with a digit ("53", "covid19")."""
    text = unicodedata.normalize("NFKC", text or "")
    if CONTACT_DETAILS.search(text):
        return ""
    words = [
        w
        for w in meaningful(words_of(text))
        if w not in FILLER_WORDS and not any(c.isdigit() for c in w)
    ]
    kept = " ".join(list(dict.fromkeys(words))[:MAX_WORDS])[:MAX_KEYWORDS_LENGTH].strip()
    return kept if displayable(kept) else ""


def _add(rows):
    """Add ``searches`` to the counter rows ``(day, area, stage, outcome, searches)``, creating
    those that do not exist: one statement per row."""
    table = connection.ops.quote_name(SearchCount._meta.db_table)
    # Only the quoted table name is formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (day, area, stage, outcome, searches) "
        "VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (day, area, stage, outcome) "
        f"DO UPDATE SET searches = {table}.searches + excluded.searches"
    )
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(sql, row)


def _first_this_hour(day, hour, client, area, stage, keywords):
    """Write the recent search; False when the client searched the same place at the same
    stage earlier in the hour (nothing written)."""
    table = connection.ops.quote_name(RecentSearch._meta.db_table)
    sql = (
        f"INSERT INTO {table} (day, hour, client, area, stage, keywords) "
        "VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, hour, client, area, stage) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (day, hour, client, area, stage, keywords))
        return cursor.rowcount == 1


def count_search(*, results, area, client, stages=(), text="", now=None):
    """Count one search of ``client`` (:func:`client_of`) unless it searched the same place at
    the same stage within the hour: two SQL statements, one for a repeated search. Returns
    whether it was counted. (No transaction: a counter lost after its recent search was
    written is one search less, never one more.)"""
    now = timezone.localtime(now)
    day, stage, outcome = now.date(), stage_of(stages), outcome_of(results)
    keywords = normalised_keywords(text) if outcome == Outcome.ZERO else ""
    if not _first_this_hour(day, now.hour, client, area, stage, keywords):
        return False
    _add([(day, area, stage, outcome, 1)])
    return True


def purge(today=None):
    """Erase the recent searches (and their client hashes) no longer needed: those without
    keywords once their day is over, the others after :data:`RETENTION_DAYS`. The counters
    stay. Idempotent; two statements whatever the number of rows."""
    today = today or timezone.localdate()
    recent = RecentSearch.objects.all()
    erased, _ = recent.filter(day__lt=today, keywords="").delete()
    old, _ = recent.filter(day__lte=today - timedelta(days=RETENTION_DAYS)).delete()
    return erased + old
