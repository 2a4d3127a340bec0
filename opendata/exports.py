"""The directory as data·inclusion records (schema v1, ``data-inclusion-schema``): published
structures as ``Structure``, published current programmes with a published operator as
``Service`` (docs/open-data.md).

Records are plain dicts, ready for JSON (dates as ISO text); a field without a value, or
whose stored value the schema would refuse (an e-mail or address it cannot parse), is left
out rather than sent invalid. People are never exported: a programme is reached through its
operating structure (``programmes.contact``), never through a person.
"""

import datetime
import functools
import re

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, Prefetch
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from pydantic import EmailStr, HttpUrl, TypeAdapter, ValidationError

from essmap.templatetags.french import french_date
from opendata import codes
from programmes import contact
from programmes.models import Programme, ServedArea, Structure, StructureRole
from programmes.models.programmes import published_structure_links
from territories.models import Territory, TerritoryKind

# Where the page addresses point when no request gives the site's own (tests, the shell).
DEFAULT_BASE_URL = "http://localhost"

# What the schema checks (``data_inclusion.schema.v1``).
EARLIEST_DATE = datetime.date(2000, 1, 1)
NAME_LENGTH = (3, 150)
DESCRIPTION_LENGTH = (5, 10_000)
POSTCODE = re.compile(r"\d{5}")
INSEE_CODE = re.compile(r"\w{5}")

_EMAIL = TypeAdapter(EmailStr)
_URL = TypeAdapter(HttpUrl)

# Groupings whose member communes stand for them in ``zone_eligibilite`` (the schema has
# codes for communes, départements and EPCI only).
GROUPINGS = (TerritoryKind.PNR, TerritoryKind.PAYS, TerritoryKind.GROUPING)
DIRECT_CODES = (TerritoryKind.COMMUNE, TerritoryKind.DEPARTEMENT, TerritoryKind.EPCI)
FRANCE = "france"


# ---------------------------------------------------------------------------
# Values the schema checks


# Cached: email-validator costs about 0.2 ms a call, and at national scale thousands of
# services share their operators' few thousand addresses.
@functools.lru_cache(maxsize=8192)
def valid_email(value):
    """``value`` when the schema's ``EmailStr`` accepts it, else None."""
    if not value:
        return None
    try:
        _EMAIL.validate_python(value)
    except ValidationError:
        return None
    return value


@functools.lru_cache(maxsize=8192)
def valid_url(value):
    """``value`` when the schema's ``HttpUrl`` accepts it, else None."""
    if not value:
        return None
    try:
        _URL.validate_python(value)
    except ValidationError:
        return None
    return value


def record_name(name, qualifier):
    """A ``nom`` of 3 to 150 characters, not ending with a period (a warning of the schema):
    cut at a word, with « … », when too long; a name too short is completed with
    ``qualifier`` (the entry's kind: a real field, not an invented word)."""
    name = " ".join(name.split()).rstrip(". ")
    low, high = NAME_LENGTH
    if len(name) < low:
        name = f"{name} — {qualifier}" if name else qualifier
    if len(name) > high:
        cut = name[: high - 1]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        name = cut.rstrip(" ,;:.–—-") + "…"
    return name


def bounded_text(value, length=DESCRIPTION_LENGTH):
    """``value`` stripped, None when shorter than the schema allows, cut with « … » when
    longer."""
    value = (value or "").strip()
    low, high = length
    if len(value) < low:
        return None
    if len(value) > high:
        value = value[: high - 1].rstrip() + "…"
    return value


def date_maj(verified_on, updated_at, today=None, declared=None):
    """The last verification — a curator's, or the structure's own word on its page (the
    latest day of ``declared``, an entry's ``declared_fields``) —, else the last change in
    essmap: the first of them between 2000-01-01 and today (the schema refuses other dates),
    else today."""
    today = today or timezone.localdate()
    changed = timezone.localdate(updated_at) if updated_at else None
    checked = [day for day in (verified_on, _latest_declaration(declared)) if day]
    for candidate in (max(checked, default=None), changed):
        if candidate and EARLIEST_DATE <= candidate <= today:
            return candidate.isoformat()
    return today.isoformat()


