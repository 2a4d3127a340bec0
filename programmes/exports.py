"""The public JSON/CSV representation of directory entries.

Field names are a public contract (documented in docs/api.md); add, never rename.
"""

from django.urls import reverse

from programmes import contact
from programmes.models import (
    STAGE_FIELDS,
    Programme,
    ProgrammeStructure,
    PublicationStatus,
    StructureRole,
)
from programmes.models.structures import network_to_call
from territories.models import SCALE, TerritoryKind, reach_label

# A structure present in a place only through its national served territory.
NATIONAL_PRESENCE = SCALE[TerritoryKind.COUNTRY]

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
    "reach_approximate",
    "how_to_apply",
    "contact",
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
    "general_stages",
    "verified_on",
    "distance_km",
    "contact",
]


# How an operator is reached, read with its link (``contact.from_values``).
CONTACT = [
    "structure__website",
    "structure__email",
    "structure__phone",
    "structure__address",
    "structure__postcode",
    "structure__commune__name",
    "network",
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
        "reach_approximate": programme.reach_is_approximate,
        "how_to_apply": programme.how_to_apply,
        "contact": _contact(contact.of_programme(programme), request.build_absolute_uri),
    }


def _contact(found, absolute_url):
    """The ``contact`` field: whom to reach and how (see ``programmes.contact``), or None when
    nothing is known (no operator, no website)."""
    return found.as_dict(absolute_url) if found else None


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
        "general_stages": [str(s) for s in structure.general_stages],
        "verified_on": structure.verified_on.isoformat() if structure.verified_on else None,
        "distance_km": _distance(structure),
        "contact": _contact(contact.of_structure(structure), request.build_absolute_uri),
    }


def _structure_answer(structure, request):
    """What a structure answering a search says of itself, in ``structures`` and in
    ``also_here``: who, its kind, the stages of its general accompaniment, its seat and
    distance, how to reach it."""
    return {
        "name": structure.name,
        "slug": structure.slug,
        "url": request.build_absolute_uri(structure.get_absolute_url()),
        "kind": structure.kind.value,
        "kind_label": structure.kind.label,
        "general_stages": [str(s) for s in structure.general_stages],
        "commune": _territory(structure.commune) if structure.commune else None,
        "distance_km": _distance(structure),
        "contact": _contact(contact.of_structure(structure), request.build_absolute_uri),
    }


def accompaniment_as_dict(structure, request):
    """A structure's general accompaniment as a list of programmes gives it (``structures``
    beside ``results``, see ``StructureQuerySet.general_accompaniment``): who, its stages,
    how to reach it, its reach and distance."""
    return {
        **_structure_answer(structure, request),
        "reach": structure.reach,
        "reach_approximate": structure.reach_is_approximate,
    }


def presence_as_dict(structure, request):
    """A structure « aussi sur votre territoire » (``also_here`` beside ``results``): present
    in the place, with nothing declared that answers the search; who, its kind, the stages of
    its general accompaniment if any, whether it is a national network, how to reach it."""
    return {
        **_structure_answer(structure, request),
        "national": structure.presence_scale == NATIONAL_PRESENCE,
    }


def sources_as_list(entry):
    """The sources an entry cites, for its own JSON page (``sources``): each document with
    where it is cited (``section``: part or lines of a document) and, for a web page, its
    address, the date it was consulted and its own date when known (``published_on``); for a
    structure, the contact facts it gives (``gives``: ``phone``, ``email``). Public pages show
    the section without its line numbers."""
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
            "published_on": (
                citation.document.published_on.isoformat()
                if citation.document.published_on
                else None
            ),
            "section": citation.section,
        }
        | (
            {"gives": [f for f in ("phone", "email") if getattr(citation, f"gives_{f}")]}
            if hasattr(citation, "gives_phone")
            else {}
        )
        for citation in entry.citations.all()
    ]


