"""How the directory words its entries: ``{% load directory %}``, which also gives the
French filters of ``essmap/templatetags/french.py`` (counts, dates, agreement).

- ``contact_of``: whom to reach for a programme or a structure, and how (a
  ``programmes.contact.Contact``, or None when nothing is known).
- ``{% how_to_reach entry %}``: the « Contact » of a card, sheet entry or entry page: the
  phone, e-mail and website of the operator (« 02 43 12 34 56 · contact@… · coodem.fr »,
  as links), else its address, else « par son réseau, CRESS … : 02 … » (a network that
  can be reached, up the chain when needed: « par son réseau CRESS …, via ESS France : … »), else
  « aucune coordonnée recensée » with a link to the structure's page — never « contactez la
  structure » without saying how, nor a network without contact.
- ``short_url``: a website as read aloud, « https://www.coodem.fr/ » → « coodem.fr ».
- ``distance``: ``12.4`` → « à 12 km », under a kilometre « à moins d’1 km », None → "".
- ``reach``: ``"departemental"`` → « départementale » (the *portée* of a programme), else "".
- ``labelled``: territories ready to be named by their label, the départements of the
  groupings among them read in one query (« CC du Pays de Pouzauges (85) — EPCI »).
- ``cost``: a programme's cost, « Gratuit », « Payant » or « Non précisé »; by default the
  details follow a paying programme in brackets (« Payant (50 € par mois) ») as on the cards,
  ``cost:"complet"`` puts them after a dash whatever the answer, as on the programme page.
- ``public_section``: where a document is cited, without its line numbers (« Les Usines,
  Ligugé (l. 3230-3407) » → « Les Usines, Ligugé »).
- ``summary``: an entry in one line of 200 characters at most, for ``<meta name="description">``
  and ``og:description``: its description, else what it is (« Coodem : structure de l’annuaire… »).
- ``{% json_ld entry %}``: a published entry as schema.org JSON-LD (``programmes/linked_data.py``).
"""

import datetime
import re
import unicodedata

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join

from essmap.templatetags import french
from programmes import contact, linked_data
from programmes.models import PublicationStatus, Structure
from territories.models import REACH_DISPLAY, attach_departements

register = template.Library()
for name, function in french.register.filters.items():
    register.filter(name, function)


@register.filter
def contact_of(entry):
    """Whom to reach for a programme (its operator) or a structure, and how."""
    if isinstance(entry, Structure):
        return contact.of_structure(entry)
    return contact.of_programme(entry)


@register.filter
def short_url(url):
    return contact.short_url(url)


def _ways(organisation, short=False):
    """Phone, e-mail and website as links, « · » between them; ``short``: the website's
    host only (« coodem.fr »), for paper."""
    links = []
    if organisation.phone:
        links.append(("tel:{}", organisation.phone_e164, organisation.phone_display))
    if organisation.email:
        links.append(("mailto:{}", organisation.email, organisation.email))
    if organisation.website:
        shown = organisation.website_host if short else organisation.website_display
        links.append(("{}", organisation.website, shown))
    return format_html_join(
        " · ", '<a href="{}">{}</a>', ((href.format(v), text) for href, v, text in links)
    )


@register.simple_tag
def ways(organisation):
    """An organisation's phone, e-mail and website as links (a network to call's, on a
    structure's page)."""
    return _ways(organisation)


@register.simple_tag
def how_to_reach(entry, style=""):
    """The « Contact » line of a card: how to reach a programme's operator or a structure
    (``entry``, or what ``contact_of`` found for it); ``"court"``: websites by their host
    only, as a printed page shows them."""
    short = style == "court"
    found = entry if isinstance(entry, contact.Contact) or entry is None else contact_of(entry)
    if found is None:
        return "aucune structure ni coordonnée recensée"
    who, network = found.structure, found.network
    if found.direct:
        if not who.name:
            return format_html("site du dispositif : {}", _ways(who, short))
        return _ways(who, short)
    # The network is one that can be reached (``programmes.contact``): never « son réseau »
    # alone, which would send the person to a dead end.
    network_line = ""
    if network is not None:
        network_line = _network_line(network, short)
    if who.street:
        if network_line:
            return format_html("{} ; ou {}", who.address, network_line)
        return format_html("{} (ni site, ni courriel, ni téléphone recensés)", who.address)
    if network_line:
        return network_line
    seat = format_html(" (siège : {})", who.commune) if who.commune else ""
    if isinstance(entry, Structure):
        return format_html("aucune coordonnée recensée{}", seat)  # the card links its page
    return format_html(
        'aucune coordonnée recensée{} : voir la <a href="{}">fiche {}</a>',
        seat,
        who.url,
        of_name(who.name),
    )