def _latest_declaration(declared):
    days = []
    for value in (declared or {}).values():
        try:
            days.append(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            continue
    return max(days, default=None)


def declared_note(entry):
    """« Déclaré par la structure le 4 mai 2026 : présentation, téléphone. » for an entry
    whose facts its structure's team wrote itself (``declared_fields``), "" otherwise: the
    schema has no field for provenance, so the record's description says it, as its page
    does."""
    marks = entry.declared_fields or {}
    latest = _latest_declaration(marks)
    if latest is None:
        return ""
    labels = []
    for name in sorted(marks):
        try:
            labels.append(str(entry._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return f"Déclaré par la structure le {french_date(latest)} : {', '.join(labels)}."


def with_declared_note(text, entry):
    """``text`` (a description, possibly empty) followed by :func:`declared_note`."""
    note = declared_note(entry)
    return "\n\n".join(part for part in ((text or "").strip(), note) if part)


def page_url(base_url, name):
    """slug → absolute address of the entry page ``name``: reversed once, not per record."""
    marker = "slug-marker"
    before, after = reverse(name, args=[marker]).split(marker)
    base = (base_url or DEFAULT_BASE_URL).rstrip("/")
    return lambda slug: f"{base}{before}{slug}{after}"


def _clean(record):
    """The record without its empty fields (the schema's « absent »)."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _location(structure):
    """The address fields of a structure (its seat commune's name and INSEE code)."""
    commune = structure.commune
    is_commune = commune is not None and commune.kind == TerritoryKind.COMMUNE
    return {
        "commune": commune.name if is_commune else None,
        "code_postal": structure.postcode if POSTCODE.fullmatch(structure.postcode) else None,
        "code_insee": commune.code if is_commune and INSEE_CODE.fullmatch(commune.code) else None,
        "adresse": structure.address.strip() or None,
        "longitude": structure.longitude,
        "latitude": structure.latitude,
    }


# ---------------------------------------------------------------------------
# Structures


def published_structures():
    """The structures exported: every published one, with what its record reads (two
    queries whatever their number)."""
    return (
        Structure.objects.published()
        .select_related("kind", "commune")
        .prefetch_related(Prefetch("networks", queryset=Structure.objects.only("pk", "slug")))
        .order_by("slug")
    )


def reseaux_porteurs(structure):
    """The schema's networks of a structure: its own slug (a network's head) and its
    networks', where ``codes.NETWORK_RESEAUX`` knows them."""
    slugs = [structure.slug, *(network.slug for network in structure.networks.all())]
    return sorted({codes.NETWORK_RESEAUX[s] for s in slugs if s in codes.NETWORK_RESEAUX})


def structure_record(structure, structure_url, today=None):
    return _clean(
        {
            "source": codes.SOURCE,
            "id": codes.record_id(structure.slug),
            "nom": record_name(structure.name, structure.kind.label),
            "date_maj": date_maj(
                structure.verified_on, structure.updated_at, today, structure.declared_fields
            ),
            "description": bounded_text(with_declared_note(structure.description, structure)),
            "lien_source": structure_url(structure.slug),
            **_location(structure),
            "telephone": contact.e164(structure.phone) if structure.phone else None,
            "courriel": valid_email(structure.email),
            "site_web": valid_url(structure.website),
            "reseaux_porteurs": reseaux_porteurs(structure),
        }
    )


def structure_records(base_url=DEFAULT_BASE_URL):
    """Every published structure as a data·inclusion ``Structure`` (a list of dicts)."""
    structure_url = page_url(base_url, "programmes:structure_detail")
    today = timezone.localdate()
    return [structure_record(s, structure_url, today) for s in published_structures()]


# ---------------------------------------------------------------------------
# Services


def exported_programmes():
    """The programmes exported as services: published, not ended (the schema describes an
    offer one can use today), with a published operator (a service names its structure) —
    with everything their record reads, in a fixed number of queries."""
    return (
        Programme.objects.published()
        .current()
        .operated()
        .select_related("kind")
        .prefetch_related(published_structure_links())
        .order_by("slug")
    )


def unexported_programmes():
    """How many published programmes are not services, and why: ``ended`` (terminés),
    ``without_operator`` (current, but no published operating structure)."""
    published = Programme.objects.published()
    current = published.current()
    return {
        "ended": published.count() - current.count(),
        "without_operator": current.exclude(pk__in=current.operated().values("pk")).count(),
    }


def eligibility_zones(programmes):
    """{programme id: [COG code, …]} from the programmes' served areas (their territories,
    else their operators'): communes, départements and EPCI by their codes, France as
    « france », a région as its départements, a PNR or Pays as its member communes (or, its
    members unknown, the départements it lies in, which the served areas already hold as an
    approximate perimeter). Two queries."""
    areas = ServedArea.objects.filter(
        programme__in=programmes.values("pk"), territory__is_current=True
    ).values_list(
        "programme_id",
        "territory_id",
        "territory__kind",
        "territory__code",
        "territory__membership_complete",
    )
    zones, expanded = {}, {}
    for programme_id, territory_id, kind, code, complete in areas:
        codes_of = zones.setdefault(programme_id, set())
        if kind == TerritoryKind.COUNTRY:
            codes_of.add(FRANCE)
        elif kind in DIRECT_CODES:
            codes_of.add(code)
        elif kind == TerritoryKind.REGION or (kind in GROUPINGS and complete):
            expanded.setdefault(territory_id, []).append(programme_id)
    members = Territory.containers.through.objects.filter(
        to_territory__in=list(expanded),
        from_territory__is_current=True,
        from_territory__kind__in=[TerritoryKind.DEPARTEMENT, TerritoryKind.COMMUNE],
    ).values_list(
        "to_territory_id", "to_territory__kind", "from_territory__kind", "from_territory__code"
    )
    for container_id, container_kind, kind, code in members:
        # A région stands for its départements; a PNR or Pays for its communes.
        wanted = (
            TerritoryKind.DEPARTEMENT
            if container_kind == TerritoryKind.REGION
            else TerritoryKind.COMMUNE
        )
        if kind == wanted:
            for programme_id in expanded[container_id]:
                zones[programme_id].add(code)
    return {
        programme_id: [FRANCE] if FRANCE in found else sorted(found)
        for programme_id, found in zones.items()
    }


def vocabulary_values(programmes, field_name):
    """{programme id: {value: label}} of a vocabulary field (``publics``, ``formats``) of the
    programmes, in one query: read as rows, since prefetching model instances costs seconds
    of Python at national scale."""
    through = Programme._meta.get_field(field_name).remote_field.through
    target = Programme._meta.get_field(field_name).m2m_reverse_field_name()
    rows = through.objects.filter(programme__in=programmes.values("pk")).values_list(
        "programme_id", f"{target}__value", f"{target}__label"
    )
    found = {}
    for programme_id, value, label in rows.order_by(f"{target}__order", f"{target}__label"):
        found.setdefault(programme_id, {})[value] = label
    return found


def _publics(values):
    """``publics`` (``tous-publics`` alone when none maps, or when essmap says « tous
    publics ») and ``publics_precisions``: the essmap publics the list does not say.
    ``values``: {essmap public value: label}."""
    mapped = sorted({codes.PUBLICS[v] for v in values if v in codes.PUBLICS})
    if codes.ALL_PUBLICS in values or not mapped:
        mapped = [codes.ALL_PUBLICS]
    said = {v for v in values if codes.PUBLICS.get(v) in mapped or v == codes.ALL_PUBLICS}
    unsaid = [label for value, label in values.items() if value not in said]
    precisions = f"Publics visés : {', '.join(unsaid)}." if unsaid else None
    return mapped, precisions


def _description(programme, operator):
    """The programme's description, else one said from its fields (kind, operator,
    stages, duration): never invented text."""
    own = bounded_text(programme.description)
    if own:
        return bounded_text(with_declared_note(programme.description, programme))
    kind = programme.kind.label if programme.kind else "Dispositif"
    parts = [f"{kind} porté par {operator.name}."]
    if programme.stages:
        stages = ", ".join(stage.label.lower() for stage in programme.stages)
        parts.append(f"Étapes du projet : {stages}.")
    if programme.duration:
        parts.append(f"Durée : {programme.duration.strip().rstrip('.')}.")
    return bounded_text(with_declared_note(" ".join(parts), programme))


def _mobilisation(programme, absolute_url):
    """How a person reaches the programme (``programmes.contact``: the operator, or the
    programme's own site) as the schema's contact and mobilisation fields."""
    reached = contact.of_programme(programme)
    who = reached.structure if reached and reached.direct else None
    phone = who.phone_e164 if who else ""
    email = valid_email(who.email) if who else None
    link = valid_url(programme.website) or (valid_url(who.website) if who else None)
    modes = [
        mode
        for mode, value in ((codes.PHONE, phone), (codes.EMAIL, email), (codes.LINK, link))
        if value
    ]
    precisions = [programme.how_to_apply.strip()]
    if reached and not reached.direct:
        # No way of its own to reach it: the network to call, or its page, said in words.
        precisions.append(reached.as_text(absolute_url))
    return {
        "telephone": phone or None,
        "courriel": email,
        "lien_mobilisation": link,
        "modes_mobilisation": sorted(modes),
        "mobilisable_par": [codes.MOBILISABLE_PAR] if modes else None,
        "mobilisation_precisions": "\n\n".join(p for p in precisions if p) or None,
    }


def service_record(
    programme, zones, programme_url, absolute_url, today=None, publics=None, formats=None
):
    """``publics`` and ``formats``: the programme's {value: label} (``vocabulary_values``)."""
    operator = next(
        link.structure
        for link in programme.structure_links.all()
        if link.role == StructureRole.OPERATOR
    )
    publics, publics_precisions = _publics(publics or {})
    modes_accueil = sorted(
        {
            codes.FORMAT_MODES_ACCUEIL[value]
            for value in formats or {}
            if value in codes.FORMAT_MODES_ACCUEIL
        }
    )
    kind = programme.kind
    in_person = "en-presentiel" in modes_accueil
    return _clean(
        {
            "source": codes.SOURCE,
            "structure_id": codes.record_id(operator.slug),
            "id": codes.record_id(programme.slug),
            "nom": record_name(programme.name, kind.label if kind else "Dispositif"),
            "description": _description(programme, operator),
            "lien_source": programme_url(programme.slug),
            "date_maj": date_maj(
                programme.verified_on, programme.updated_at, today, programme.declared_fields
            ),
            "type": codes.KIND_TYPES.get(kind.value) if kind else None,
            "thematiques": sorted(codes.STAGE_THEMATIQUES[s] for s in programme.stages),
            "frais": {True: "gratuit", False: "payant"}.get(programme.is_free),
            "frais_precisions": programme.cost_details.strip() or None,
            "publics": publics,
            "publics_precisions": publics_precisions,
            "conditions_acces": programme.eligibility.strip() or None,
            # Where one is received in person: the operator's address.
            **(_location(operator) if in_person else {}),
            "modes_accueil": modes_accueil,
            "zone_eligibilite": zones.get(programme.pk),
            **_mobilisation(programme, absolute_url),
        }
    )


def service_records(base_url=DEFAULT_BASE_URL):
    """Every exported programme (``exported_programmes``) as a data·inclusion ``Service``."""
    programmes = exported_programmes()
    zones = eligibility_zones(programmes)
    publics = vocabulary_values(programmes, "publics")
    formats = vocabulary_values(programmes, "formats")
    programme_url = page_url(base_url, "programmes:programme_detail")
    base = (base_url or DEFAULT_BASE_URL).rstrip("/")

    def absolute_url(path):
        return f"{base}{path}" if path.startswith("/") else path

    today = timezone.localdate()
    return [
        service_record(
            programme,
            zones,
            programme_url,
            absolute_url,
            today,
            publics.get(programme.pk),
            formats.get(programme.pk),
        )
        for programme in programmes
    ]


def latest_update():
    """The most recent ``date_maj`` the downloads hold (a date), or None: read in two
    aggregates, without building the records (the page says it at national scale)."""
    latest = Max(Coalesce("verified_on", TruncDate("updated_at")))
    dates = [
        found
        for entries in (published_structures(), exported_programmes())
        if (found := entries.aggregate(latest=latest)["latest"])
    ]
    # Like ``date_maj``: never after today.
    return min(max(dates), timezone.localdate()) if dates else None
