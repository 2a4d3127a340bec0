"""Five digits typed as a place: a postal code first, then an INSEE code.

2,950 of the 6,187 postal codes are also the INSEE code of another commune: "53100" is
Mayenne's postal code and Fougerolles-du-Plessis' INSEE code. A person types the postal code,
so five digits are read as one first (:func:`read_five_digits`); the commune whose INSEE code
it is is then written ``com-53100`` in the links of the lists (:func:`query_key`), while its
key, its sheet's address and the JSON keep its INSEE code.

The postal code of an arrondissement of Paris, Lyon or Marseille (75018, 69001, 13001) is also
one of its city's: it names the arrondissement (:func:`postcode_reading`), which the reference
holds as a commune inside its city; the city stays reachable by its name or INSEE code.
"""

import operator
import re
from functools import reduce

from django.db.models import Exists, OuterRef, Q

from territories.models import (
    COMMUNE_ALIAS,
    Territory,
    TerritoryKind,
    normalize_key,
    territory_key,
)

POSTCODE_RE = re.compile(r"\d{5}")


def read_five_digits(code):
    """What five digits typed by a person name: a postal code first ("53100" is Mayenne,
    not Fougerolles-du-Plessis whose INSEE code it is), else the commune with this INSEE code
    (or a former one). One query when it is either.

    A postal code gives its commune, or its main one when that commune outnumbers the others
    together (see :func:`postcode_reading`); else all of them, alphabetically, for the person
    to choose."""
    rows = _key_or_postcode(code)
    communes = [t for t in rows if _has_postcode(t, code)]
    if communes:
        return postcode_reading(communes, city_parts(communes))
    exact = [t for t in rows if t.key == code]
    for territory in exact:
        territory._query_key = code  # not a postal code: the key says it in a link
    if exact:
        return exact
    former = Territory.objects.filter(former_codes__code=code).first()
    return [former] if former else []


def by_key_for_links(key):
    """``Territory.objects.by_key(key)``, with the territory's :func:`query_key` worked out in
    the same query: for a page given a key that links to the lists of its territory (a
    territory's sheet)."""
    normalized = normalize_key(key)
    if not normalized or not POSTCODE_RE.fullmatch(normalized):
        return Territory.objects.by_key(key)
    rows = _key_or_postcode(normalized)
    territory = next((t for t in rows if t.key == normalized), None)
    if territory is None:
        return Territory.objects.by_key(key)  # a former code
    sharing = [t for t in rows if _has_postcode(t, normalized)]
    territory._query_key = _query_key(territory, sharing, city_parts(sharing))
    return territory


def query_key(territory):
    """The value of ``?territoire=`` that names ``territory`` in a link: its key, except for a
    commune whose INSEE code is also a postal code read as another commune
    (Fougerolles-du-Plessis, 53100, is ``com-53100``). Kept on the instance."""
    if getattr(territory, "_query_key", None) is None:
        attach_query_keys([territory])
    return territory._query_key


def attach_query_keys(territories):
    """Work out, in one query, the :func:`query_key` of the communes among ``territories``
    (a choice list). Returns ``territories``."""
    pending = {
        t.key: t
        for t in territories
        if getattr(t, "_query_key", None) is None
        and t.kind == TerritoryKind.COMMUNE
        and POSTCODE_RE.fullmatch(t.key)
    }
    if pending:
        found = {code: [] for code in pending}
        sharing = list(
            with_parts(
                Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True)
            ).filter(reduce(operator.or_, (Q(postcodes__contains=code) for code in pending)))
        )
        for commune in sharing:
            for code in commune.postcodes.split():
                if code in found:
                    found[code].append(commune)
        parts = city_parts(sharing)
        for code, territory in pending.items():
            territory._query_key = _query_key(territory, found[code], parts)
    for territory in territories:
        if getattr(territory, "_query_key", None) is None:
            territory._query_key = territory.key
    return territories


def city_parts(communes):
    """``{city pk: {arrondissement pks}}`` among ``communes``: the cities (Paris, Lyon,
    Marseille) listed with some of their arrondissements. One query when there are several
    communes and, if they were read :func:`with_parts`, a city among them; none otherwise."""
    if len(communes) < 2 or not any(getattr(t, "has_parts", True) for t in communes):
        return {}  # read with_parts(): no city among them, no query
    ids = [t.pk for t in communes]
    links = Territory.containers.through.objects.filter(
        from_territory__in=ids, to_territory__in=ids
    ).values_list("to_territory_id", "from_territory_id")
    parts = {}
    for city, part in links:
        parts.setdefault(city, set()).add(part)
    return parts


def with_parts(queryset):
    """``queryset`` with ``has_parts``: whether a territory contains communes (a city with
    arrondissements), so that :func:`city_parts` looks them up only then."""
    link = Territory.containers.through.objects.filter(
        to_territory=OuterRef("pk"), from_territory__kind=TerritoryKind.COMMUNE
    )
    return queryset.annotate(has_parts=Exists(link))


def postcode_reading(communes, parts=None):
    """The communes a postal code names: an arrondissement rather than its city (75018 is
    the 18e, not Paris; ``parts`` from :func:`city_parts`), then the main one when it
    outnumbers the others together (Mayenne for 53100; a person from a village nearby finds
    the same supports, and the suggestions offer each commune), else them all, alphabetically."""
    if parts:
        listed = {t.pk for t in communes}
        communes = [t for t in communes if not parts.get(t.pk, set()) & listed]
    communes = sorted(communes, key=lambda t: (-(t.population or 0), t.search_name))
    main, others = communes[0], communes[1:]
    if (main.population or 0) > sum(t.population or 0 for t in others) or not others:
        return [main]
    return sorted(communes, key=lambda t: (t.search_name, t.code))


def _key_or_postcode(code):
    # One query (PostgreSQL reads postal codes through a trigram index, migration 0007).
    return list(
        with_parts(Territory.objects).filter(
            Q(key=code) | Q(kind=TerritoryKind.COMMUNE, is_current=True, postcodes__contains=code)
        )
    )


def _has_postcode(territory, code):
    return (
        territory.kind == TerritoryKind.COMMUNE
        and territory.is_current
        and code in territory.postcodes.split()
    )


def _query_key(commune, sharing, parts):
    """``?territoire=`` for ``commune``, given the communes whose postal code is its INSEE
    code (and their :func:`city_parts`): the code, unless it reads as another commune (or a
    choice)."""
    reads_as = postcode_reading(sharing, parts) if sharing else [commune]
    return commune.key if reads_as == [commune] else COMMUNE_ALIAS + commune.code


def demand_area(territory):
    """Where a search for ``territory`` is counted (« Demandes sans réponse »): its
    département's key — a commune's, an EPCI's or a Pays' lying in one —, a région as itself,
    ``"FR"`` for France, ``"plusieurs"`` for a grouping across départements (or whose
    départements are unknown), ``""`` without a territory. At most one query (a grouping's
    départements, already read when its label is shown)."""
    if territory is None:
        return ""
    if territory.kind in (TerritoryKind.REGION, TerritoryKind.COUNTRY):
        return territory.key
    codes = territory.departement_codes
    if len(codes) == 1:
        return territory_key(TerritoryKind.DEPARTEMENT, codes[0])
    return "plusieurs"
