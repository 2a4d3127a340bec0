"""Territory lookup as a person types: names, postcodes, INSEE and SIREN codes."""

import re

from django.db.models import Case, IntegerField, Q, Value, When

from territories.models import (
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

_KIND_RANK = scale_of("kind")


def autocomplete(query, limit=MAX_RESULTS):
    """Ranked territories for what a person typed.

    Exact name first, then names starting with the text, then names with a word starting with
    it; among equals, larger territories (région before commune) and more populated first.
    Five digits give the communes of that postal code, then the commune with that INSEE code.
    Groupings come with their départements, for their labels (one more query when any).
    """
    return attach_departements(_ranked(query, limit))


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