def programme_rows(queryset, request):
    """``programme_as_dict`` of every programme of ``queryset`` (ordered, sliced), read as
    plain values in six queries: an export of thousands of rows builds no model instance
    (5,000 rows: about 0.4 s instead of 4 s)."""
    annotations = [
        name
        for name in ("distance_km", "reach_scale", "reach_approximate")
        if name in queryset.query.annotations
    ]
    fields = [
        "pk",
        "name",
        "slug",
        "kind__value",
        *STAGE_FIELDS.values(),
        "status",
        "start_year",
        "end_year",
        "is_free",
        "cost_details",
        "verified_on",
        "how_to_apply",
        "website",
        *annotations,
    ]
    rows = list(queryset.prefetch_related(None).select_related(None).values(*fields))
    ids = [row["pk"] for row in rows]
    linked = {
        name: _values_by_programme(getattr(Programme, name).through, ids, f"{name[:-1]}__value")
        for name in ("formats", "publics", "sectors")
    }
    territories = _values_by_programme(
        Programme.territories.through,
        ids,
        "territory__key",
        "territory__name",
        "territory__kind",
    )
    structures, operators = {}, {}
    links = (
        ProgrammeStructure.objects.filter(
            programme__in=ids, structure__publication_status=PublicationStatus.PUBLISHED
        )
        .annotate(network=network_to_call("structure_id"))
        .order_by("role", "structure__name")
        .values_list("programme_id", "structure__name", "structure__slug", "role", *CONTACT)
    )
    for programme_id, name, slug, role, *reach in links:
        structures.setdefault(programme_id, []).append((name, slug, role))
        if role == StructureRole.OPERATOR:
            operators.setdefault(programme_id, []).append(contact.from_values(name, slug, *reach))
    programme_url = _url_pattern(request, "programmes:programme_detail")
    structure_url = _url_pattern(request, "programmes:structure_detail")
    for row in rows:
        pk = row["pk"]
        distance = row.get("distance_km")
        yield {
            "name": row["name"],
            "slug": row["slug"],
            "url": programme_url(row["slug"]),
            "kind": row["kind__value"],
            "stages": [str(s) for s, f in STAGE_FIELDS.items() if row[f]],
            "status": row["status"],
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "is_free": row["is_free"],
            "cost_details": row["cost_details"],
            "formats": linked["formats"].get(pk, []),
            "publics": linked["publics"].get(pk, []),
            "sectors": linked["sectors"].get(pk, []),
            "structures": [
                {"name": name, "url": structure_url(slug), "role": role}
                for name, slug, role in structures.get(pk, ())
            ],
            "territories": [
                {"code": key, "name": name, "kind": kind}
                for key, name, kind in territories.get(pk, ())
            ],
            "verified_on": row["verified_on"].isoformat() if row["verified_on"] else None,
            "distance_km": round(distance, 1) if distance is not None else None,
            "reach": reach_label(row.get("reach_scale")),
            "reach_approximate": bool(row.get("reach_approximate")),
            "how_to_apply": row["how_to_apply"],
            "contact": _contact(
                contact.choose(operators.get(pk, []), row["website"]), request.build_absolute_uri
            ),
        }


def _values_by_programme(through, ids, *fields):
    """{programme id: [value, …]} (or tuples of values) of a programme's links, in the order of
    the linked model (as the prefetched relation gives them)."""
    relation = fields[0].split("__")[0]
    target = through._meta.get_field(relation).related_model
    ordering = [
        f"-{relation}__{name[1:]}" if name.startswith("-") else f"{relation}__{name}"
        for name in target._meta.ordering
    ]
    values = {}
    rows = through.objects.filter(programme__in=ids).order_by(*ordering, "pk")
    for programme_id, *value in rows.values_list("programme_id", *fields):
        values.setdefault(programme_id, []).append(value[0] if len(value) == 1 else tuple(value))
    return values


def _url_pattern(request, name):
    """slug -> absolute address of the entry page ``name``: reversed once, not per row."""
    marker = "slug-marker"
    template = request.build_absolute_uri(reverse(name, args=[marker]))
    before, after = template.split(marker)
    return lambda slug: f"{before}{slug}{after}"
