"""A stranger's input understood at the door (issue 24): a sentence or a pasted description is
read, never refused for its length (items 5); the note on partial results only when it helps
(item 7); the code to copy on /integrer/ readable and in right French (item 14)."""

import html as html_lib
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings

from essmap.http import WORDS_MAX_LENGTH, words_kept
from essmap.templatetags.french import in_place
from tests.conftest import make_programme

pytestmark = pytest.mark.django_db

# How people describe a project: accents, curly apostrophes, a question.
SENTENCE = (
    "Bonjour, nous sommes un collectif d’habitants d’un village de Mayenne et nous voudrions "
    "créer une épicerie coopérative et solidaire, avec un café associatif où l’on pourrait "
    "aussi réparer des vélos, accueillir des ateliers d’éducation populaire et vendre les "
    "produits des fermes d’à côté. Qui peut nous aider à monter le projet, à trouver un local "
    "et à réunir les premiers financements ? "
)
LONG = (SENTENCE * 5)[:WORDS_MAX_LENGTH].strip()


@pytest.fixture
def programmes(territories):
    make_programme(
        "Fabrique à initiatives",
        stages=["idee"],
        territories=[territories["dep53"]],
        description="Accompagne la création d’une épicerie coopérative dans un village.",
    )
    make_programme(
        "Incubateur rural",
        stages=["creation"],
        territories=[territories["pdl"]],
        description="Pour les cafés associatifs et les tiers-lieux.",
    )
    make_programme(
        "Tiers-lieu nantais",
        stages=["creation"],
        territories=[territories["pdl"]],
        description="Un tiers-lieu pour tester son activité.",
    )
    make_programme(
        "Tiers-lieu lavallois",
        stages=["idee"],
        territories=[territories["pdl"]],
        description="Un autre tiers-lieu.",
    )
    make_programme(
        "Tiers-lieu landais",
        stages=["idee"],
        territories=[territories["pdl"]],
        description="Encore un tiers-lieu.",
    )
    return territories


def test_a_realistic_sentence_of_1000_characters_fits_in_the_sites_address():
    assert len(LONG) >= 990
    query = urlencode({"q": LONG, "territoire": "53147", "etape": "idee"})
    assert len(query) < settings.ESSMAP_MAX_QUERY_STRING
    # Room for a text three times as dense in accents and apostrophes.
    dense = urlencode({"q": LONG.replace("e", "é").replace(" d", " l’"), "territoire": "53147"})
    assert len(dense) < settings.ESSMAP_MAX_QUERY_STRING


