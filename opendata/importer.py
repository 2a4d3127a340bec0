"""Import of a data·inclusion file as drafts (``manage.py import_data_inclusion``; README,
« Import d’un fichier data·inclusion »).

Three passes: every record is checked against the schema, then translated into essmap's
fields (codes, phone numbers, model checks) — both without writing, so that every problem of
the file is reported at once — and only when none is found, written in one transaction. The
writes go through :mod:`programmes.writes`, the one write path: the search documents and the
content version follow through the signals of ``search.indexing`` and ``essmap.cache`` after
commit; history gets one record per entry written, with its links and the import's reason (a
``writes.history_batch``).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from phonenumber_field.phonenumber import to_python

from curation.duplicates import likely_duplicates, similar_names
from opendata.codes import (
    ALL_PUBLICS,
    ID_SEPARATOR,
    MODE_ACCUEIL_FORMATS,
    PUBLIC_VALUES,
    PUBLICS,
    RESEAU_NETWORKS,
    SOURCE,
    THEMATIQUE_STAGES,
    TYPE_KINDS,
)
from opendata.reading import read
from opendata.validation import Problem, validate
from programmes import writes
from programmes.models import (
    STAGE_FIELDS,
    Format,
    Programme,
    ProgrammeKind,
    Public,
    PublicationStatus,
    Structure,
    StructureKind,
    StructureRole,
)
from territories.models import Territory, TerritoryKind

DEFAULT_KIND = "autre"
ID_LENGTH = Structure._meta.get_field("external_id").max_length
OWN_PREFIX = f"{SOURCE}{ID_SEPARATOR}"
# How essmap's export says the publics the schema has no value for (« Publics visés :
# Associations, Collectivités. »): read back, label by label.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
PUBLICS_SAID = re.compile(r"^Publics visés : (.+)\.$")
# The paragraph essmap's export adds to ``mobilisation_precisions`` for a structure with no
# direct contact (``programmes.contact``, ``as_text``: its network to call, or its page): the
# next export says it again from the structure, so it is not kept as « comment candidater ».
CONTACT_SAID = re.compile(
    r" : (.+ ; )?(ni site, ni courriel, ni téléphone recensés ; réseau à contacter : "
    r"|aucune coordonnée recensée ; fiche : )"
)

# essmap field → the data·inclusion field a model check on it is reported under.
SOURCE_FIELDS = {
    "name": "nom",
    "description": "description",
    "website": "site_web",
    "phone": "telephone",
    "email": "courriel",
    "address": "adresse",
    "postcode": "code_postal",
    "latitude": "latitude",
    "longitude": "longitude",
    "cost_details": "frais_precisions",
    "eligibility": "conditions_acces",
    "how_to_apply": "mobilisation_precisions",
}


def how_to_apply(data):
    """``mobilisation_precisions`` without the contact paragraph essmap's own export adds."""
    text = (data.get("mobilisation_precisions") or "").strip()
    if not str(data.get("id", "")).startswith(OWN_PREFIX):
        return text
    paragraphs = [p for p in text.split("\n\n") if not CONTACT_SAID.search(p)]
    return "\n\n".join(paragraphs).strip()


class ImportRefused(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problème(s)")
        self.problems = problems


@dataclass
class Planned:
    """What one record does: create, update, or leave an entry as it is."""

    record: object
    model: type
    entry: object = None  # the existing entry, if any
    action: str = "create"  # "create", "update", "unchanged", "kept" (reviewed or ours)
    values: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)  # m2m name → set of objects
    slug: str = ""
    operator_id: str = ""  # services: the structure's data·inclusion id
    reseaux: list = field(default_factory=list)  # structures: their réseaux porteurs
    pending_networks: set = field(default_factory=set)  # slugs of networks this file creates
    duplicates: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def name(self):
        return self.values.get("name") or str(self.entry)


@dataclass
class Report:
    structures: list
    services: list

    def count(self, kind, action):
        return sum(1 for p in getattr(self, kind) if p.action == action)

    @property
    def duplicates(self):
        return [p for p in self.structures + self.services if p.duplicates]


