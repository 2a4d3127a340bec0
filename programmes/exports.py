"""The public JSON/CSV representation of directory entries.

Field names are a public contract (documented in the README); add, never rename.
"""

PROGRAMME_FIELDS = [
    "name",
    "slug",
    "url",
    "kind",
    "stages",
    "status",
    "start_year",
    "end_year",
    "is_free",
    "cost_details",
    "formats",
    "publics",
    "sectors",
    "structures",
    "territories",
    "verified_on",
    "distance_km",
    "reach",
    "how_to_apply",
]
STRUCTURE_FIELDS = [
    "name",
    "slug",
    "url",
    "kind",
    "legal_form",
    "founded_year",
    "commune",
    "latitude",
    "longitude",
    "website",
    "address",
    "postcode",
    "email",
    "phone",
    "publics",
    "sectors",
    "territories",
    "verified_on",
    "distance_km",
]


def _distance(obj):
    distance = getattr(obj, "distance_km", None)
    return round(distance, 1) if distance is not None else None


def _territory(t):
    return {"code": t.key, "name": t.name, "kind": t.kind}


def programme_as_dict(programme, request):
    return {
        "name": programme.name,
        "slug": programme.slug,
        "url": request.build_absolute_uri(programme.get_absolute_url()),
        "kind": programme.kind.value if programme.kind else None,
        "stages": [str(s) for s in programme.stages],
        "status": programme.status,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "is_free": programme.is_free,
        "cost_details": programme.cost_details,
        "formats": [f.value for f in programme.formats.all()],
        "publics": [p.value for p in programme.publics.all()],
        "sectors": [s.value for s in programme.sectors.all()],
        "structures": [
            {
                "name": link.structure.name,
                "url": request.build_absolute_uri(link.structure.get_absolute_url()),
                "role": link.role,
            }
            for link in programme.structure_links.all()
        ],
        "territories": [_territory(t) for t in programme.territories.all()],
        "verified_on": programme.verified_on.isoformat() if programme.verified_on else None,
        "distance_km": _distance(programme),
        "reach": programme.reach,
        "how_to_apply": programme.how_to_apply,
    }


def structure_as_dict(structure, request):
    commune = structure.commune
    return {
        "name": structure.name,
        "slug": structure.slug,
        "url": request.build_absolute_uri(structure.get_absolute_url()),
        "kind": structure.kind.value,
        "legal_form": structure.legal_form,
        "founded_year": structure.founded_year,
        "commune": _territory(commune) if commune else None,
        "latitude": structure.latitude,
        "longitude": structure.longitude,
        "website": structure.website,
        "address": structure.address,
        "postcode": structure.postcode,
        "email": structure.email,
        "phone": str(structure.phone) if structure.phone else "",
        "publics": [p.value for p in structure.publics.all()],
        "sectors": [s.value for s in structure.sectors.all()],
        "territories": [_territory(t) for t in structure.territories.all()],
        "verified_on": structure.verified_on.isoformat() if structure.verified_on else None,
        "distance_km": _distance(structure),
    }


def sources_as_list(entry):
    """The sources an entry cites, for its own JSON page (``sources``): each document with
    where it is cited (``section``: part or lines of a document) and, for a web page, its
    address and the date it was consulted. Public pages show the section without its line
    numbers."""
    return [
        {
            "document": citation.document.file_name,
            "title": citation.document.title,
            "publisher": citation.document.publisher,
            "year": citation.document.year,
            "url": citation.document.url,
            "consulted_on": (
                citation.document.consulted_on.isoformat()
                if citation.document.consulted_on
                else None
            ),
            "section": citation.section,
        }
        for citation in entry.citations.all()
    ]
