"""How a list reads the words a person typed: all of them, or the closest entries.

The person's words never make the answer worse. Entries matching all of them come first when
there are enough (:data:`ENOUGH`), words one letter off a known name read as that name;
otherwise every entry the other criteria give is ranked by how many of the words it matches
("closest" mode, said on the page and in JSON) — so a sentence cannot empty a list that the
place and stage alone fill. The order that follows is :mod:`search.ranking`'s.
"""

from dataclasses import replace

from django.db import connections
from django.db.models import Count

from essmap.cache import for_this_content
from search import intents
from search.documents import vocabulary
from search.models import SearchSynonym
from search.query import FEW_WORDS, TextQuery, corrected

# Fewer entries than this matching every word: rank by the words matched instead.
ENOUGH = 3
# How many candidates the words' frequencies are estimated on (see decide).
FREQUENCY_SAMPLE = 500


def parse(text):
    """The words of ``?q=`` analysed, with the curated synonyms (read once per content
    version)."""
    groups = for_this_content("synonym-groups", SearchSynonym.objects.groups)
    query = TextQuery.parse(text, groups)
    return replace(query, intents=intents.found_in(text)) if query else query


def apply(qs, query, narrowed):
    """``qs`` narrowed or ranked by ``query``, and the query as decided (its mode set).

    ``narrowed`` is called only when needed: whether criteria other than the words choose the
    entries (a place, a stage…); then the closest entries include those matching none of the
    words, last."""
    if not query:
        return qs, query
    if query.mode is None:
        query = decide(qs, query, narrowed)
    if query.mode == "all":
        qs = qs.matching(query)
    else:
        qs = qs.closest_to(query, required=query.required)
    # How well each entry answers the words of intent, in the same query (search.intents).
    ahead, among = intents.score(qs.model, query.intents)
    if ahead is not None:
        qs = qs.annotate(text_intent=ahead)
    if among is not None:
        qs = qs.annotate(text_intent_fit=among)
    trade = intents.made_for_trade(qs.model, query.intents)
    if trade is not None:
        qs = qs.annotate(text_trade=trade)
    return qs, query


def decide(qs, query, narrowed):
    # A sentence (more than FEW_WORDS typed) never narrows what the place or the stage give:
    # its common words ("projet", "solidaire", "village") found together in a few national
    # entries must not leave out the most local support. Those entries still come first
    # (text_all, see search.ranking). A few keywords ("flashcoop") still narrow.
    sentence = query.typed > FEW_WORDS and narrowed()
    if not sentence and len(qs.matching(query).values("pk")[:ENOUGH]) >= ENOUGH:
        return query.decided("all")
    # Every published name and synonym: read once per content version, not per search.
    known = for_this_content("search-vocabulary", lambda: sorted(vocabulary()))
    corrections = corrected(query, known)
    if corrections:
        fixed = query.with_corrections(corrections)
        if sentence:
            query = fixed
        elif qs.matching(fixed).values("pk")[:1]:
            return fixed.decided("all")
    query = query.decided("closest", required=not narrowed())
    # How telling each word is among the candidates the other criteria give.
    # Estimated on a bounded sample of them: counting every match of every word over
    # 20,000 programmes took 270 ms.
    vendor = connections[qs.db].vendor
    sample = qs.model.objects.filter(pk__in=qs.order_by("pk").values("pk")[:FREQUENCY_SAMPLE])
    counts = sample.aggregate(total=Count("pk"), **query.frequency_counts(vendor))
    frequencies = [counts[f"group_{i}"] for i in range(len(query.groups))]
    return query.with_frequencies(counts["total"], frequencies)
