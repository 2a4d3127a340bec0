"""How the directory words its entries: ``{% load directory %}``, which also gives the
French filters of ``essmap/templatetags/french.py`` (counts, dates, agreement).

- ``distance``: ``12.4`` → « à 12 km », under a kilometre « à moins d’1 km », None → "".
- ``reach``: ``"departemental"`` → « départementale » (the *portée* of a programme), else "".
- ``labelled``: territories ready to be named by their label, the départements of the
  groupings among them read in one query (« CC du Pays de Pouzauges (85) — EPCI »).
- ``cost``: a programme's cost, « Gratuit », « Payant » or « Non précisé »; by default the
  details follow a paying programme in brackets (« Payant (50 € par mois) ») as on the cards,
  ``cost:"complet"`` puts them after a dash whatever the answer, as on the programme page.
- ``public_section``: where a document is cited, without its line numbers (« Les Usines,
  Ligugé (l. 3230-3407) » → « Les Usines, Ligugé »).
"""

import re

from django import template
from django.template.defaultfilters import floatformat

from essmap.templatetags import french
from territories.models import REACH_DISPLAY, attach_departements

register = template.Library()
for name, function in french.register.filters.items():
    register.filter(name, function)


@register.filter
def distance(km):
    """How far, rounded to the kilometre: « à 12 km », « à moins d’1 km »; None → ""."""
    if km is None or km == "":
        return ""
    if km < 1:
        return "à moins d’1 km"
    return f"à {floatformat(km, 0)} km"


@register.filter
def labelled(territories):
    """Territories to list by their labels: groupings' départements read in one query."""
    return attach_departements(list(territories))


@register.filter
def reach(value):
    """The reach of a programme as an adjective agreeing with « portée »: « départementale »."""
    return REACH_DISPLAY.get(value, "") if value else ""


@register.filter
def cost(programme, style=""):
    """« Gratuit », « Payant », « Non précisé », with the cost details: after a paying answer in
    brackets (default, cards), or after a dash whatever the answer (``"complet"``)."""
    if programme.is_free:
        label = "Gratuit"
    elif programme.is_free is False:
        label = "Payant"
    else:
        label = "Non précisé"
    details = programme.cost_details
    if not details:
        return label
    if style == "complet":
        return f"{label} — {details}"
    return f"{label} ({details})" if programme.is_free is False else label


# Line references in a citation's section: « (l. 2977-3229) », « L239-249 », « lignes 12 à 20 ».
_LINE_REFERENCE = re.compile(
    r"\s*\(\s*(?:l\.|lignes?|L)\s*\d[^)]*\)"
    r"|\s*\b(?:l\.|lignes?)\s*\d[\d\s,;–—à-]*"
    r"|\s*\bL\d+(?:\s*[-–]\s*\d+)?",
)


@register.filter
def public_section(section):
    """A citation's section as a public page shows it: the part of the document, never its
    line numbers (curators find them in the administration and the JSON)."""
    return _LINE_REFERENCE.sub("", section or "").strip(" ,;—-")
