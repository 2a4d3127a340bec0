"""What an entry page tells search engines and partners in schema.org terms (JSON-LD): a
structure is an ``Organization``, a programme a ``Service`` its operators provide
(docs/url-contract.md, « Référencement et partage »).

Built from what the detail views already prefetch (territories, publics, operators, commune):
no query of its own. ``script_element`` writes the ``<script type="application/ld+json">``
block, escaped so that no text of an entry can close it.
"""

import json

from django.utils.safestring import mark_safe

from territories.models import TerritoryKind

CONTEXT = "https://schema.org"
FRANCE = {"@type": "Country", "name": "France"}

# In a <script> element the HTML parser ends at "</script" and reads "<!--" whatever JSON
# thinks: these characters are written as JSON escapes, which parse back to themselves
# (django.utils.html.json_script does the same for its application/json blocks).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_element(data):
    """``data`` as a JSON-LD data block, safe to place in HTML. A data block is never run, so
    the Content-Security-Policy (no inline script) does not concern it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    # SCRIPT_ESCAPES makes the JSON unable to close the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def area_served(territories):
    """Where an entry serves: France as a ``Country``, any other territory as an
    ``AdministrativeArea`` named as the site names it."""
    areas = []
    for territory in territories:
        if territory.kind == TerritoryKind.COUNTRY:
            areas.append(FRANCE)
        else:
            areas.append({"@type": "AdministrativeArea", "name": territory.name})
    return areas


def organisation_id(structure, absolute_url):
    """The node id of a structure: its page, with a fragment so that the page itself and
    the organisation it describes stay two things."""
    return absolute_url(structure.get_absolute_url()) + "#organisation"


def structure_organisation(structure, absolute_url):
    """A structure as an ``Organization``; ``absolute_url`` makes a path absolute (the
    request's ``build_absolute_uri``)."""
    page = absolute_url(structure.get_absolute_url())
    commune = structure.commune
    address = _without_empty(
        {
            "streetAddress": structure.address,
            "postalCode": structure.postcode,
            "addressLocality": commune.name if commune else "",
        }
    )
    geo = None
    if structure.latitude is not None and structure.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": structure.latitude,
            "longitude": structure.longitude,
        }
    return {"@context": CONTEXT} | _without_empty(
        {
            "@type": "Organization",
            "@id": organisation_id(structure, absolute_url),
            "name": structure.name,
            "alternateName": structure.alias_list,
            # Its own website when known: schema.org's url is the organisation's.
            "url": structure.website or page,
            "mainEntityOfPage": page,
            "description": structure.description,
            "address": address and {"@type": "PostalAddress", **address, "addressCountry": "FR"},
            "telephone": structure.phone.as_e164 if structure.phone else "",
            "email": structure.email,
            "geo": geo,
            "foundingDate": str(structure.founded_year) if structure.founded_year else "",
            "areaServed": area_served(structure.territories.all()),
        }
    )


def programme_service(programme, absolute_url):
    """A programme as a ``Service`` provided by its operators (``Organization`` nodes that
    point to their own pages)."""
    page = absolute_url(programme.get_absolute_url())
    providers = [
        _without_empty(
            {
                "@type": "Organization",
                "@id": organisation_id(structure, absolute_url),
                "name": structure.name,
                "url": structure.website or absolute_url(structure.get_absolute_url()),
            }
        )
        for structure in programme.operators
    ]
    audiences = [
        {"@type": "Audience", "audienceType": public.label} for public in programme.publics.all()
    ]
    offers = None
    if programme.is_free:
        offers = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    elif programme.is_free is False and programme.cost_details:
        offers = {"@type": "Offer", "description": programme.cost_details}
    return {"@context": CONTEXT} | _without_empty(
        {
            "@type": "Service",
            "@id": page + "#dispositif",
            "name": programme.name,
            "alternateName": programme.alias_list,
            "url": page,
            "description": programme.description,
            # « Autre » says nothing a search engine could use.
            "serviceType": programme.kind.label
            if programme.kind and programme.kind.value != "autre"
            else "",
            "provider": providers[0] if len(providers) == 1 else providers,
            "areaServed": area_served(programme.territories.all()),
            "audience": audiences[0] if len(audiences) == 1 else audiences,
            "isAccessibleForFree": programme.is_free,
            "offers": offers,
        }
    )
