"""Words of intent: what a person's sentence says they need, read as the kind of support that
answers it.

"notre association veut se développer et embaucher" names no support, but "embaucher" says
which kind answers it (consolidation: the DLA and the like) and "association" who asks. The
vocabulary is data, ``search/intents.json`` (documented in docs/search.md): each intent lists
expressions and what answers them:

- ``kinds``: programme kinds (``ProgrammeKind.value``); an entry of one of them *answers*
  (weight :data:`ANSWERS`);
- ``names``: words searched in an entry's name and other names, for what no kind says (SCOP,
  SCIC); found there, it answers too;
- ``operators``: structure kinds (``StructureKind.value``); an entry run by a structure of
  one of them answers too. « une coopérative d’activité » names a kind of structure, a CAE,
  not a need: the person may be in one already and ask for its workshops, so every support
  a CAE runs answers it, not only tests of activity;
- ``ahead``: whether the kinds answer the need so directly that they come before nearer
  supports (embaucher: consolidation); the other intents ("une idée", "un réseau") only order
  supports of the same reach;
- ``publics`` and ``sectors``: among supports of the same reach, one made for them comes
  first, then those open to all (or declaring none), then those made for another public or
  sector (a building trade when the person opens a grocery).

Intents are found anywhere in what was typed (the first 1,000 characters), not only in the
first words that search matches: a sentence says its need last. They never narrow the list:
they rank it (``text_intent`` and ``text_intent_fit``, see ``search.ranking``), computed in
the list's own query: no query more.
"""

import json
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import add
from pathlib import Path

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from search.query import REFLEXIVE, VERB, meaningful, singular, verbs_marked, words_of

DATA = Path(__file__).with_name("intents.json")
ANSWERS = 2
FITS = 1
ALL_PUBLICS = "tous-publics"
ALL_SECTORS = "tous-secteurs"


@dataclass(frozen=True)
class Intent:
    label: str
    expressions: tuple  # tuples of words (see _words)
    ahead: bool = False
    kinds: tuple = ()
    names: tuple = ()
    operators: tuple = ()
    publics: tuple = ()
    sectors: tuple = ()
    # Read from a sector's "trades": the person names their trade (see made_for_trade).
    trade: bool = False


# Kept, beside the meaningful words: a reflexive pronoun, read as one word "se" ("se
# structurer", consolidate, is not "structurer mon projet"; "me former" is not "former des
# bénévoles"), and the mark of a verb (search.query.verbs_marked), never read across.
KEPT = frozenset({"se", VERB})


def _words(text):
    """Words compared whole, without plural s nor final e: stems would read "structures" as
    "se structurer" and "s'y associer" as "association". A reflexive pronoun is kept, as
    "se" (see REFLEXIVE); a verb after "qui" or "ne" is read as nothing (see verbs_marked)."""
    typed = ("se" if w in REFLEXIVE else w for w in verbs_marked(words_of(text)))
    words = (w if w in KEPT else singular(w) for w in _meaningful_or_kept(typed))
    return tuple(w[:-1] if len(w) > 4 and w.endswith("e") else w for w in words)


def _meaningful_or_kept(words):
    words = list(words)
    kept = set(meaningful(words))
    return [w for w in words if w in KEPT or w in kept]


@lru_cache(maxsize=1)
def vocabulary():
    """Every intent of ``intents.json``, its expressions analysed like typed words."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    intents = []
    for item in data["intents"]:
        expressions = tuple(dict.fromkeys(s for e in item["expressions"] if (s := _words(e))))
        intents.append(
            Intent(
                label=item["label"],
                expressions=expressions,
                ahead=bool(item.get("ahead")),
                kinds=tuple(item.get("kinds", ())),
                names=tuple(item.get("names", ())),
                operators=tuple(item.get("operators", ())),
                publics=tuple(item.get("publics", ())),
                sectors=tuple(item.get("sectors", ())),
            )
        )
        if item.get("trades"):
            # The same sector, named as the person's trade: one intent more, which ranks
            # nothing among supports (the sector already does), only the reach.
            intents.append(
                Intent(
                    label=f"{item['label']} (métier)",
                    expressions=tuple(dict.fromkeys(s for e in item["trades"] if (s := _words(e)))),
                    sectors=tuple(item["sectors"]),
                    trade=True,
                )
            )
    return tuple(intents)


def found_in(text, intents=None):
    """The intents whose expressions ``text`` contains (whole words, in order), each once,
    in the vocabulary's order."""
    intents = vocabulary() if intents is None else tuple(intents)
    typed = _words(text)
    index = _by_first_word(intents)
    found = set()
    for i, word in enumerate(typed):
        for expression, position in index.get(word, ()):
            if typed[i : i + len(expression)] == expression:
                found.add(position)
    return tuple(intents[p] for p in sorted(found))


