"""Relevance: realistic questions from the seed documents find the right support in the top 5.

Loads the national reference and the shipped content once for the module (about 15 s), then
asks each question of ``tests/search/relevance_cases.py`` through the public JSON of the programme
list — what the page shows, in the same order — on whichever database the suite runs on
(``.ci/run`` runs it on PostgreSQL and on SQLite).
"""

import pytest

from tests.search.relevance_cases import CASES

pytestmark = [pytest.mark.national, pytest.mark.django_db, pytest.mark.usefixtures("shipped_data")]

TOP = 5


def ranked(client, case):
    params = {"territoire": case.territoire, "format": "json", "par_page": 50}
    if case.etape:
        params["etape"] = case.etape
    if case.q:
        params["q"] = case.q
    response = client.get("/programmes/", params)
    assert response.status_code == 200, response.content
    return [result["slug"] for result in response.json()["results"]]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_question_finds_the_expected_support_in_the_top_five(client, case):
    slugs = ranked(client, case)
    assert case.expected in slugs[:TOP], (
        f"{case.question}\n{case.expected} est au rang "
        f"{slugs.index(case.expected) + 1 if case.expected in slugs else 'absent'} : {slugs[:8]}"
    )


def test_enough_realistic_cases():
    assert len(CASES) >= 100
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if case.q) >= 12
    assert sum(1 for case in CASES if case.natural) >= 30
