"""Load directory content (documents, structures, programmes, people) from JSON files.

Contract
--------
* **All or nothing.** Every file is read and every entry validated — its shape against the
  declared schemas of :mod:`content.schemas`, its references here — before anything is
  written; any problem (unknown territory code, unknown vocabulary value, unknown slug in a
  link, missing name, bad stage, duplicate slug…) raises :class:`ContentError` listing every
  problem with its file and entry, and the database is left untouched. Writing happens in
  one transaction, through ``programmes/writes.py`` (the one write path: one history record
  per entry written, with its links).
* **Idempotent.** Entries are matched by slug (structures, programmes), file name
  (documents) and name + structure (people). Loading the same files twice changes nothing.
* **Never deletes.** Entries absent from the files are left as they are. With
  ``update=False`` (what ``make run`` does) existing entries are not touched at all, so a
  curator's edits in a local database survive; with ``update=True`` the file is the truth for
  the entries it names: their fields and links are set to what the file says.

File format (one JSON object per file; every key but the names is optional)::

    {
      "documents": [{"file_name", "title", "publisher", "published_on": "YYYY-MM-DD",
                     "year": YYYY (when only the year is known), "url",
                     "consulted_on": "YYYY-MM-DD" (a web page: the day it was read)}],
      "structures": [{
        "slug", "name", "aliases": [..], "kind": "<StructureKind value>", "legal_form",
        "founded_year", "description", "address", "postcode", "commune": "<INSEE code>",
        "latitude", "longitude", "website", "email", "phone",
        "territories": ["<territory key>", ..], "publics": [..], "sectors": [..],
        "partners": ["<structure slug>"], "networks": ["<structure slug>"],
        "general_accompaniment": {"stages": ["idee"|"creation"|"developpement"],
                                  "sources": [{"document", "section"}]},
        "notes": "<curator notes, never published: disagreements between sources…>",
        "publication": "publie", "verified_on": "YYYY-MM-DD",
        "sources": [{"document": "<file_name>", "section": "..",
                     "gives": ["phone", "email"] (the contact facts this document gives)}]
      }],
      "programmes": [{
        "slug", "name", "aliases", "kind": "<ProgrammeKind value>", "description",
        "stages": ["idee"|"creation"|"developpement"], "formats": [..], "duration",
        "is_free": true|false|null, "cost_details", "eligibility", "how_to_apply",
        "key_figures", "website", "status": "actif"|"experimental"|"termine",
        "start_year", "end_year", "territories", "publics", "sectors",
        "structures": [{"slug", "role": "operateur"|"partenaire"|"financeur"}],
        "next_steps": ["<programme slug>"], "publication", "verified_on", "sources"
      }],
      "people": [{"name", "role", "structure": "<slug>", "public": bool,
                  "programmes": [{"slug", "relation": "contact"|"temoignage"}]}],
      "contacts": [{"structure": "<slug>", "website", "email", "phone", "address", "postcode",
                    "commune", "latitude", "longitude", "networks": [..], "sources": [..]}]
    }

**Documents** are the seed files (``file_name`` the file's name, e.g. ``003_….txt``) or web
pages: ``file_name`` is then ``web:<domain>/<path>`` (the page's address without its scheme,
shortened if need be: it is only a unique key), with its ``url`` and the date it was consulted
(``consulted_on``), both required for a ``web:`` document. A citation's ``section`` says where
in the document (part, lines): the administration and the JSON show it, public pages never
show its line numbers. A structure's phone and e-mail name the document that gives them
(``gives``), whose own date (``published_on``, else ``year``) the structure's page shows with
the fact; a programme's source gives none.

A structure's **general accompaniment** (the stages at which it accompanies people itself,
beside its programmes: see ``Structure.general_stage_*``) names the documents that say so,
at least one: they are added to the structure's sources. Never for a funder or a collectivity
(``NOT_ACCOMPANYING_KINDS``). Without the key, a structure has none.

**Contacts** (how to reach a structure, usually from web pages) live apart from the
structures, so that a file of contacts can complete structures defined in other files: see
:mod:`content.contacts` for the section's rules.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from phonenumber_field.phonenumber import to_python

from content import schemas
from content.contacts import CONTACT_FIELDS, Contacts, union
from programmes import writes
from programmes.models import (
    GENERAL_STAGE_FIELDS,
    NOT_ACCOMPANYING_KINDS,
    STAGE_FIELDS,
    Format,
    Person,
    PersonRelation,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Public,
    PublicationStatus,
    Sector,
    SourceDocument,
    Structure,
    StructureKind,
    StructureRole,
)
from territories.models import Territory, TerritoryKind

# What the history says of entries written by this loader.
CHANGE_REASON = "Chargement du contenu livré (fixtures/content)"


class ContentError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: dict = field(
        default_factory=lambda: {"documents": 0, "structures": 0, "programmes": 0, "people": 0}
    )
    updated: dict = field(
        default_factory=lambda: {"documents": 0, "structures": 0, "programmes": 0, "people": 0}
    )
    unchanged: int = 0

    LABELS = {
        "documents": "documents",
        "structures": "structures",
        "programmes": "dispositifs",
        "people": "personnes",
    }

    def __str__(self):
        def part(counts):
            return ", ".join(f"{n} {self.LABELS[k]}" for k, n in counts.items() if n) or "rien"

        made, changed = part(self.created), part(self.updated)
        return f"créés : {made} ; mis à jour : {changed} ; inchangés : {self.unchanged}"


def _read(paths):
    """The entries of every file that match their schema (:mod:`content.schemas`), the
    problems of the others, and the keys every entry names itself by (to tell a reference to
    an invalid entry from one to an unknown entry)."""
    data = {"documents": [], "structures": [], "programmes": [], "people": [], "contacts": []}
    named = {"documents": set(), "structures": set(), "programmes": set()}
    problems = []
    for path in paths:
        path = Path(path)
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(f"{path.name} : fichier illisible ({error})")
            continue
        if not isinstance(content, dict):
            problems.append(f"{path.name} : le fichier doit contenir un objet JSON")
            continue
        for key in data:
            entries = content.get(key, [])
            if not isinstance(entries, list):
                problems.append(f"{path.name} : la section « {key} » doit être une liste")
                continue
            for index, entry in enumerate(entries, start=1):
                if not isinstance(entry, dict):
                    problems.append(f"{path.name} {key}[{index}] : entrée invalide")
                    continue
                label = (
                    entry.get("slug")
                    or entry.get("name")
                    or entry.get("file_name")
                    or entry.get("structure")
                    or index
                )
                where = f"{path.name} {key} « {label} »"
                field_name = "file_name" if key == "documents" else "slug"
                own = entry.get(field_name)
                if key in named and isinstance(own, str):
                    if own in named[key]:
                        problems.append(f"{where} : {field_name} « {own} » en double")
                    named[key].add(own)
                found = schemas.problems(key, entry)
                problems.extend(f"{where} : {problem}" for problem in found)
                if not found:
                    data[key].append((where, entry))
        unknown = set(content) - set(data) - {"$comment"}
        if unknown:
            problems.append(f"{path.name} : sections inconnues {sorted(unknown)}")
    return data, named, problems


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


class _Loader:
    """Validates then writes; see the module docstring for the contract."""

    def __init__(self, data, update, named=None):
        self.data = data
        self.update = update
        self.problems = []
        self.report = LoadReport()
        self.contacts = Contacts(data["contacts"])
        self.vocab = {
            model: {v.value: v for v in model.objects.all()}
            for model in (StructureKind, ProgrammeKind, Public, Sector, Format)
        }
        keys = set()
        for _, entry in data["structures"] + data["programmes"]:
            keys.update(entry.get("territories", []))
            if entry.get("commune"):
                keys.add(entry["commune"])
        keys |= self.contacts.territory_keys()
        self.territories = {t.key: t for t in Territory.objects.filter(key__in=keys)}
        # Every known document, with the date it was consulted (web pages; else None).
        self.consulted = dict(SourceDocument.objects.values_list("file_name", "consulted_on"))
        for _, doc in data["documents"]:
            if "file_name" in doc:
                self.consulted[doc["file_name"]] = doc.get("consulted_on")
        named = named or {"documents": set(), "structures": set(), "programmes": set()}
        self.document_names = set(self.consulted) | named["documents"]
        self.structure_slugs = set(Structure.objects.values_list("slug", flat=True))
        self.structure_slugs |= {e["slug"] for _, e in data["structures"]} | named["structures"]
        self.programme_slugs = set(Programme.objects.values_list("slug", flat=True))
        self.programme_slugs |= {e["slug"] for _, e in data["programmes"]} | named["programmes"]

    # -- validation -------------------------------------------------------------------
    # The shape of each entry (keys, types, required fields, stages, statuses, roles,
    # relations, dates) was checked against its schema (content.schemas) when it was read:
    # what follows is what one entry cannot say alone.

    def check(self, where, condition, text):
        if not condition:
            self.problems.append(f"{where} : {text}")
        return condition

    def check_vocab(self, where, model, values):
        for value in values:
            self.check(
                where,
                value in self.vocab[model],
                f"valeur inconnue « {value} » pour {model._meta.verbose_name}",
            )

    def check_territories(self, where, keys):
        for key in keys:
            self.check(where, key in self.territories, f"territoire inconnu « {key} »")

    def check_sources(self, where, sources):
        for source in sources:
            self.check(
                where,
                source.get("document") in self.document_names,
                f"document source inconnu « {source.get('document')} »",
            )

    def structure_slugs_in_files(self):
        return {e["slug"] for _, e in self.data["structures"]}

    def check_gives(self, where, entry):
        """A structure's phone and e-mail each name a source that gives them (``gives``), and
        no source gives a fact the structure does not have."""
        sources = entry.get("sources", [])
        for fact, noun in (("phone", "le téléphone"), ("email", "le courriel")):
            giving = [s for s in sources if fact in s.get("gives", [])]
            if entry.get(fact):
                self.check(
                    where,
                    bool(giving),
                    f'{noun} doit nommer la page qui le donne (« gives »: ["{fact}"])',
                )
            else:
                self.check(where, not giving, f"une source donne {noun}, que la fiche n’a pas")

    def check_entry(self, where, entry):
        self.check_territories(where, entry.get("territories", []))
        self.check_vocab(where, Public, entry.get("publics", []))
        self.check_vocab(where, Sector, entry.get("sectors", []))
        self.check_sources(where, entry.get("sources", []))

    def validate(self):
        for where, entry in self.data["structures"]:
            self.check_entry(where, entry)
            self.check_vocab(where, StructureKind, [entry["kind"]])
            if entry.get("commune"):
                commune = self.territories.get(entry["commune"])
                self.check(
                    where,
                    commune and commune.kind == TerritoryKind.COMMUNE,
                    f"commune inconnue « {entry['commune']} »",
                )
            for slug in entry.get("partners", []) + entry.get("networks", []):
                self.check(where, slug in self.structure_slugs, f"structure inconnue « {slug} »")
            if "general_accompaniment" in entry:
                self.check_sources(where, entry["general_accompaniment"].get("sources", []))
                self.check(
                    where,
                    entry["kind"] not in NOT_ACCOMPANYING_KINDS,
                    "un financeur ou une collectivité n’a pas d’accompagnement général "
                    "(seulement les dispositifs qu’il porte)",
                )
        for where, entry in self.data["structures"]:
            self.check_gives(where, self.contacts.merged(entry))
        for where, entry in self.contacts.stored_only(self.structure_slugs_in_files()):
            self.check_gives(where, entry)
        for where, entry in self.data["programmes"]:
            self.check(
                where,
                not any(s.get("gives") for s in entry.get("sources", [])),
                "« gives » ne vaut que pour les sources d’une structure",
            )
            self.check_entry(where, entry)
            if entry.get("kind"):
                self.check_vocab(where, ProgrammeKind, [entry["kind"]])
            self.check_vocab(where, Format, entry.get("formats", []))
            for link in entry.get("structures", []):
                self.check(
                    where,
                    link["slug"] in self.structure_slugs,
                    f"structure inconnue « {link['slug']} »",
                )
            for slug in entry.get("next_steps", []):
                self.check(where, slug in self.programme_slugs, f"dispositif inconnu « {slug} »")
        self.contacts.validate(
            self, {e["slug"]: e for _, e in self.data["structures"]}, self.consulted
        )
        for where, person in self.data["people"]:
            if person.get("structure"):
                self.check(
                    where,
                    person["structure"] in self.structure_slugs,
                    f"structure inconnue « {person['structure']} »",
                )
            for link in person.get("programmes", []):
                self.check(
                    where,
                    link["slug"] in self.programme_slugs,
                    f"dispositif inconnu « {link['slug']} »",
                )
        return not self.problems

    # -- writing ----------------------------------------------------------------------
    # Through programmes.writes, the one write path: one history record per entry written
    # (fields or links), with CHANGE_REASON, at the end of the load.

    def _upsert(self, where, model, lookup, values, counter):
        """The entry, and whether its links are to be written (created, or ``update``)."""
        try:
            obj, outcome = writes.upsert(
                model, lookup, values, CHANGE_REASON, update=self.update, batch=self.batch
            )
        except ValidationError as error:
            raise ContentError([f"{where} : {'; '.join(error.messages)}"]) from error
        self._count(outcome, counter)
        if outcome != writes.CREATED and self.update:
            self.batch.hold(obj)  # its links may change: recorded with them, once
        return obj, outcome == writes.CREATED or self.update

    def _count(self, outcome, counter):
        if outcome == writes.CREATED:
            self.report.created[counter] += 1
        elif outcome == writes.UPDATED:
            self.report.updated[counter] += 1
        else:
            self.report.unchanged += 1

    def _links_written(self, obj, changed):
        if changed:
            self.batch.written(obj, CHANGE_REASON)

    def _entry_values(self, entry):
        return {
            "name": entry["name"],
            "aliases": ", ".join(entry.get("aliases", [])),
            "description": entry.get("description", ""),
            "website": entry.get("website", ""),
            "curator_notes": entry.get("notes", ""),
            "publication_status": entry.get("publication", PublicationStatus.PUBLISHED),
            "verified_on": _date(entry.get("verified_on")),
        }

    def _set_common_links(self, obj, entry):
        changed = writes.set_links(
            obj, "territories", [self.territories[k] for k in entry.get("territories", [])]
        )
        changed |= writes.set_links(
            obj, "publics", [self.vocab[Public][v] for v in entry.get("publics", [])]
        )
        changed |= writes.set_links(
            obj, "sectors", [self.vocab[Sector][v] for v in entry.get("sectors", [])]
        )
        writes.sync_citations(obj, citations(entry))
        return changed

    def _write_stored_contacts(self, written):
        """Contacts of structures that no file defines, only in the database: written with
        ``update=True`` only, adding networks and sources without removing any."""
        for where, contact in self.contacts.stored_only(written.keys()):
            if not self.update:
                self.report.unchanged += 1
                continue
            values = {
                name: contact[name]
                for name in CONTACT_FIELDS
                if contact.get(name) not in (None, "")
            }
            if "commune" in values:
                values["commune"] = self.territories[values["commune"]]
            if "phone" in values:
                values["phone"] = to_python(values["phone"])
            obj, _ = self._upsert(
                where, Structure, {"slug": contact["structure"]}, values, "structures"
            )
            networks = Structure.objects.filter(slug__in=contact.get("networks", []))
            self._links_written(obj, writes.add_links(obj, "networks", networks))
            writes.sync_citations(obj, citations(contact), remove=False)

    def write(self):
        with writes.history_batch() as self.batch:
            self._write()

    def _write(self):
        for where, doc in self.data["documents"]:
            published = _date(doc.get("published_on"))
            self._upsert(
                where,
                SourceDocument,
                {"file_name": doc["file_name"]},
                {
                    "title": doc["title"],
                    "publisher": doc.get("publisher", ""),
                    "published_on": published,
                    "year": published.year if published else doc.get("year"),
                    "url": doc.get("url", ""),
                    "consulted_on": _date(doc.get("consulted_on")),
                },
                "documents",
            )
        structures, programmes = {}, {}
        for where, entry in self.data["structures"]:
            entry = self.contacts.merged(entry)
            general = entry.get("general_accompaniment", {})
            if general:  # its sources are the structure's too
                entry = entry | {"sources": union(entry.get("sources", []), general["sources"])}
            general_stages = set(general.get("stages", []))
            values = (
                self._entry_values(entry)
                | {
                    "kind": self.vocab[StructureKind][entry["kind"]],
                    "legal_form": entry.get("legal_form", ""),
                    "founded_year": entry.get("founded_year"),
                    "address": entry.get("address", ""),
                    "postcode": entry.get("postcode", ""),
                    "commune": self.territories.get(entry.get("commune")),
                    "latitude": entry.get("latitude"),
                    "longitude": entry.get("longitude"),
                    "email": entry.get("email", ""),
                    "phone": entry.get("phone", ""),
                }
                | {name: stage in general_stages for stage, name in GENERAL_STAGE_FIELDS.items()}
            )
            obj, writable = self._upsert(
                where, Structure, {"slug": entry["slug"]}, values, "structures"
            )
            if writable:
                structures[entry["slug"]] = (obj, entry)
        for obj, entry in structures.values():
            changed = self._set_common_links(obj, entry)
            for name in ("partners", "networks"):
                slugs = entry.get(name, [])
                changed |= writes.set_links(obj, name, Structure.objects.filter(slug__in=slugs))
            self._links_written(obj, changed)
        self._write_stored_contacts(structures)
        for where, entry in self.data["programmes"]:
            stages = set(entry.get("stages", []))
            values = (
                self._entry_values(entry)
                | {
                    "kind": self.vocab[ProgrammeKind].get(entry.get("kind")),
                    "duration": entry.get("duration", ""),
                    "is_free": entry.get("is_free"),
                    "cost_details": entry.get("cost_details", ""),
                    "eligibility": entry.get("eligibility", ""),
                    "how_to_apply": entry.get("how_to_apply", ""),
                    "key_figures": entry.get("key_figures", ""),
                    "status": entry.get("status", ProgrammeStatus.ACTIVE),
                    "start_year": entry.get("start_year"),
                    "end_year": entry.get("end_year"),
                }
                | {fname: stage in stages for stage, fname in STAGE_FIELDS.items()}
            )
            obj, writable = self._upsert(
                where, Programme, {"slug": entry["slug"]}, values, "programmes"
            )
            if writable:
                programmes[entry["slug"]] = (obj, entry)
        named = {link["slug"] for _, e in programmes.values() for link in e.get("structures", [])}
        slugs = Structure.objects.in_bulk(named, field_name="slug")
        for obj, entry in programmes.values():
            changed = self._set_common_links(obj, entry)
            formats = [self.vocab[Format][v] for v in entry.get("formats", [])]
            changed |= writes.set_links(obj, "formats", formats)
            next_steps = Programme.objects.filter(slug__in=entry.get("next_steps", []))
            changed |= writes.set_links(obj, "next_steps", next_steps)
            self._links_written(obj, changed)
            links = [
                (slugs[link["slug"]], link.get("role", StructureRole.OPERATOR))
                for link in entry.get("structures", [])
            ]
            writes.set_all_role_structures(obj, links, CHANGE_REASON)
        named = {link["slug"] for _, e in self.data["people"] for link in e.get("programmes", [])}
        programmes_by_slug = Programme.objects.in_bulk(named, field_name="slug")
        for where, entry in self.data["people"]:
            structure = Structure.objects.filter(slug=entry.get("structure")).first()
            person, writable = self._upsert(
                where,
                Person,
                {"name": entry["name"], "structure": structure},
                {"role": entry.get("role", ""), "is_public": bool(entry.get("public", False))},
                "people",
            )
            if writable:
                relations = {
                    programmes_by_slug[link["slug"]]: link.get("relation", PersonRelation.CONTACT)
                    for link in entry.get("programmes", [])
                }
                writes.set_person_programmes(person, relations)


def load_content(paths, update=False):
    """Validate then load the given JSON files; returns a :class:`LoadReport`."""
    data, named, problems = _read(paths)
    loader = _Loader(data, update, named)
    loader.problems.extend(problems)
    if not loader.validate():
        raise ContentError(loader.problems)
    with transaction.atomic():
        # Search documents of what changed are rebuilt after commit (search.indexing).
        loader.write()
    return loader.report


def citations(entry):
    """The entry's sources as ``writes.sync_citations`` takes them: a structure's with the
    contact facts each gives."""
    return [
        (
            s["document"],
            s.get("section", ""),
            {f"gives_{fact}": True for fact in s.get("gives", [])},
        )
        for s in entry.get("sources", [])
    ]
