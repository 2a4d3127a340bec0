"""Territory lookup as a person types: names, postcodes, INSEE and SIREN codes."""

import re

from django.db import connections
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from territories.models import (
    SCALE,
    Territory,
    TerritoryKind,
    attach_departements,
    normalize_key,
    printable,
    scale_of,
    search_form,
)
from territories.places import attach_query_keys, city_parts, query_key, with_parts

MAX_RESULTS = 10
MIN_LENGTH = 2
# Close names (a typo) are looked for from this many letters, and this many are offered.
MIN_CLOSE_LENGTH = 4
MAX_CLOSE = 5
# How alike two names must be to be offered: pg_trgm's default threshold for ``%``.
SIMILARITY = 0.3

_KIND_RANK = scale_of("kind")


def autocomplete(query, limit=MAX_RESULTS):
    """Ranked territories for what a person typed.

    Exact name first, then names starting with the text, then names with a word starting with
    it; among equals, larger territories (région before commune) and more populated first.
    When no name has the text, the names close to it (:func:`close_names`, a typo).
    Five digits give the communes of that postal code, then the commune with that INSEE code.
    Groupings come with their départements, for their labels (one more query when any).
    """
    return attach_departements(_ranked(query, limit) or close_names(query, min(limit, MAX_CLOSE)))


def _ranked(query, limit):
    query = printable(query).strip()[:100]
    words = search_form(query)
    if len(words) < MIN_LENGTH:
        return []
    current = Territory.objects.filter(is_current=True)
    compact = query.replace(" ", "")
    if re.fullmatch(r"\d{5}", compact):
        # A postcode or an INSEE code: both are five digits, the postal code comes first (as
        # when it is typed and submitted, see territories.forms.resolve).
        matches = (
            with_parts(current)
            .filter(Q(postcodes__contains=compact) | Q(code=compact))
            .filter(kind=TerritoryKind.COMMUNE)
            .annotate(
                by_code=Case(
                    When(postcodes__contains=compact, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )
        found = list(matches.order_by("by_code", "-population", "name")[:limit])
        # An arrondissement before its city (75018 is the 18e), as when the code is submitted.
        parts = city_parts(found)
        return sorted(found, key=lambda t: (t.by_code, t.pk in parts))
    if re.fullmatch(r"\d{9}", compact):
        return list(current.filter(kind=TerritoryKind.EPCI, code=compact)[:limit])
    by_code = []
    if re.fullmatch(r"(\d{2,3}|2[abAB])", compact):
        by_code = list(current.filter(kind=TerritoryKind.DEPARTEMENT, code=compact.upper()))
    elif normalize_key(compact) and not compact.isalpha():
        by_code = list(current.filter(key=normalize_key(compact)))
    matches = (
        current.filter(Q(search_name__startswith=words) | Q(search_name__contains=f" {words}"))
        .annotate(
            match=Case(
                When(search_name=words, then=Value(0)),
                When(search_name__startswith=words, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            kind_rank=_KIND_RANK,
        )
        .order_by("match", "-kind_rank", "-population", "name")[:limit]
    )
    seen = {t.pk for t in by_code}
    return (by_code + [t for t in matches if t.pk not in seen])[:limit]


def close_names(query, limit=MAX_CLOSE):
    """Current territories whose name is close to ``query`` — a letter missing, doubled or
    swapped ("Mayene", "valencienes") —, closest first, then larger and more populated: what
    to offer when the name typed matches none (« Vouliez-vous dire… ? »).

    Closeness is pg_trgm's ``similarity`` (shared trigrams of the normalised names), computed
    by PostgreSQL through the trigram index of ``search_name`` (migration 0005), and the same
    way in Python on SQLite."""
    words = search_form(printable(query)[:100])
    if len(words) < MIN_CLOSE_LENGTH or not re.search("[a-z]", words):
        return []
    current = Territory.objects.filter(is_current=True)
    if connections[current.db].vendor == "postgresql":
        found = (
            current.filter(RawSQL("search_name %% %s", [words], output_field=BooleanField()))
            .annotate(
                similarity=RawSQL(
                    "similarity(search_name, %s)", [words], output_field=FloatField()
                ),
                kind_rank=_KIND_RANK,
            )
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "-kind_rank", "-population", "name")
        )
        return list(found[:limit])
    # SQLite has no trigram index, and scoring all 36,000 communes in Python takes about
    # 200 ms. One letter missing, doubled or swapped leaves either the first two or the last
    # three letters of a name of six or more as they are, and its length within four (two,
    # and « saint » is stored « st »): the names so chosen (a few hundred) are scored in a few
    # milliseconds (15 to 30 ms in all on the national reference, mostly SQLite's scan). Only
    # the key and the name are read, so that SQLite scans the index of ``search_name`` rather
    # than the wide table.
    candidates = (
        Territory.objects.annotate(length=Length("search_name"))
        .filter(length__gte=len(words) - 4, length__lte=len(words) + 4)
        .filter(Q(search_name__startswith=words[:2]) | Q(search_name__endswith=words[-3:]))
        .values_list("pk", "search_name")
    )
    typed = trigrams(words)
    scores = {}
    for pk, name in candidates:
        score = similarity(typed, trigrams(name))
        if score >= SIMILARITY:
            scores[pk] = score
    best = sorted(scores, key=scores.get, reverse=True)[: limit * 4]
    found = current.filter(pk__in=best)
    return sorted(found, key=lambda t: (-scores[t.pk], -SCALE[t.kind], -(t.population or 0)))[
        :limit
    ]


def trigrams(text):
    """The trigrams pg_trgm takes from a normalised name: each word padded with two spaces
    before and one after."""
    return {
        padded[i : i + 3]
        for word in text.split()
        for padded in [f"  {word} "]
        for i in range(len(padded) - 2)
    }


def similarity(a, b):
    """pg_trgm's ``similarity`` of two sets of trigrams."""
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def suggestions(query):
    """The autocomplete's answer: each territory with the value that names it in
    ``?territoire=`` (:func:`territories.places.query_key`)."""
    return [as_suggestion(t) for t in attach_query_keys(autocomplete(query))]


def as_suggestion(territory):
    departements = territory.departement_codes
    return {
        # What ``territoire`` reads as this territory: "com-53100" for Fougerolles-du-Plessis,
        # whose INSEE code alone is read as Mayenne's postal code.
        "code": query_key(territory),
        "name": territory.name,
        "kind": territory.kind,
        "departement": departements[0] if len(departements) == 1 else None,
        "label": territory.label,
    }
