"""French full-text search over structures and programmes, the same on PostgreSQL and SQLite.

What a person types is analysed once, in Python, into a :class:`TextQuery`:

- words are compared without accents, case or punctuation ("Bâticréateurs", "baticreateurs");
- French stop words are dropped, and every word is matched by its Snowball stem as a prefix, so
  plurals and derived forms meet ("initiatives" finds "initiative", "incubateur" finds
  "incubation");
- the words typed together also count as one word ("coop chez vous" finds "CoopChezVous");
- curated synonyms (:class:`programmes.models.SearchSynonym`) widen a word or an expression to
  its equivalents ("CAE" ⇄ "coopérative d'activité et d'emploi");
- when nothing matches, a word that is close to a known name (one letter off, a letter missing)
  is corrected, see :func:`corrected`.

Every word (or one of its equivalents) must appear in the entry's search document: its name and
other names (weighted highest), its operators' names, its description, publics, sectors and
territories (see ``search.documents``).

PostgreSQL matches a stored, GIN-indexed ``tsvector`` built with the ``french_unaccent``
configuration (unaccent + French Snowball stemmer, the same algorithm as here) and ranks with
``ts_rank`` plus trigram similarity of the name. SQLite matches the stored stems with ``LIKE``
and ranks by where the words were found (name or elsewhere). Both get the same matches; the
relevance cases in ``tests/search/test_relevance.py`` run on both.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache, reduce
from operator import and_, or_

import snowballstemmer
from django.db import models
from django.db.models import Case, Count, Q, Value, When

SEARCH_CONFIG = "french_unaccent"
MAX_WORDS = 8
# At most this many words typed: a search, whose partial results are worth saying so. More is a
# sentence or a description, whose results naturally contain only part of the words.
FEW_WORDS = 3
MIN_CORRECTED_LENGTH = 4
CORRECTION_CUTOFF = 0.8

# PostgreSQL's French stop words (tsearch_data/french.stop, from Snowball), the ASCII ones only:
# PostgreSQL removes accents before looking words up in that list, so "été" or "à" never match
# it there, and must not here either.
STOP_WORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me mes moi
    mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu
    un une vos votre vous c d j l m n s t y suis es est sommes sont serai seras sera serons
    serez seront serais serait serions seriez seraient fus fut furent sois soit soyons soyez
    soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
    as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
    auraient avais avait avions aviez avaient eut eurent aie aies ait ayons ayez aient eusse
    eusses eussions eussiez eussent""".split()
)

# What people put around what they look for, in a sentence or a question: "je voudrais",
# "qui peut m'aider", "nous sommes", "on aimerait", "j'ai besoin de"… Dropped from what is typed
# (not from documents), like stop words. Accent-free, as words_of gives them.
FILLER_WORDS = frozenset(
    """voudrais voudrait voudrions voudriez voudraient veux veut voulons voulez veulent
    aimerais aimerait aimerions aimeriez aimeraient souhaite souhaitons souhaitez souhaiterais
    souhaiterions cherche cherchons cherchez recherche recherchons peut peux pouvons pouvez
    pourrait pourrais pourriez aider aidez aidait besoin comment quoi quel quelle quels quelles
    quand pourquoi combien est-ce bonjour merci svp sil plait faire fait avoir etre etes
    existe existent ici chose choses quelqu quelque quelques quelqu'un personne gens
    idee envie""".split()
)