def import_file(path, dry_run=False):
    """Import ``path`` (.json or .xlsx); returns a :class:`Report`. Raises
    :class:`opendata.reading.FileError` or :class:`ImportRefused` (nothing written). A
    ``dry_run`` writes everything, then rolls it back: the report says what would happen."""
    structures, services = read(path)
    problems = []
    checked = {}
    for record in structures + services:
        model, found = validate(record)
        problems += found
        checked[id(record)] = model
    problems += _identity_problems(structures, services)
    # The records the schema accepts are translated even when others are refused, so that
    # one run reports every problem of the file.
    plans = Plans()
    structure_plans = [plans.structure(r, checked[id(r)]) for r in structures if checked[id(r)]]
    plans.finish_structures(structure_plans)
    service_plans = [plans.service(r, checked[id(r)]) for r in services if checked[id(r)]]
    problems += plans.problems
    if problems:
        order = {record.place: n for n, record in enumerate(structures + services)}
        raise ImportRefused(sorted(problems, key=lambda p: order.get(p.place, 0)))
    reason = f"import data·inclusion ({Path(path).name})"[:100]
    with transaction.atomic():
        with writes.history_batch() as batch:
            written = _write_structures(structure_plans, reason, batch)
            _write_services(service_plans, written, reason, batch)
        if dry_run:
            transaction.set_rollback(True)
    return Report(structure_plans, service_plans)


def _identity_problems(structures, services):
    """Ids twice in the file, services whose structure is neither in the file nor known."""
    problems = []
    for records in (structures, services):
        seen = {}
        for record in records:
            key = record.data.get("id")
            if isinstance(key, str) and len(key) > ID_LENGTH:
                problems.append(Problem(record.place, "id", key, f"plus de {ID_LENGTH} caractères"))
            if key in seen:
                problems.append(
                    Problem(record.place, "id", key, f"identifiant déjà utilisé ({seen[key]})")
                )
            seen.setdefault(key, record.place)
    in_file = {r.data.get("id") for r in structures}
    for record in services:
        key = record.data.get("structure_id")
        if key and key not in in_file and _known_structure(key) is None:
            problems.append(
                Problem(
                    record.place,
                    "structure_id",
                    key,
                    "structure inconnue : ni dans le fichier, ni déjà importée",
                )
            )
    return problems


def _own_slug(external_id):
    """The slug in an id of essmap's own export (``essmap--<slug>``), if it is one."""
    slug = external_id.removeprefix(OWN_PREFIX) if external_id.startswith(OWN_PREFIX) else ""
    return slug if SLUG.fullmatch(slug) and len(slug) <= ID_LENGTH else ""


def _find(model, external_id):
    """The entry a record stands for: the one imported with this id, or, for an id of
    essmap's own export (``essmap--<slug>``), the essmap entry with that slug."""
    entry = model.objects.filter(external_id=external_id).first()
    slug = _own_slug(external_id)
    if entry is None and slug:
        entry = model.objects.filter(slug=slug).first()
    return entry


def _known_structure(external_id):
    return _find(Structure, external_id)


