"""A subscription's search: the ``/programmes/`` query string kept in one normal form, replayed
with orientation's own filters (``ProgrammeFilterSet``: the same territory rules, stages,
keywords and vocabularies as the list the visitor saw), and said in words.

A search is the one thing of a request that goes into a confirmation message, sent to an
address nobody has confirmed yet: it must carry no message of its own (issue 23). Its
parameters are the list's filters only, each checked against a vocabulary or a territory, but
the words are free text: they are kept as :func:`safe_words` makes them."""

import re
import unicodedata

from django.http import QueryDict

from orientation.filters import ProgrammeFilterSet
from orientation.parameters import PRESENTATION, PROGRAMME_FILTERS, Param
from programmes.models import Programme
from programmes.models.programmes import published_structure_links

# What chooses programmes: the list's filters, less the page, its size, the order, the format.
KEPT = frozenset(PROGRAMME_FILTERS) - PRESENTATION
MAX_QUERY = 2000
# The words of a search, at most: enough for a search, too few for an advertisement.
MAX_WORDS = 8
MAX_WORDS_LENGTH = 80
# A word that could be read as an address: a scheme, a path, an e-mail, or a dot inside it
# (« evil.example », « www.x », « evil[.]example »; after NFKC, other full stops are dots).
LINK_LIKE = re.compile(r"[@/\\:]|[.。][^\s]")
# What a word keeps: letters, digits, hyphens and apostrophes (« tiers-lieu », « l’ESS »).
NOT_IN_A_WORD = re.compile(r"[^\w’'-]|_")


def safe_words(text):
    """The words of ``text`` as a message may say them: on one line, without anything that
    looks like a link or an address, the first :data:`MAX_WORDS` words, :data:`MAX_WORDS_LENGTH`
    characters at most. « GAGNEZ 5000 EUR\\nhttps://evil.example/claim » → « GAGNEZ 5000 EUR »."""
    words = []
    for token in unicodedata.normalize("NFKC", text).split():
        if LINK_LIKE.search(token):
            continue
        word = NOT_IN_A_WORD.sub("", token).strip("-’'")
        if not word:
            continue
        if len(" ".join([*words, word])) > MAX_WORDS_LENGTH or len(words) == MAX_WORDS:
            break
        words.append(word)
    return " ".join(words)


def normal_query(query_string):
    """The list's filters, sorted, each value once, the words made :func:`safe_words`: two
    addresses of the same search (another page, another order) are one subscription, and an
    unknown parameter (which chooses nothing) carries no text into a message."""
    data = QueryDict(query_string[: MAX_QUERY * 2])
    kept = QueryDict(mutable=True)
    for name in sorted(data):
        if name not in KEPT:
            continue
        if name == Param.WORDS:
            values = [safe_words(data.getlist(name)[-1])]  # the list reads the last one
        else:
            values = sorted({v for v in data.getlist(name) if v.strip()})
        values = [v for v in values if v.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


class Searches:
    """Filtersets for stored searches. They share the territories looked up and the vocabularies,
    so a ``send_alerts`` run reads each once, whatever the number of subscriptions."""

    def __init__(self):
        self.resolved_territories = {}
        self.vocabularies = None

    def filterset(self, query, queryset=None):
        if queryset is None:
            queryset = Programme.objects.published()
        filterset = ProgrammeFilterSet(
            QueryDict(query),
            queryset=queryset,
            resolved_territories=self.resolved_territories,
            vocabularies=self.vocabularies,
        )
        filterset.form  # noqa: B018 — reads the vocabularies once, kept for the next ones
        self.vocabularies = filterset.vocabularies
        return filterset

    def valid(self, query):
        """The filterset of ``query`` when it is a search the list accepts, else None."""
        filterset = self.filterset(query)
        return filterset if filterset.is_valid() else None

    def new_programmes(self, query, since, until):
        """Published programmes of the search first published or verified again on a day of
        [``since``, ``until``), in the list's order; None when the search is no longer valid
        (a territory merged away, a vocabulary value removed…)."""
        whole = self.valid(query)
        if whole is None:
            return None
        # Keywords are read as the list reads them, over every published programme (all the
        # words, or the closest entries); in a digest, which has no ranking to push the rest
        # down, an entry must then contain at least one of the words.
        whole.qs  # noqa: B018 — decides how the words are read (a few small queries)
        words = whole.text_query
        if words and words.mode == "closest":
            words = words.decided("closest", required=True)
        recent = (
            Programme.objects.published()
            .new_or_verified(since, until)
            .select_related("kind")
            .prefetch_related(published_structure_links())
        )
        digest = self.filterset(query, recent)
        digest.text_query = words
        if not digest.is_valid():
            return None
        programmes = list(digest.qs)
        for programme in programmes:
            first = programme.first_published_on
            programme.is_new = first is not None and since <= first < until
        return programmes


def describe(filterset):
    """The search of a valid filterset in words, one phrase per criterion, in the form's order:
    ["pour Mayenne (53) — commune", "à l’étape idée", "avec les mots « tiers lieu »", …]."""
    data = filterset.form.cleaned_data
    phrases = []
    for field in filterset.form:
        name, value = field.name, data.get(field.name)
        if name in (Param.ORDER, Param.PARTLY) or not value:
            continue
        if name == Param.TERRITORY:
            partly = " (et ce qui n’en couvre qu’une partie)" if data.get(Param.PARTLY) else ""
            phrases.append(f"pour {value.label}{partly}")
        elif name == Param.STAGE:
            labels = dict(field.field.choices)
            words = ", ".join(str(labels[v]).lower() for v in value)
            phrases.append(f"{'aux étapes' if len(value) > 1 else 'à l’étape'} {words}")
        elif name == Param.WORDS:
            # Subscriptions made before the words were kept safe are said safely too.
            if words := safe_words(value):
                phrases.append(f"avec les mots « {words} »")
        elif isinstance(value, bool):
            phrases.append(str(field.label).lower())
        else:
            labels = dict(field.field.choices)
            chosen = value if isinstance(value, list | tuple) else [value]
            phrases.append(f"{field.label} : {', '.join(str(labels.get(v, v)) for v in chosen)}")
    return phrases
