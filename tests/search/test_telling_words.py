"""In "closest" mode (a sentence no entry contains whole), the words rare among the candidates
tell what the person is after: an entry containing two of them comes before more local
entries that only share the common words; common words never reorder the reaches."""

import pytest

from tests.conftest import make_programme

pytestmark = pytest.mark.django_db

URL = "/programmes/"


@pytest.fixture
def laval(territories):
    """Eight départemental supports sharing the common words, one régional made for
    dancers."""
    for i in range(8):
        make_programme(
            f"Accompagnement {i}",
            stages=("developpement",),
            territories=[territories["dep53"]],
            description="Accompagner le développement de votre projet et de votre activité.",
        )
    return make_programme(
        "Trajet",
        stages=("developpement",),
        territories=[territories["pdl"]],
        description="Parcours de neuf mois pour les artistes et compagnies de danse qui "
        "veulent développer leur projet.",
    )


def slugs(client, q):
    params = {"territoire": "53147", "etape": "developpement", "q": q, "format": "json"}
    response = client.get(URL, params).json()
    assert response["text_match"] == "closest"
    return [r["slug"] for r in response["results"]]


def test_two_telling_words_bring_the_support_made_for_them_first(client, laval):
    assert slugs(client, "je suis artiste et je développe ma compagnie de théâtre")[0] == laval.slug


def test_one_telling_word_does_not_reorder_the_reaches(client, laval):
    assert slugs(client, "je suis artiste et je veux développer mon activité")[-1] == laval.slug


def test_common_words_do_not_reorder_the_reaches(client, laval):
    assert slugs(client, "développer mon projet et mon activité de spectacle")[-1] == laval.slug
