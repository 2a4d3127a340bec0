"""Likely duplicates of a structure about to be created: a similar name, compared without
accents, case, punctuation or legal-form words, in the same département."""

import difflib

from programmes.models import Structure
from search.query import words_of
from territories.models import TerritoryKind

SIMILARITY = 0.8
# Words that say what a structure is, not which one it is.
GENERIC_WORDS = {"association", "asso", "scop", "scic", "sas", "sarl", "cooperative", "coop"}


def comparable(name):
    return " ".join(w for w in words_of(name) if w not in GENERIC_WORDS)


def similar_names(a, b):
    a, b = comparable(a), comparable(b)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 5 and (a in b or b in a)):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def likely_duplicates(name, commune=None, exclude_pk=None, limit=5):
    """Structures (any publication status) whose name is close to ``name``; when ``commune`` is
    given, only those of its département (or with no known seat)."""
    candidates = Structure.objects.select_related("commune")
    if commune is not None:
        departements = commune.containers.filter(kind=TerritoryKind.DEPARTEMENT)
        candidates = candidates.filter(commune__containers__in=departements) | candidates.filter(
            commune__isnull=True
        )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    found = [s for s in candidates.distinct().order_by("name") if similar_names(name, s.name)]
    return found[:limit]