def test_1000_characters_are_read_in_the_html_list(client, programmes):
    response = client.get("/programmes/", {"q": LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fabrique à initiatives" in html
    assert "200 caractères" not in html
    # Nothing on the page cuts a pasted description under 1,000 characters.
    for field in re.findall(r'<input[^>]*name="q"[^>]*>', html):
        length = re.search(r'maxlength="(\d+)"', field)
        assert length is None or int(length.group(1)) >= WORDS_MAX_LENGTH


def test_1000_characters_are_read_in_json_and_the_widget(client, programmes):
    response = client.get("/programmes/", {"q": LONG, "format": "json"})
    assert response.status_code == 200
    assert "errors" not in response.json()
    assert "Fabrique à initiatives" in [r["name"] for r in response.json()["results"]]
    response = client.get("/widget/53147/", {"q": LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "La recherche n’a pas pu être appliquée" not in html
    assert "Fabrique à initiatives" in html
    assert "maxlength" not in html


def test_a_longer_text_is_read_from_its_start_and_the_address_says_so(client, programmes):
    text = "épicerie coopérative " + "village " * 200  # 1,621 characters
    kept = words_kept(text)
    assert len(kept) <= WORDS_MAX_LENGTH
    assert text.startswith(kept)
    assert kept.endswith("village")
    for path in ("/programmes/", "/structures/"):
        response = client.get(path, {"q": text, "etape": "idee", "format": "json"})
        assert response.status_code == 302
        assert (
            response["Location"] == f"{path}?{urlencode({'q': kept, 'etape': 'idee'})}&format=json"
        )
    response = client.get("/programmes/", {"q": text}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fabrique à initiatives" in html
    assert urlencode({"q": text.strip()}) not in html
    response = client.get("/widget/53147/", {"q": text})
    assert response["Location"] == f"/widget/53147/?{urlencode({'q': kept})}"


def test_5000_characters_get_a_clear_answer(client, programmes):
    # Beyond the site's address limit (2,000 characters more than a sentence needs): its page.
    for path in ("/programmes/", "/structures/", "/widget/53147/"):
        for text in ("é" * 5000, "a b " * 1250):
            response = client.get(path, {"q": text, "format": "json"})
            assert response.status_code == 414
            assert "Adresse trop longue" in response.content.decode()


def test_words_kept_cuts_after_a_whole_word():
    assert words_kept("  tiers-lieu  ") == "tiers-lieu"
    assert words_kept("mot " * 300) == ("mot " * 250).strip()
    assert words_kept("x" * 1500) == "x" * WORDS_MAX_LENGTH


# Item 7: the note on partial results.


def test_a_few_words_partly_found_are_said_in_plain_words(client, programmes):
    html = client.get("/programmes/", {"q": "épicerie tiers-lieu"}).content.decode()
    assert (
        "Trop peu de dispositifs contiennent tous vos mots : suivent les résultats qui n’en "
        "contiennent qu’une partie, en tête ceux qui en contiennent le plus." in html
    )
    assert "ne contient tous vos mots" not in html


def test_a_sentence_gets_no_note_on_partial_results(client, programmes):
    response = client.get("/programmes/", {"q": "nous voudrions ouvrir une épicerie au village"})
    html = response.content.decode()
    assert "Fabrique à initiatives" in html
    assert "Trop peu de" not in html
    assert "tous vos mots" not in html
    widget = client.get("/widget/53147/", {"q": "une épicerie et un café au village"})
    assert "tous vos mots" not in widget.content.decode()


def test_a_word_with_full_matches_gets_no_note(client, programmes):
    for path in ("/programmes/", "/widget/53147/"):
        html = client.get(path, {"q": "tiers-lieu"}).content.decode()
        assert "Tiers-lieu nantais" in html
        assert "Trop peu de" not in html
        assert "Votre texte est long" not in html


def test_words_left_out_of_a_long_text_are_said(client, programmes):
    html = client.get("/programmes/", {"q": LONG}).content.decode()
    assert "Votre texte est long : la recherche porte sur ses 8 premiers mots importants." in html
    html = client.get("/programmes/", {"q": SENTENCE[:120]}).content.decode()
    assert "Votre texte est long" not in html


# Item 14: /integrer/.


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Mayenne", "commune", "à Mayenne"),
        ("Le Mans", "commune", "au Mans"),
        ("Les Sables-d’Olonne", "commune", "aux Sables-d’Olonne"),
        ("CC de l'Ernée", "epci", "dans la CC de l'Ernée"),
        ("Laval Agglomération", "epci", "sur le territoire de Laval Agglomération"),
        ("Pays du Vignoble Nantais", "pays_petr", "dans le Pays du Vignoble Nantais"),
        ("Mayenne", "departement", "en Mayenne"),
        ("Nord", "departement", "dans le Nord"),
        ("Ain", "departement", "dans l’Ain"),
        ("Landes", "departement", "dans les Landes"),
        ("Val-d'Oise", "departement", "dans le Val-d'Oise"),
        ("Paris", "departement", "à Paris"),
        ("Bretagne", "region", "en Bretagne"),
        ("Pays de la Loire", "region", "dans les Pays de la Loire"),
        ("Grand Est", "region", "dans le Grand Est"),
        ("La Réunion", "region", "à La Réunion"),
    ],
)
def test_where_in_french(name, kind, expected):
    assert in_place(name, kind) == expected


def copied_code(html):
    """The code as a person copies it: the textarea's text, its entities read once."""
    return html_lib.unescape(
        re.search(r'<textarea id="embed-snippet"[^>]*>(.*?)</textarea>', html, re.S)[1]
    )


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("53147", "à Mayenne"),
        ("200055887", "dans la CC de l'Ernée"),
        ("dep-53", "en Mayenne"),
        ("reg-52", "dans les Pays de la Loire"),
    ],
)
def test_the_code_to_copy_is_readable_and_in_right_french(client, territories, key, where):
    ernee = territories["cc_mayenne"]
    ernee.name = "CC de l'Ernée"
    ernee.save()
    html = client.get("/integrer/", {"territoire": key}).content.decode()
    code = copied_code(html)
    assert f'title="Accompagnements de l’ESS {where}, avec essmap"' in code
    assert "&#x27;" not in code
    assert "&amp;" not in code
    assert code.startswith('<iframe src="http://testserver/widget/')
    assert f"Aperçu : accompagnements de l’ESS {html_lib.escape(where)}" in html