def _network_line(network, short=False):
    """« par son réseau, CRESS … : 02 … »; for a network found up the chain, « par son réseau
    CRESS Nouvelle-Aquitaine, via ESS France : 01 … » (the structure's own network, which has
    no contact, is named without a link: its page leads nowhere further)."""
    if network.via_name:
        return format_html(
            'par son réseau {}, via <a href="{}">{}</a> : {}',
            network.via_name,
            network.url,
            network.name,
            _ways(network, short),
        )
    return format_html(
        'par son réseau, <a href="{}">{}</a> : {}', network.url, network.name, _ways(network, short)
    )


def page_date(document):
    """A cited document's own date, as it follows its name: « du 7 février 2014 », « de 2015 »,
    else « , date de la page inconnue » — never the day it was consulted, which says nothing
    of how old the fact is."""
    if document.published_on:
        return f" du {french.french_date(document.published_on)}"
    if document.year:
        return f" de {document.year}"
    return ", date de la page inconnue"


@register.simple_tag
def fact_source(structure, fact):
    """Where a structure's phone or e-mail (``fact``: ``"phone"``, ``"email"``) comes from, to
    show with it: « d’après la page <a>Microcrédit…</a> du 7 février 2014 » — the citations
    that give it (``StructureSource.gives_phone``, ``gives_email``), read from the page's
    prefetched citations; "" when none says so."""
    giving = [c.document for c in structure.citations.all() if getattr(c, f"gives_{fact}", False)]
    if not giving:
        return ""
    parts = [
        format_html('la page <a href="{}" rel="noopener">{}</a>{}', d.url, d.title, page_date(d))
        if d.url
        else format_html("le document « {} »{}", d.title, page_date(d))
        for d in giving
    ]
    return format_html("d’après {}", format_html_join(" et ", "{}", ((p,) for p in parts)))


@register.filter
def of_name(name):
    """« de » before a name, elided before a vowel: « d’Avise », « d’Élan », « de Coodem »."""
    first = unicodedata.normalize("NFD", name[:1]).lower()[:1]
    return f"d’{name}" if first and first in "aeiouy" else f"de {name}"


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


SUMMARY_LENGTH = 200


@register.filter
def summary(entry):
    if entry.description.strip():
        return french.one_line(entry.description, SUMMARY_LENGTH)
    noun = "structure" if isinstance(entry, Structure) else "dispositif"
    return french.one_line(
        f"{entry.name} : {noun} de l’annuaire essmap des accompagnements de l’économie sociale "
        "et solidaire.",
        SUMMARY_LENGTH,
    )


@register.simple_tag(takes_context=True)
def json_ld(context, entry):
    """Only for a published entry: a draft a curator previews, or an archived one, is not
    offered to search engines (its page says ``noindex``)."""
    if entry.publication_status != PublicationStatus.PUBLISHED:
        return ""
    absolute_url = context["request"].build_absolute_uri
    if isinstance(entry, Structure):
        return linked_data.script_element(linked_data.structure_organisation(entry, absolute_url))
    return linked_data.script_element(linked_data.programme_service(entry, absolute_url))


@register.simple_tag
def declared(entry, *fields):
    """« déclaré par la structure le 7 décembre 2026 » after a fact the structure's own team
    wrote (any of ``fields``, the latest day; ``Entry.declared_fields``), to tell it from the
    facts a curator took from a dated source; "" otherwise."""
    marks = getattr(entry, "declared_fields", None) or {}
    day = _latest_day(marks[name] for name in fields if name in marks)
    if day is None:
        return ""
    return format_html(
        ' <span class="declared">(déclaré par la structure le {})</span>', french.french_date(day)
    )


@register.filter
def last_declared(entry):
    """The latest day the structure's team wrote a fact of ``entry`` (a date), or None."""
    return _latest_day((getattr(entry, "declared_fields", None) or {}).values())


def _latest_day(values):
    """The latest of ISO dates (a date), those that are not left aside; None without any."""
    days = []
    for value in values:
        try:
            days.append(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            continue
    return max(days, default=None)
