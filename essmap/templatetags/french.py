"""How the site writes French, in one place: ``{% load french %}`` (also loaded with
``{% load directory %}``), and the same functions for messages written in Python.

- ``count``, ``count_f``: a number of things, masculine or feminine. The argument is the
  singular, optionally followed by a comma and the plural (default: singular + "s"):
  ``{{ n|count:"dispositif" }}`` → « aucun dispositif », « 1 dispositif », « 3 dispositifs »;
  ``{{ n|count_f:"commune membre,communes membres" }}`` → « aucune commune membre »…
- ``plural``: the agreement mark, plural only above one (Django's ``pluralize`` makes 0
  plural): ``recensé{{ n|plural }}``, ``couvr{{ n|plural:"e,ent" }}``.
- ``french_date``: « 1 juin 2021 »; ``french_date:"court"`` « 01/06/2021 ». Aware datetimes are
  shown in local time. None → "".
- ``one_line``: text on one line (runs of white space become one space), cut with « … » at
  the given length (for e-mail subjects), on a whole word as ``shorten`` does.
- ``shorten``: text of at most the given number of characters, « … » included, cut after a
  whole word (« …ni calendrier ni coût… », never « …ni coût : l… »): what cards, sheets and
  selections show of a long field. Only a word longer than half the length is cut inside
  (a pasted address, « xxxx… »), rather than keep next to nothing.

It depends on no app of the project, so that every app may use it.
"""

import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()

DATE_FORMATS = {"long": "j F Y", "court": "d/m/Y"}


def count_label(n, singular, plural=None, feminine=False):
    """« aucun dispositif », « 1 dispositif », « 12 dispositifs » (« aucune » if feminine)."""
    if not n:
        return f"{'aucune' if feminine else 'aucun'} {singular}"
    if n == 1:
        return f"1 {singular}"
    return f"{n} {plural or singular + 's'}"


def _nouns(arg):
    singular, _, plural = str(arg).partition(",")
    return singular.strip(), plural.strip() or None


@register.filter
def count(n, arg):
    """``{{ n|count:"dispositif" }}`` or ``{{ n|count:"singulier,pluriel" }}``, masculine."""
    return count_label(n, *_nouns(arg))


@register.filter
def count_f(n, arg):
    """``{{ n|count_f:"structure" }}``: like ``count``, feminine (« aucune structure »)."""
    return count_label(n, *_nouns(arg), feminine=True)


@register.filter
def plural(n, arg="s"):
    """French agreement: the plural suffix when ``n`` is more than one (0 and 1 are singular).
    ``arg`` is the plural suffix, or "singular,plural" suffixes like Django's ``pluralize``."""
    singular, _, plural_suffix = str(arg).rpartition(",")
    try:
        many = float(n) > 1
    except (TypeError, ValueError):
        try:
            many = len(n) > 1
        except TypeError:  # None or anything else: singular, as Django's pluralize
            many = False
    return plural_suffix if many else singular


@register.filter
def french_date(value, style="long"):
    """« 1 juin 2021 » (``"long"``, default) or « 01/06/2021 » (``"court"``); local time for an
    aware datetime; None or "" → ""."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, DATE_FORMATS.get(style, style))


# What may not end a shortened text before its « … »: a word's separators and open brackets.
_DANGLING = " ,;:.–—-(«\"'’/"


@register.filter
def shorten(text, length):
    """``text`` on one line, at most ``length`` characters with its « … », cut after a whole
    word (Django's ``truncatechars`` cuts inside words: « …ni coût : l… »)."""
    text = " ".join(str(text).split())
    length = int(length)
    if len(text) <= length:
        return text
    kept = text[: length - 1]
    if text[length - 1] != " ":  # the cut falls inside a word: drop it, unless it is most
        whole = kept.rsplit(" ", 1)[0]  # of the text (a word longer than half the length)
        if " " in kept and len(whole) >= length // 2:
            kept = whole
    return kept.rstrip(_DANGLING) + "…"


@register.filter
def one_line(text, length=None):
    """``text`` on one line, cut on a whole word to ``length`` characters (« … » included)."""
    if length is None:
        return " ".join(str(text).split())
    return shorten(text, length)


# Départements and régions named with « le », « les » or « l’ » (masculine or plural); every
# other one takes « en » (« en Mayenne », « en Isère », « en Bretagne »).
MASCULINE_AREAS = frozenset(
    """Ain Allier Aveyron Bas-Rhin Calvados Cantal Cher Doubs Finistère Gard Gers Grand-Est
    Haut-Rhin Hérault Jura Loir-et-Cher Loiret Lot Lot-et-Garonne Maine-et-Loire Morbihan Nord
    Pas-de-Calais Puy-de-Dôme Rhône Tarn Tarn-et-Garonne Territoire-de-Belfort Val-d’Oise
    Val-de-Marne Var Vaucluse""".split()
)
PLURAL_AREAS = frozenset(
    """Alpes-de-Haute-Provence Alpes-Maritimes Ardennes Bouches-du-Rhône Côtes-d’Armor
    Deux-Sèvres Hautes-Alpes Hautes-Pyrénées Hauts-de-France Hauts-de-Seine Landes
    Pays-de-la-Loire Pyrénées-Atlantiques Pyrénées-Orientales Vosges Yvelines""".split()
)
# Named like a town: « à Paris », « à Mayotte », « à La Réunion ».
TOWN_LIKE_AREAS = frozenset({"Paris", "Mayotte", "La-Réunion"})
# Groupings whose name starts with a feminine noun: « dans la CC de l’Ernée ».
FEMININE_GROUPINGS = frozenset(
    "CA CC CU CTE Communauté Métropole Eurométropole Agglomération Agglo".lower().split()
)
MASCULINE_GROUPINGS = frozenset("Parc Pays PETR Pôle Syndicat".lower().split())
VOWELS = "aâàeéèêiîoôuûyhAÂÀEÉÈÊIÎOÔUÛYH"


def in_place(name, kind):
    """Where, in French, before a territory's name: « à Laval », « au Mans », « dans la CC de
    l’Ernée », « en Mayenne », « dans le Nord », « dans les Landes », « en Bretagne ».
    ``kind`` is the territory's kind (« commune », « epci », « departement », « region »,
    or another grouping)."""
    name = str(name).strip()
    kind = str(kind)
    if kind == "pays":  # the country: France
        return "dans toute la France"
    if kind == "commune":
        for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
            if name.startswith(article):
                return contracted + name[len(article) :]
        return f"à {name}"
    if kind in ("departement", "region"):
        key = name.replace(" ", "-").replace("'", "’")
        if key in TOWN_LIKE_AREAS:
            return f"à {name}"
        if key in PLURAL_AREAS:
            return f"dans les {name}"
        if key in MASCULINE_AREAS:
            return f"dans l’{name}" if name[0] in VOWELS else f"dans le {name}"
        return f"en {name}"
    first = name.split(" ", 1)[0].lower()
    if first in FEMININE_GROUPINGS:
        return f"dans la {name}"
    if first in MASCULINE_GROUPINGS:
        return f"dans le {name}"
    return f"sur le territoire {'d’' if name[0] in VOWELS else 'de '}{name}"


@register.filter(name="in_place")
def in_place_filter(territory):
    """``{{ territory|in_place }}``: :func:`in_place` of a territory (its name and kind)."""
    return in_place(territory.name, territory.kind)