class Plans:
    """Translation of checked records into essmap values, collecting every problem."""

    def __init__(self):
        self.problems = []
        self.kinds = {k.value: k for k in ProgrammeKind.objects.all()}
        self.publics = {p.value: p for p in Public.objects.all()}
        self.formats = {f.value: f for f in Format.objects.all()}
        self.structures = {}  # data·inclusion id → Planned

    def problem(self, record, field, value, message):
        self.problems.append(Problem(record.place, field, value, message))

    # -- shared ---------------------------------------------------------------------

    def _start(self, record, model):
        plan = Planned(record, model)
        external_id = record.data["id"]
        plan.entry = _find(model, external_id)
        if plan.entry is not None:
            if plan.entry.external_id != external_id:
                # essmap's own export coming back: essmap is where that entry is curated.
                plan.action = "kept"
                plan.notes.append("fiche d’essmap (son propre export) : laissée telle quelle")
            elif plan.entry.publication_status != PublicationStatus.DRAFT:
                plan.action = "kept"
                plan.notes.append("déjà revue par les curateurs : laissée telle quelle")
            else:
                plan.action = "update"
        else:
            own = _own_slug(external_id)
            plan.slug = own if own and not model.objects.filter(slug=own).exists() else ""
        return plan

    def _contact(self, plan, data, checked):
        values = plan.values
        values["name"] = checked.nom
        values["description"] = checked.description or ""
        values["email"] = (data.get("courriel") or "").strip()
        values["phone"] = ""
        phone = (data.get("telephone") or "").strip()
        if phone:
            number = to_python(phone, region="FR")
            if number is None or not number.is_valid():
                self.problem(plan.record, "telephone", phone, "numéro de téléphone invalide")
            else:
                values["phone"] = number.as_e164

    def _check_model(self, plan, exclude=()):
        """The model's own checks (lengths, e-mail, coordinates…) on the values to write."""
        instance = plan.model(**{k: v for k, v in plan.values.items()})
        try:
            instance.full_clean(
                exclude={"slug", "kind", *exclude},
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                source = SOURCE_FIELDS.get(name, name if name != "__all__" else "")
                if plan.model is Programme and name == "website":
                    source = "lien_mobilisation"
                value = plan.record.data.get(source)
                for message in messages:
                    self.problem(plan.record, source or "fiche", value, message)

    # -- structures -------------------------------------------------------------------

    def structure(self, record, checked):
        plan = self._start(record, Structure)
        self.structures[record.data["id"]] = plan
        if plan.action == "kept":
            return plan
        data = record.data
        self._contact(plan, data, checked)
        values = plan.values
        values["website"] = (data.get("site_web") or "").strip()
        values["address"] = ", ".join(
            part.strip()
            for part in (data.get("adresse"), data.get("complement_adresse"))
            if part and part.strip()
        )
        values["postcode"] = checked.code_postal or ""
        values["latitude"], values["longitude"] = checked.latitude, checked.longitude
        values["commune"] = None
        if checked.code_insee:
            commune = (
                Territory.objects.filter(kind=TerritoryKind.COMMUNE, key=checked.code_insee).first()
                or Territory.objects.filter(
                    kind=TerritoryKind.COMMUNE, former_codes__code=checked.code_insee
                ).first()
            )
            if commune is None:
                self.problem(record, "code_insee", checked.code_insee, "commune inconnue")
            values["commune"] = commune
        self._check_model(plan, exclude={"commune"})
        plan.reseaux = sorted(r.value for r in checked.reseaux_porteurs or ())
        if plan.entry is None:
            plan.duplicates = likely_duplicates(values["name"], values["commune"])
        return plan

    def finish_structures(self, plans):
        """Networks, once every structure of the file is planned (a network's head may come
        later in the file, or be created by it), then whether an existing one changes."""
        created = {p.slug for p in plans if p.action == "create" and p.slug}
        for plan in plans:
            if plan.action == "kept":
                continue
            plan.links["networks"] = self._networks(plan, created)
            if plan.entry is not None:
                changed = plan.pending_networks or _differs(plan.entry, plan.values, plan.links)
                plan.action = "update" if changed else "unchanged"

    # -- services ---------------------------------------------------------------------

    def service(self, record, checked):
        plan = self._start(record, Programme)
        plan.operator_id = checked.structure_id
        if plan.action == "kept":
            return plan
        data = record.data
        self._contact(plan, data, checked)
        operator = self.structures.get(plan.operator_id)
        operator_entry = operator.entry if operator else _known_structure(plan.operator_id)
        operator_values = operator.values if operator and operator.values else {}
        if not operator_values and operator_entry is not None:
            operator_values = {
                name: _current(operator_entry, name) for name in ("email", "phone", "website")
            }
        operator_site = operator_values.get("website", "")
        # A programme has no e-mail or phone of its own: its operators' are shown.
        own = [
            name
            for name in ("email", "phone")
            if plan.values.pop(name) not in ("", operator_values.get(name, ""))
        ]
        if own:
            plan.notes.append("courriel ou téléphone propre au service non repris")
        values = plan.values
        stages = {
            THEMATIQUE_STAGES[t.value]
            for t in checked.thematiques or ()
            if t.value in THEMATIQUE_STAGES
        }
        others = [t.value for t in checked.thematiques or () if t.value not in THEMATIQUE_STAGES]
        if others:
            plan.notes.append(f"thématiques hors création ignorées : {', '.join(sorted(others))}")
        for stage, name in STAGE_FIELDS.items():
            values[name] = stage in stages
        frais = checked.frais.value if checked.frais else None
        values["is_free"] = {"gratuit": True, "payant": False}.get(frais)
        values["cost_details"] = (data.get("frais_precisions") or "").strip()
        values["eligibility"] = (data.get("conditions_acces") or "").strip()
        values["how_to_apply"] = how_to_apply(data)
        # The link to use is the programme's own site — unless it is its structure's, which
        # essmap's export gives when the programme has none.
        link = (data.get("lien_mobilisation") or "").strip()
        values["website"] = "" if link and link == operator_site else link
        type_ = checked.type.value if checked.type else None
        values["kind"] = self.kinds.get(TYPE_KINDS.get(type_, DEFAULT_KIND)) or self.kinds.get(
            DEFAULT_KIND
        )
        plan.links["publics"] = self._publics(plan, checked)
        plan.links["formats"] = {
            self.formats[MODE_ACCUEIL_FORMATS[m.value]]
            for m in checked.modes_accueil or ()
            if MODE_ACCUEIL_FORMATS.get(m.value) in self.formats
        }
        plan.links["territories"] = self._zone(record, checked.zone_eligibilite or [])
        self._check_model(plan, exclude={"kind"})
        if plan.entry is None:
            plan.duplicates = _programme_duplicates(values["name"], operator, operator_entry)
        else:
            wanted_operator = {operator_entry.pk} if operator_entry else set()
            changed = _differs(plan.entry, values, plan.links) or wanted_operator != _operators(
                plan.entry
            )
            plan.action = "update" if changed else "unchanged"
        return plan

    def _networks(self, plan, created):
        """The network structures (their national heads) of ``reseaux_porteurs`` that essmap
        holds — or that this file creates (``created`` slugs: linked once written); a network
        head is not its own network."""
        own = plan.entry.slug if plan.entry else plan.slug or _own_slug(plan.record.data["id"])
        wanted = {RESEAU_NETWORKS[r] for r in plan.reseaux if r in RESEAU_NETWORKS} - {own}
        networks = set(Structure.objects.filter(slug__in=wanted))
        plan.pending_networks = (wanted & created) - {n.slug for n in networks}
        found = {n.slug for n in networks} | plan.pending_networks | {own}
        missing = [r for r in plan.reseaux if RESEAU_NETWORKS.get(r) not in found]
        if missing:
            plan.notes.append(f"réseaux porteurs sans fiche dans essmap : {', '.join(missing)}")
        return networks

    def _publics(self, plan, checked):
        """The essmap publics of ``publics``, and of ``publics_precisions`` when it names
        them as essmap's export does — then « tous-publics » only stood for them."""
        publics = {p.value for p in checked.publics or ()}
        unknown = sorted(p for p in publics if p not in PUBLIC_VALUES)
        if unknown:
            plan.notes.append(f"publics sans équivalent ignorés : {', '.join(unknown)}")
        found = {self.publics.get(PUBLIC_VALUES[p]) for p in publics if p in PUBLIC_VALUES}
        said = PUBLICS_SAID.match((checked.publics_precisions or "").strip())
        if said:
            labels = {p.label: p for p in self.publics.values()}
            named = {labels.get(label.strip()) for label in said.group(1).split(",")} - {None}
            # « tous-publics » stood for the publics the schema has no value for — unless
            # one of them has one: then essmap itself said « tous publics » too.
            if named and publics == {ALL_PUBLICS} and not any(p.value in PUBLICS for p in named):
                found = set()
            found |= named
        return found - {None}

    def _zone(self, record, codes):
        """The territories of ``zone_eligibilite``: communes (also by a former code),
        départements, EPCI by SIREN, ``france``; foreign countries are not essmap's."""
        found = set()
        for code in codes:
            code = str(code)
            if code == "france":
                territory = Territory.objects.filter(kind=TerritoryKind.COUNTRY).first()
            elif code.startswith("99") and len(code) == 5:
                self.problem(record, "zone_eligibilite", code, "pays étranger : hors d’essmap")
                continue
            elif len(code) in (2, 3):
                territory = Territory.objects.filter(
                    kind=TerritoryKind.DEPARTEMENT, code=code.upper()
                ).first()
            elif len(code) == 9:
                territory = Territory.objects.filter(kind=TerritoryKind.EPCI, code=code).first()
            else:
                territory = Territory.objects.by_key(code)
                if territory is not None and territory.kind != TerritoryKind.COMMUNE:
                    territory = None
            if territory is None:
                self.problem(record, "zone_eligibilite", code, "territoire inconnu d’essmap")
            else:
                found.add(territory)
        return found


def _current(entry, name):
    value = getattr(entry, name)
    if name == "phone":
        return value.as_e164 if value else ""
    return value


def _differs(entry, values, links):
    if any(_current(entry, name) != value for name, value in values.items()):
        return True
    return any(set(getattr(entry, name).all()) != objects for name, objects in links.items())


def _operators(programme):
    return set(
        programme.structure_links.filter(role=StructureRole.OPERATOR).values_list(
            "structure_id", flat=True
        )
    )


def _programme_duplicates(name, operator_plan, operator_entry):
    """Programmes with a similar name run by the same structure — or, for a new structure,
    by the structures it is a likely duplicate of."""
    structures = [operator_entry] if operator_entry else []
    if operator_plan is not None:
        structures += operator_plan.duplicates
    if not structures:
        return []
    candidates = Programme.objects.filter(
        structure_links__structure__in=structures, structure_links__role=StructureRole.OPERATOR
    ).distinct()
    return [p for p in candidates.order_by("name") if similar_names(name, p.name)]


# -- writing ----------------------------------------------------------------------------


def _save(plan, reason, batch, **extra):
    created = plan.action == "create"
    entry = (
        plan.model(
            external_id=plan.record.data["id"],
            slug=plan.slug,
            publication_status=PublicationStatus.DRAFT,
            **extra,
        )
        if created
        else plan.entry
    )
    for name, value in plan.values.items():
        setattr(entry, name, value)
    if plan.duplicates:
        names = ", ".join(f"« {d.name} » ({d.slug})" for d in plan.duplicates)
        note = f"Doublon probable de {names} : signalé par l’{reason}, à vérifier."
        entry.curator_notes = "\n".join(filter(None, [entry.curator_notes, note]))
    writes.save(entry, reason, batch=batch)
    for name, objects in plan.links.items():
        writes.set_links(entry, name, objects, new=created)
    plan.entry = entry
    return entry


def _write_structures(plans, reason, batch):
    """Write the structures; returns data·inclusion id → structure, for the services."""
    kind = StructureKind.objects.get(value=DEFAULT_KIND)
    for plan in plans:
        if plan.action in ("create", "update"):
            _save(plan, reason, batch, kind=kind)
    for plan in plans:
        if plan.pending_networks:
            networks = Structure.objects.filter(slug__in=plan.pending_networks)
            writes.add_links(plan.entry, "networks", networks)
    return {plan.record.data["id"]: plan.entry for plan in plans}


def _write_services(plans, structures, reason, batch):
    for plan in plans:
        if plan.action not in ("create", "update"):
            continue
        new = plan.action == "create"
        programme = _save(plan, reason, batch)
        operator = structures.get(plan.operator_id) or _known_structure(plan.operator_id)
        writes.set_role_structures(programme, StructureRole.OPERATOR, [operator], reason, new=new)
