"""How the directory words its entries: ``{% load directory %}``, which also gives the
French filters of ``essmap/templatetags/french.py`` (counts, dates, agreement).

- ``distance``: ``12.4`` → « à 12 km », under a kilometre « à moins d’1 km », None → "".
- ``reach``: ``"departemental"`` → « départementale » (the *portée* of a programme), else "".
- ``public_section``: a cited section without its source line numbers, « Parcours (l. 12-40) »
  → « Parcours » (line numbers are for curators: admin and JSON files, never public pages).
- ``cost``: a programme's cost, « Gratuit », « Payant » or « Non précisé »; by default the
  details follow a paying programme in brackets (« Payant (50 € par mois) ») as on the cards,
  ``cost:"complet"`` puts them after a dash whatever the answer, as on the programme page.
"""

import re

from django import template
from django.template.defaultfilters import floatformat

from essmap.templatetags import french
from territories.models import REACH_DISPLAY

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
def reach(value):
    """The reach of a programme as an adjective agreeing with « portée »: « départementale »."""
    return REACH_DISPLAY.get(value, "") if value else ""


# « (l. 12-40) », « (l. 224-241, 318) », « (lignes 5 à 9) »: the curators' pointer into a document.
LINE_REFERENCE = re.compile(r"\s*\((?:l\.|lignes?|L)\s*\d[^)]*\)")


@register.filter
def public_section(section):
    """A cited section as the public pages show it: without the source line numbers."""
    return LINE_REFERENCE.sub("", section or "").strip()


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