_stemmer = snowballstemmer.stemmer("french")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def words_of(text):
    """Lower-case, accent-free words of ``text``: "Coop'Chez Vous" → ["coop", "chez", "vous"]."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return [w for w in _NOT_WORD.split(text) if w]


# Reflexive pronouns: "se développer", "s'installer", "me former".
REFLEXIVE = frozenset({"se", "s", "me", "m", "nous"})
# After these words comes a verb, never a noun: "un café qui ferme" is no farm, "qui marche"
# no market, "ne vend plus" no sale.
BEFORE_A_VERB = frozenset({"qui", "ne", "n"})
# What such a verb is read as: nothing (one character: never a meaningful word).
VERB = "|"


def verbs_marked(words):
    """``words`` with the verb after "qui" or "ne" replaced by VERB (a reflexive pronoun
    after them is kept, its verb too: "qui se développe" is a need)."""
    previous = None
    for word in words:
        yield VERB if previous in BEFORE_A_VERB and word not in REFLEXIVE else word
        previous = word


def meaningful(words):
    """The words that search on: no stop words, no single letters."""
    return [w for w in words if w not in STOP_WORDS and len(w) > 1]


# Words this short (CAE, DLA, ESS, RSA…) are compared whole and unstemmed: stemmed and taken
# as prefixes they would match unrelated words ("cae" stems to "ca" in PostgreSQL).
SHORT_WORD = 3


@lru_cache(maxsize=20000)
def stem(word):
    return word if len(word) <= SHORT_WORD else _stemmer.stemWord(word)


def singular(word):
    """A typed word without its plural mark: the stemmer keeps "lieux" apart from "lieu", and
    since words match as prefixes, the shorter form finds both."""
    if len(word) > 4 and ((word[-1] == "s" and word[-2] not in "su") or word.endswith("eux")):
        return word[:-1]
    return word


def stems_document(*texts):
    """The stored SQLite search text: stems separated and surrounded by spaces, so that
    ``LIKE '% stem%'`` finds a word starting with a stem."""
    stems = [stem(w) for text in texts for w in meaningful(words_of(text))]
    return f" {' '.join(stems)} " if stems else ""


# A group matched by at most this share of the candidates tells what the person is after.
TELLING_SHARE = 0.25


@dataclass(frozen=True)
class TextQuery:
    """What was typed, analysed: all ``groups`` must match, or else the ``compact`` word.

    A group is a tuple of alternatives; an alternative is a tuple of words that must all appear.
    """

    text: str
    groups: tuple = ()
    compact: str = ""
    corrections: dict = field(default_factory=dict)
    # "all": an entry must match every group (or the compact word); "closest": entries are
    # ranked by how many groups they match (see ``loosened``). None until a search decides.
    mode: str | None = None
    # In "closest" mode, whether an entry must match at least one group to be listed.
    required: bool = True
    # In "closest" mode, whether each group is telling among the candidates (see
    # ``with_frequencies``).
    telling: tuple = ()
    # Whether meaningful words were left out beyond the first MAX_WORDS (a long text).
    dropped: bool = False
    # How many words were typed, stop and filler words included: more than FEW_WORDS is a
    # sentence.
    typed: int = 0
    # The words of intent found anywhere in the text (see ``search.intents``): they rank the
    # kinds of support that answer them first, and never narrow the list.
    intents: tuple = ()
    # Said on the page when words were dropped (not a field: no annotation).
    max_words = MAX_WORDS

    def __bool__(self):
        return bool(self.groups)

    @property
    def says_partial(self):
        """Whether the page says that results contain only part of what was typed: when the
        person typed a few words (at most FEW_WORDS, stop words included) and too few entries
        contain them all, and then only if some listed entries lack some (several words, or one
        word and entries the other criteria give). A sentence needs no note: nobody expects
        all its words."""
        if self.mode != "closest" or self.typed > FEW_WORDS:
            return False
        return len(self.groups) > 1 or not self.required

    @classmethod
    def parse(cls, text, synonyms=None):
        """Analyse ``text``; ``synonyms`` is a list of (triggers, alternatives), expressions
        already split into meaningful words (see :meth:`SearchSynonym.groups`)."""
        all_words = words_of(text)
        kept = [w for w in meaningful(verbs_marked(all_words)) if w not in FILLER_WORDS]
        words = [singular(w) for w in kept[:MAX_WORDS]]
        synonyms = synonyms or []
        groups = []
        i = 0
        while i < len(words):
            span, alternatives = _synonym_at(words, i, synonyms)
            if span:
                groups.append(alternatives)
                i += span
            else:
                groups.append(((words[i],),))
                i += 1
        compact = "".join(all_words) if len(all_words) > 1 else ""
        return cls(
            text=text,
            groups=tuple(groups),
            compact=compact[:60],
            dropped=len(kept) > MAX_WORDS,
            typed=len(all_words),
        )

    def with_corrections(self, corrections):
        """The same query where each word of ``corrections`` may also be read as its fix."""
        if not corrections:
            return self
        groups = []
        for group in self.groups:
            extra = tuple(
                (corrections[alt[0]],) for alt in group if len(alt) == 1 and alt[0] in corrections
            )
            groups.append(group + extra)
        return replace(self, groups=tuple(groups), corrections=dict(corrections))

    def decided(self, mode, required=True):
        return replace(self, mode=mode, required=required)

    def with_frequencies(self, total, frequencies):
        """The same query knowing which groups are *telling* among the ``total`` candidates,
        ``frequencies`` giving how many of them match each group: a group matched by some
        but at most a quarter of them ("danse", "artiste" among the supports of a place),
        unlike the words most candidates contain ("projet", "activité", "coopérative")."""
        telling = tuple(0 < found <= total * TELLING_SHARE for found in frequencies)
        return replace(self, telling=telling)

    def frequency_counts(self, vendor):
        """{name: Count} of the candidates matching each group (one aggregate query)."""
        return {
            f"group_{i}": Count("pk", filter=self._group_condition(g, vendor))
            for i, g in enumerate(self.groups)
        }

    def telling_matches(self, vendor):
        """How many of the telling groups an entry matches (None when no group is telling)."""
        conditions = [
            Case(
                When(self._group_condition(g, vendor), then=Value(1)),
                default=Value(0),
                output_field=models.IntegerField(),
            )
            for g, telling in zip(self.groups, self.telling, strict=True)
            if telling
        ]
        return reduce(lambda a, b: a + b, conditions) if len(conditions) >= 2 else None

    def words(self):
        return [alt[0] for group in self.groups for alt in group[:1] if len(alt) == 1]

    # -- SQL -------------------------------------------------------------------------------

    def condition_any(self, vendor):
        """A ``Q`` selecting the entries that match at least one group."""
        return reduce(or_, (self._group_condition(g, vendor) for g in self.groups))

    def score_closest(self, vendor):
        """How close an entry comes to what was typed: one point per group it matches, two
        more when in its name; the finer score of ``score`` only breaks ties."""
        points = [
            Case(
                When(self._group_condition(g, vendor, title=True), then=Value(3.0)),
                When(self._group_condition(g, vendor), then=Value(1.0)),
                default=Value(0.0),
                output_field=models.FloatField(),
            )
            for g in self.groups
        ]
        total = reduce(lambda a, b: a + b, points)
        if vendor == "postgresql":
            from django.contrib.postgres.search import SearchRank

            rank = SearchRank(
                models.F("search_vector"), self.tsquery_any(), weights=[0.1, 0.2, 0.4, 1.0]
            )
            return total + rank / 10
        return total

    def _group_condition(self, group, vendor, title=False):
        if title:
            # The stored stems of the name, on both databases (few rows are ranked).
            return self._group_q(group, "search_title")
        if vendor == "postgresql":
            return Q(search_vector=_any(_all(_pg_term(w) for w in alt) for alt in group))
        return self._group_q(group, "search_title", "search_body")

    def tsquery_any(self):
        return _any(
            _any(_all(_pg_term(w) for w in alternative) for alternative in group)
            for group in self.groups
        )

    def condition(self, vendor):
        """A ``Q`` selecting the entries that match (needs the stored search fields)."""
        if vendor == "postgresql":
            return Q(search_vector=self.tsquery())
        return reduce(
            and_, (self._group_q(g, "search_title", "search_body") for g in self.groups)
        ) | (self._compact_q("search_title", "search_body"))

    def score(self, vendor):
        """An expression ranking matches: higher is better."""
        if vendor == "postgresql":
            from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity

            # Weights D, C, B, A: publics/sectors/territories, description, operators, name.
            rank = SearchRank(
                models.F("search_vector"),
                self.tsquery(),
                weights=[0.1, 0.2, 0.4, 1.0],
            )
            return rank + TrigramWordSimilarity(Value(self.text[:100]), "name")
        points = [
            Case(
                When(self._group_q(g, "search_title"), then=Value(3.0)),
                default=Value(1.0),
                output_field=models.FloatField(),
            )
            for g in self.groups
        ]
        if self.compact:
            points.append(
                Case(
                    When(self._compact_q("search_title"), then=Value(3.0)),
                    default=Value(0.0),
                    output_field=models.FloatField(),
                )
            )
        return reduce(lambda a, b: a + b, points)

    def tsquery(self):
        """The query for PostgreSQL: each word a stemmed prefix (``word:*`` with the French
        configuration), short words whole in the ``simple`` one."""
        group_queries = [
            _any(_all(_pg_term(w) for w in alternative) for alternative in group)
            for group in self.groups
        ]
        query = _all(group_queries)
        if self.compact:
            query = query | _pg_term(self.compact)
        return query

    @staticmethod
    def _word_q(word, *fields):
        pattern = f" {word} " if len(word) <= SHORT_WORD else f" {stem(word)}"
        return reduce(or_, (Q(**{f"{f}__contains": pattern}) for f in fields))

    def _group_q(self, group, *fields):
        return reduce(
            or_,
            (
                reduce(and_, (self._word_q(w, *fields) for w in alternative))
                for alternative in group
            ),
        )

    def _compact_q(self, *fields):
        return self._word_q(self.compact, *fields) if self.compact else Q(pk__in=[])


def _synonym_at(words, start, synonyms):
    """The longest synonym expression starting at ``words[start]``: (its length in words, the
    expressions it may be read as), or (0, None). ``synonyms`` holds (triggers, alternatives)
    pairs: equivalent expressions trigger each other; a need ("café associatif") triggers
    what answers it ("lien social", "tiers-lieu"…), not the other way round."""
    best = (0, None)
    typed = [stem(w) for w in words[start:]]
    for triggers, alternatives in synonyms:
        for expression in triggers:
            n = len(expression)
            if n > best[0] and typed[:n] == [stem(singular(w)) for w in expression]:
                best = (n, tuple(dict.fromkeys([expression, *alternatives])))
    return best


def _pg_term(word):
    from django.contrib.postgres.search import SearchQuery

    if len(word) <= SHORT_WORD:
        return SearchQuery(word, config="simple", search_type="raw")
    return SearchQuery(f"{word}:*", config=SEARCH_CONFIG, search_type="raw")


def _all(queries):
    return reduce(and_, queries)


def _any(queries):
    return reduce(or_, queries)


def corrected(query, vocabulary):
    """{typed word: closest known word} for the words of ``query`` that are no known word nor
    the start of one, when a known word is close enough (``CORRECTION_CUTOFF``)."""
    known = set(vocabulary)
    corrections = {}
    for word in query.words():
        if len(word) < MIN_CORRECTED_LENGTH or word in known:
            continue
        if any(k.startswith(stem(word)) for k in known if k[:1] == word[:1]):
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
        if close:
            corrections[word] = close[0]
    return corrections