@lru_cache(maxsize=4)
def _by_first_word(intents):
    """{first word: [(expression, intent's position)]}: a text is read once, whatever the
    size of the vocabulary (a 1,000-character text in about a millisecond)."""
    index = {}
    for position, intent in enumerate(intents):
        for expression in intent.expressions:
            index.setdefault(expression[0], []).append((expression, position))
    return index


def score(model, intents):
    """Two expressions ranking entries of ``model`` by ``intents`` (higher is better):
    ``ahead``, how many of the intents marked so it answers (before nearer supports), and
    ``among``, how well it answers the others and fits the publics and sectors named (among
    supports of the same reach); None for what does not apply (only programmes have kinds of
    support)."""
    from programmes.models import Programme

    if model is not Programme or not intents:
        return None, None
    ahead, among = [], []
    for intent in intents:
        if intent.trade:
            continue
        if _ranks(intent):
            (ahead if intent.ahead else among).append(_points(_answers(intent), ANSWERS))
        if intent.publics:
            among.append(_fit(Programme.publics, intent.publics, ALL_PUBLICS))
        if intent.sectors:
            among.append(_fit(Programme.sectors, intent.sectors, ALL_SECTORS))
    return (reduce(add, ahead) if ahead else None), (reduce(add, among) if among else None)


def made_for_trade(model, intents):
    """1 for an entry made for the sector of a trade the words name ("musicien": culture), else
    0; None when they name none (only programmes have sectors). A sector named by a thing
    ("des chantiers", "une cuisine") does not count: the person's trade does. Such a support
    counts one reach nearer than it is (``search.ranking``): the musician's regional course
    for cultural entrepreneurs ranks with the département's general supports, never before
    the commune's."""
    from programmes.models import Programme

    sectors = tuple(dict.fromkeys(v for i in intents if i.trade for v in i.sectors))
    if model is not Programme or not sectors:
        return None
    field = Programme.sectors.field
    through = Programme.sectors.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
    made_for = Exists(through.filter(**{f"{field.m2m_reverse_field_name()}__value__in": sectors}))
    return Case(When(made_for, then=Value(1)), default=Value(0), output_field=models.IntegerField())


def names_trade(intents):
    """Whether ``made_for_trade`` gives an expression for a programme list."""
    return any(i.trade for i in intents)


def ranks_ahead(intents):
    """Whether ``score`` gives an ``ahead`` expression for a programme list."""
    return any(i.ahead and _ranks(i) for i in intents)


def ranks_among(intents):
    """Whether ``score`` gives an ``among`` expression for a programme list."""
    return any(
        (not i.ahead and _ranks(i)) or i.publics or i.sectors for i in intents if not i.trade
    )


def _ranks(intent):
    """Whether ``intent`` says which supports answer it (not only whom they are made for)."""
    return bool(intent.kinds or intent.names or intent.operators)


def _answers(intent):
    from programmes.models.programmes import published_operator
    from search.query import TextQuery

    answers = Q(kind__value__in=intent.kinds) if intent.kinds else Q(pk__in=[])
    for name in intent.names:
        answers |= TextQuery._word_q(name, "search_title")
    if intent.operators:
        # A subquery, not a join: a programme with two operators stays one row.
        answers |= Q(published_operator(structure__kind__value__in=intent.operators))
    return answers


def _points(condition, weight):
    return Case(
        When(condition, then=Value(weight)), default=Value(0), output_field=models.IntegerField()
    )


def _fit(relation, values, everyone):
    """Made for one of ``values`` (ANSWERS); open to ``everyone``, or declaring nothing
    (FITS); made for others (0)."""
    field = relation.field
    through = relation.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
    target = f"{field.m2m_reverse_field_name()}__value"
    made_for = Exists(through.filter(**{f"{target}__in": values}))
    open_to_all = Exists(through.filter(**{target: everyone})) | ~Exists(through)
    return Case(
        When(made_for, then=Value(ANSWERS)),
        When(open_to_all, then=Value(FITS)),
        default=Value(0),
        output_field=models.IntegerField(),
    )
