"""The presentation filters of ``{% load directory %}`` (programmes/templatetags/directory.py,
which also gives those of essmap/templatetags/french.py)."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from essmap.templatetags.french import count_label, french_date, one_line, plural, shorten
from programmes.templatetags.directory import cost, distance, reach


def render(source, **context):
    return Template("{% load directory %}" + source).render(Context(context))


# -- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "aucun dispositif"),
        (1, "1 dispositif"),
        (3, "3 dispositifs"),
        (None, "aucun dispositif"),
    ],
)
def test_count_masculine(n, expected):
    assert count_label(n, "dispositif") == expected
    assert render('{{ n|count:"dispositif" }}', n=n) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "aucune structure"), (1, "1 structure"), (12, "12 structures")]
)
def test_count_feminine(n, expected):
    assert count_label(n, "structure", feminine=True) == expected
    assert render('{{ n|count_f:"structure" }}', n=n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "aucune commune membre"), (1, "1 commune membre"), (2, "2 communes membres")],
)
def test_count_with_an_irregular_plural(n, expected):
    assert count_label(n, "commune membre", "communes membres", feminine=True) == expected
    assert render('{{ n|count_f:"commune membre,communes membres" }}', n=n) == expected
    assert count_label(n, "travail", "travaux").endswith("travaux" if n > 1 else "travail")


def test_count_starts_a_sentence_with_capfirst():
    assert render('{{ n|count:"dispositif"|capfirst }}', n=0) == "Aucun dispositif"
    assert render('{{ n|count:"dispositif"|capfirst }}', n=4) == "4 dispositifs"


@pytest.mark.parametrize(
    ("n", "suffix", "expected"),
    [(0, "s", ""), (1, "s", ""), (2, "s", "s"), (1, "e,ent", "e"), (5, "e,ent", "ent")],
)
def test_plural_is_french_zero_and_one_are_singular(n, suffix, expected):
    assert plural(n, suffix) == expected
    assert render("{{ n|plural:suffix }}", n=n, suffix=suffix) == expected


def test_plural_of_a_list_counts_its_items_and_of_nothing_is_singular():
    assert plural(["a"]) == ""
    assert plural(["a", "b"]) == "s"
    assert plural(None) == ""
    assert render("{{ n|plural }}", n=None) == ""


# -- distance and reach ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "expected"),
    [
        (None, ""),
        (0.0, "à moins d’1 km"),
        (0.99, "à moins d’1 km"),
        (1.0, "à 1 km"),
        (12.4, "à 12 km"),
        (27.5, "à 28 km"),
        (1234.2, "à 1234 km"),
    ],
)
def test_distance(km, expected):
    assert distance(km) == expected
    assert render("{{ km|distance }}", km=km) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local", "locale"),
        ("departemental", "départementale"),
        ("regional", "régionale"),
        ("national", "nationale"),
        (None, ""),
        ("", ""),
    ],
)
def test_reach(value, expected):
    assert reach(value) == expected
    assert render("{{ value|reach }}", value=value) == expected


# -- cost -----------------------------------------------------------------------------------


def programme(is_free, details=""):
    return SimpleNamespace(is_free=is_free, cost_details=details)


@pytest.mark.parametrize(
    ("is_free", "details", "card", "full"),
    [
        (True, "", "Gratuit", "Gratuit"),
        (True, "adhésion 10 €", "Gratuit", "Gratuit — adhésion 10 €"),
        (False, "", "Payant", "Payant"),
        (False, "50 € par mois", "Payant (50 € par mois)", "Payant — 50 € par mois"),
        (None, "", "Non précisé", "Non précisé"),
        (None, "selon revenus", "Non précisé", "Non précisé — selon revenus"),
    ],
)
def test_cost(is_free, details, card, full):
    entry = programme(is_free, details)
    assert cost(entry) == card
    assert cost(entry, "complet") == full
    assert render("{{ p|cost }}", p=entry) == card
    assert render('{{ p|cost:"complet" }}', p=entry) == full


def test_cost_details_are_escaped_in_templates():
    html = render("{{ p|cost }}", p=programme(False, "<b>cher</b>"))
    assert html == "Payant (&lt;b&gt;cher&lt;/b&gt;)"


# -- dates ----------------------------------------------------------------------------------


def test_french_date_long_and_short():
    day = datetime.date(2021, 6, 1)
    assert french_date(day) == "1 juin 2021"
    assert french_date(day, "court") == "01/06/2021"
    assert render("{{ d|french_date }}", d=day) == "1 juin 2021"
    assert render('{{ d|french_date:"court" }}', d=day) == "01/06/2021"
    # The same text as Django's date filter gave before.
    assert render("{{ d|french_date }}", d=day) == render('{{ d|date:"j F Y" }}', d=day)


def test_french_date_shows_an_aware_datetime_in_local_time():
    late = datetime.datetime(2021, 5, 31, 23, 30, tzinfo=datetime.UTC)  # 1 June in Paris
    assert french_date(late, "court") == "01/06/2021"
    assert render("{{ d|french_date }}", d=late) == "1 juin 2021"


@pytest.mark.parametrize("value", [None, ""])
def test_french_date_of_nothing_is_empty(value):
    assert french_date(value) == ""
    assert render("{{ d|french_date }}", d=value) == ""


# -- one line -------------------------------------------------------------------------------


def test_one_line():
    assert one_line("Tiers-lieu\r\nBcc:  x") == "Tiers-lieu Bcc: x"
    assert one_line("abcdef", 6) == "abcdef"
    assert one_line("abcdefg", 6) == "abcde…"
    assert render("{{ t|one_line:4 }}", t="a  b c d") == "a b…"
    assert one_line("Création d’activité", 12) == "Création…"


# Le Germoir's « how to apply » (shipped content), cut at 300 characters by the selection's
# sheet: Django's truncatechars gave « …ni calendrier ni coût : l… ».
HOW_TO_APPLY = (
    "Déposer un dossier de candidature auprès de l’APESS 53 (apess53.org) pour la session "
    "suivante : les promotions sont limitées à six ou sept projets. L’APESS 53 organise des "
    "réunions d’information avec les acteurs publics locaux du développement économique. Le "
    "guide ne donne ni calendrier ni coût : les demander à l’APESS 53."
)


@pytest.mark.parametrize("length", range(10, len(HOW_TO_APPLY) + 2))
def test_shorten_ends_on_a_whole_word(length):
    short = shorten(HOW_TO_APPLY, length)
    assert len(short) <= length
    if length >= len(HOW_TO_APPLY):
        assert short == HOW_TO_APPLY
        return
    assert short.endswith("…")
    kept = short.removesuffix("…")
    assert HOW_TO_APPLY.startswith(kept)
    # The next character of the text is not a letter of a word cut in two…
    assert not HOW_TO_APPLY[len(kept)].isalnum() or not kept or not kept[-1].isalnum()
    # …and no separator dangles before the « … ».
    assert kept == kept.rstrip(" ,;:.(")


def test_shorten_as_a_filter():
    assert render("{{ t|shorten:300 }}", t=HOW_TO_APPLY).endswith("ni calendrier ni coût…")
    assert shorten("Anticonstitutionnellement", 10) == "Anticonst…"  # one word: cut inside
    assert shorten("Voir https://example.org/une/longue/adresse", 30) == (
        "Voir https://example.org/une…"  # rather than « Voir… »
    )
    assert shorten("  a\n b  ", 10) == "a b"


# -- zero, in the pages ---------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_say_aucun_when_nothing_is_listed(client, territories):
    assert "Aucun dispositif et aucune structure recensé." in client.get("/").content.decode()
    html = client.get("/territoires/dep-40/").content.decode()
    assert '<p class="sheet-summary">Aucun dispositif en cours ne couvre ce territoire.</p>' in html
    html = client.get("/carte/").content.decode()
    assert "<strong>aucun département sur 101</strong> n’a de dispositif local," in html
    assert "(aucun département)" in html
    assert "0 département" not in html
    assert '<h2 id="results-title" class="results-count">Aucune structure</h2>' in (
        client.get("/structures/").content.decode()
    )
