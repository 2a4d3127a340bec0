"""The order of a list's results: what « pertinence », « distance », « nom » and « vérifié »
mean, for structures and for programmes.

Pure policy: given the order asked, the place (a territory or None), the analysed words (a
:class:`search.query.TextQuery`, decided, or None) and, for programmes, the stages chosen, it
returns ``order_by()`` keys. The annotations it orders by are set before: ``distance_km``
(``with_distance_from``), ``reach_scale`` (``with_reach``), ``text_all``, ``text_score`` and
``text_telling`` (``matching`` / ``closest_to``). The lists (``orientation.filters``), the
widget and the alerts all rank through here.
"""

from django.db.models import Case, F, Value, When

from programmes.models import STAGE_FIELDS, Stage
from search import intents

RELEVANCE = "pertinence"
NEAREST = "distance"
NAME = "nom"
VERIFIED = "verifie"
# The choices of ``?tri=``, in French.
ORDER_CHOICES = [
    (RELEVANCE, "Pertinence"),
    (NEAREST, "Plus proche du territoire choisi"),
    (NAME, "Nom"),
    (VERIFIED, "Récemment vérifié"),
]


def _nearest(territory):
    return [F("distance_km").asc(nulls_last=True)] if territory is not None else []


def entry_order(order, territory, words):
    """Keys for structures, and for programmes in any order but relevance."""
    if order == VERIFIED:
        return [F("verified_on").desc(nulls_last=True), "name", "pk"]
    keys = []
    if order == RELEVANCE and words:
        if words.mode == "closest":
            keys.append(F("text_all").desc())
        keys.append(F("text_score").desc())
    if order in (NEAREST, RELEVANCE):
        keys += _nearest(territory)
    return [*keys, "name", "pk"]


def programme_order(order, territory, words, stages=()):
    """Keys for programmes. Relevance: the programmes open at most of the chosen stages, then
    the best text match, then the most local coverage of the chosen place, then the nearest
    operator."""
    if order != RELEVANCE:
        return entry_order(order, territory, words)
    keys = []
    stages = list(dict.fromkeys(stages or ()))
    if len(stages) > 1:
        keys.append(stage_match(stages).desc())
    local = _local(territory, words)
    nearest = _nearest(territory)
    if words and words.mode == "closest":
        # Words rank within each reach, so that they never push the most local supports
        # of a place below national ones that merely share a word ("village", "projet").
        # The few entries containing every word come first, best text match first.
        # Then the entries containing two or more of the telling words typed (rare among
        # the candidates): a trade and its public ("danse", "artiste") found together in
        # the one support made for them, however far it reaches; words most candidates
        # contain never reorder the reaches. Words of intent ("embaucher", "tester mon
        # activité") bring the kind of support that answers them before the reaches; the
        # others ("une idée", a public, a sector) order each reach (search.intents).
        all_words_score = Case(When(text_all=1, then=F("text_score")), default=Value(0.0))
        keys.append(all_words_score.desc())
        keys += _intent_ahead(words)
        if sum(words.telling) >= 2:
            strong = Case(When(text_telling__gte=2, then=Value(1)), default=Value(0))
            keys.append(strong.desc())
        keys += [*local, *_intent_among(words), F("text_score").desc(), *nearest]
    elif words:
        keys += [*_intent_ahead(words), F("text_score").desc(), *local]
        keys += [*_intent_among(words), *nearest]
    else:
        keys += [*local, *nearest]
    return [*keys, "name", "pk"]


# One step of territories.models.SCALE: département 40, région 50.
REACH_STEP = 10


def _local(territory, words):
    """The most local coverage of the place first. A support made for the trade the words
    name counts one reach nearer (search.intents.made_for_trade): a regional course for
    cultural entrepreneurs ranks among the département's general supports, first of them as
    made for the sector, never before the commune's or the EPCI's."""
    if territory is None:
        return []
    if words and intents.names_trade(words.intents):
        return [(F("reach_scale") - F("text_trade") * REACH_STEP).asc(nulls_last=True)]
    return [F("reach_scale").asc(nulls_last=True)]


def _intent_ahead(words):
    """The kinds of support that answer the words of intent most directly ("embaucher":
    consolidation; "tester mon activité": test d'activité; "SCIC"), however far they reach:
    see search.intents."""
    return [F("text_intent").desc()] if intents.ranks_ahead(words.intents) else []


def _intent_among(words):
    """Among supports of the same reach, those answering the other intents ("une idée") and
    made for the public or sector named ("réfugiée", "épicerie"), then those open to all."""
    return [F("text_intent_fit").desc()] if intents.ranks_among(words.intents) else []


def stage_match(stages):
    """How many of ``stages`` a programme is open at (an expression)."""
    matches = [
        Case(When(**{STAGE_FIELDS[Stage(s)]: True}, then=Value(1)), default=Value(0))
        for s in stages
    ]
    total = matches[0]
    for match in matches[1:]:
        total = total + match
    return total
