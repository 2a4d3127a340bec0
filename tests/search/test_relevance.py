"""Relevance: realistic questions from the seed documents find the right support in the top 5.

Loads the national reference and the shipped content once for the module (about 15 s), then
asks each question of ``tests/search/relevance_cases.py`` through the public JSON of the programme
list — what the page shows, in the same order — on whichever database the suite runs on
(``.ci/run`` runs it on PostgreSQL and on SQLite).

The three tests read the same two rankings of a case (with the person's words, and with the
place and stage alone), always through that JSON: each ranking is asked of the page once for
the module (``rankings``) and shared by the tests that read it, rather than asked again by each
(about 450 requests instead of 850, each a whole page of fifty results on the national
reference). The data do not change between the tests: each one rolls back its own transaction.
"""

import pytest

from tests.search.relevance_cases import CASES, SOURCE_ISSUE

pytestmark = [pytest.mark.national, pytest.mark.django_db, pytest.mark.usefixtures("shipped_data")]

TOP = 5


# How many places a person's words may cost the expected support, at most.
FEW = 3


@pytest.fixture(scope="module")
def rankings():
    """``(case id, words) -> slugs``: what the page answered, kept for the module."""
    return {}


@pytest.fixture
def ranking(client, rankings):
    """The ranking of ``case`` as the page gives it, asked of the page the first time only."""

    def ask(case, words=True):
        key = (case.id, bool(words and case.q))
        if key not in rankings:
            rankings[key] = ranked(client, case, words=words)
        return rankings[key]

    return ask


def ranked(client, case, words=True):
    params = {"territoire": case.territoire, "format": "json", "par_page": 50}
    if case.etape:
        params["etape"] = case.etape
    if case.q and words:
        params["q"] = case.q
    # A place typed (a postal code) leads to the territory's code, as in the browser.
    response = client.get("/programmes/", params, follow=True)
    suggestions = (
        response.json().get("territory_suggestions") if response.status_code == 400 else None
    )
    if suggestions:
        # A name several places bear, or a typo: the person picks one of the suggestions
        # (« Vouliez-vous dire… ? »), whose value names it exactly.
        picked = [s for s in suggestions if case.choose in s["label"]]
        assert picked, f"{case.territoire}: {[s['label'] for s in suggestions]}"
        params["territoire"] = picked[0]["code"]
        response = client.get("/programmes/", params, follow=True)
    assert response.status_code == 200, response.content
    return [result["slug"] for result in response.json()["results"]]


# Cases the directory still gets wrong, on both databases, with why. Strict: the day one
# passes, the suite says so and it leaves this list.
KNOWN_FAILURES = {}


# Of those, the ones the place and stage alone put in the top five, and the sentence out of it.
HURT_BY_WORDS = set()
# And those whose words cost it more than FEW places.
COST_MORE_THAN_FEW = set()


def _case_params():
    for case in CASES:
        marks = []
        if case.id in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[case.id], strict=True))
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(_case_params()))
def test_question_finds_the_expected_support_in_the_top_five(ranking, case):
    slugs = ranking(case)
    assert case.expected in slugs[:TOP], (
        f"{case.question}\n{case.expected} est au rang "
        f"{slugs.index(case.expected) + 1 if case.expected in slugs else 'absent'} : {slugs[:8]}"
    )


def rank(slugs, slug):
    return slugs.index(slug) + 1 if slug in slugs else None


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[case.id], strict=True)]
            if case.id in COST_MORE_THAN_FEW
            else [],
        )
        for case in CASES
        if case.q
    ],
)
def test_the_persons_words_never_make_the_answer_worse(ranking, case):
    """The place and stage alone give a rank; adding the words may lose a few places, never
    more (when the expected support is found without them at all)."""
    without = rank(ranking(case, words=False), case.expected)
    if without is None:
        pytest.skip("not found by place and stage alone: the words are what finds it")
    with_words = rank(ranking(case), case.expected)
    assert with_words is not None, f"{case.question}: introuvable avec les mots"
    assert with_words <= without + FEW, (
        f"{case.question}: rang {without} sans les mots, {with_words} avec"
    )


SAID = [case for case in CASES if case.source == SOURCE_ISSUE]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[case.id], strict=True)]
            if case.id in HURT_BY_WORDS
            else [],
        )
        for case in SAID
    ],
)
def test_the_whole_sentence_never_hurts(ranking, case):
    """Words never hurt: with the person's whole sentence, the expected support is in the top
    five whenever the place and stage alone put it there, and never further down than they
    put it otherwise."""
    without = rank(ranking(case, words=False), case.expected)
    with_words = rank(ranking(case), case.expected)
    assert with_words is not None, f"{case.q}: introuvable avec les mots"
    assert with_words <= max(without or TOP, TOP), (
        f"{case.q}: rang {without} sans les mots, {with_words} avec"
    )


def test_enough_realistic_cases():
    assert len(CASES) >= 100
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if case.q) >= 12
    assert sum(1 for case in CASES if case.natural) >= 30
    # Questions written as people write them (issue 24): long, places typed any way.
    assert sum(1 for case in CASES if len(case.q) > 200) >= 60
    assert sum(1 for case in CASES if case.held_out and len(case.q) > 200) >= 20
    typed = [case.territoire for case in SAID]
    assert any("’" in place for place in typed)
    assert {"75018", "75019", "69001", "13001"} <= set(typed)
    assert sum(1 for case in SAID if case.choose) >= 5
