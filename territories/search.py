"""Territory lookup as a person types: names, postcodes, INSEE and SIREN codes."""

import re

from django.db.models import Case, IntegerField, Q, Value, When

from territories.models import (
    Territory,
    TerritoryKind,
    normalize_key,
    printable,
    scale_of,
    search_form,
)

MAX_RESULTS = 10
MIN_LENGTH = 2

_KIND_RANK = scale_of("kind")


def autocomplete(query, limit=MAX_RESULTS):
    """Ranked territories for what a person typed.

    Exact name first, then names starting with the text, then names with a word starting with
    it; among equals, larger territories (région before commune) and more populated first.
    """
    query = printable(query).strip()[:100]
    words = search_form(query)
    if len(words) < MIN_LENGTH:
        return []
    current = Territory.objects.filter(is_current=True)
    compact = query.replace(" ", "")
    if re.fullmatch(r"\d{5}", compact):
        # A postcode or an INSEE code: both are five digits.
        matches = current.filter(Q(postcodes__contains=compact) | Q(code=compact)).filter(
            kind=TerritoryKind.COMMUNE
        )
        return list(matches.order_by("-population", "name")[:limit])
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


def as_suggestion(territory):
    return {
        "code": territory.key,
        "name": territory.name,
        "kind": territory.kind,
        "departement": territory.departement_code,
        "label": territory.label,
    }
