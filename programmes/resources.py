"""Bulk import and export of structures, programmes and people (CSV, XLSX), with
django-import-export: in the admin (« Importer » / « Exporter » on each list) and through
``manage.py import_directory``.

Contract (the same as the JSON content loader, ``content/loader.py``)
----------------------------------------------------------------------------------
* **All or nothing.** Every line is validated (unknown vocabulary value, territory code or
  slug, malformed URL or e-mail, missing name or slug, a slug twice in the file, an ended
  programme without end year…: the model's ``full_clean`` runs on every line). If any line
  is invalid, or the file has an unknown column, nothing is written — on PostgreSQL and
  SQLite alike, the whole import runs in one transaction that is rolled back — and every
  problem is reported with its line (line 1 being the header, as a spreadsheet shows it)
  and its reason.
* **Dry run.** The same import, rolled back at the end: it tells what would be created,
  updated or left unchanged, or every problem. The admin always shows it first and offers
  to confirm only when every line is valid.
* **Idempotent.** Lines are matched by ``slug`` (structures, programmes) and by ``name`` +
  ``structure`` (people). A line identical to its entry is left untouched (« inchangée »):
  nothing saved, no history record. Importing the same file twice changes nothing.
* **Never deletes.** Entries absent from the file are left as they are. For an entry it
  names, the file is the truth: each column present sets that field — an empty cell empties
  it, a list column replaces the links it lists (the programmes' operators column replaces
  only the operators, not the partners). A column absent from the file is left untouched.
* **Search.** After an import that wrote something, the search documents of the entries it
  touched (and, for structures, of the programmes they take part in) are rebuilt.
* **Order.** People name their structure, programmes their structures: import structures
  first, then programmes, then people. Within a file, ``partners``, ``networks`` and
  ``next_steps`` may name entries created further down the same file.

Files
-----
CSV (UTF-8, with or without BOM; « ; » or « , » separated, detected from the header line;
exported with « ; » and a BOM for spreadsheets) or XLSX (first sheet). Lists are separated by
``|``. Yes/no cells: ``oui``/``non`` (also 1/0, vrai/faux, x). Dates ``AAAA-MM-JJ`` (also
``JJ/MM/AAAA``). Territories are given by their public key (``Territory.key``): INSEE code
of a commune (``53147``; a former commune code leads to the current commune), SIREN of an
EPCI (``245300330``), ``dep-53``, ``reg-52``, ``pnr-…``, ``pays-…``, ``grp-…``, ``FR``.
Vocabularies by their ``value`` (as in URLs: ``cae``, ``jeunes``…), entries by their slug.

Columns (stable names: they are a public contract, like the JSON API; added, never renamed)
------------------------------------------------------------------------------------------
Structures (« structures »), identified by ``slug``::

    slug*, name*, aliases, kind* (type de structure), legal_form, founded_year, description,
    address, postcode, commune (INSEE), latitude, longitude, website, email, phone,
    territories (clés|…), publics (valeurs|…), sectors (valeurs|…), partners (slugs|…,
    reciprocal: a file listing both structures must list each in the other's line),
    networks (slugs|…), publication_status (brouillon, publie, archive; empty: brouillon),
    verified_on, curator_notes

Programmes (« dispositifs »), identified by ``slug``::

    slug*, name*, aliases, kind (type d’accompagnement), description, website,
    stages (idee|creation|developpement; or, on import only, three yes/no columns
    stage_idee, stage_creation, stage_developpement), formats (valeurs|…), duration,
    is_free (oui, non, empty: unknown), cost_details, eligibility, how_to_apply, key_figures,
    status (actif, experimental, termine; empty: actif), start_year, end_year, publics,
    sectors, territories, operators, partners, financers (structure slugs|…: the structures
    with that role), next_steps (programme slugs|…), publication_status, verified_on,
    curator_notes

People (« personnes »), identified by ``name`` + ``structure``::

    name*, structure (slug; empty: no structure), role (fonction), is_public, email, phone,
    contact_is_public, programmes (programme slugs|…; ``slug:temoignage`` for a testimony,
    a bare slug being a contact)

(* required.) Not covered: the cited sources (documents and sections) and the search
documents, which are derived; exports contain the people's contact details: they are for
curators only.
"""

import datetime
from pathlib import Path
from typing import NamedTuple

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_save
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.instance_loaders import CachedInstanceLoader, ModelInstanceLoader
from import_export.results import Error, Result, RowResult
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_field_name

from curation import roles
from programmes.models import (
    STAGE_FIELDS,
    Format,
    Person,
    PersonProgramme,
    PersonRelation,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    ProgrammeStructure,
    Public,
    PublicationStatus,
    Sector,
    Stage,
    Structure,
    StructureKind,
    StructureRole,
)
from search import documents as search_index
from territories.models import Territory, TerritoryKind, normalize_key

SEPARATOR = "|"


def text(value):
    """A cell as stripped text. Spreadsheets give numbers (``53147.0``) as numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def quoted(values):
    return ", ".join(f"« {v} »" for v in values)


def chunks(items, size=500):
    """``items`` in lists short enough for one SQL ``IN`` (SQLite limits its parameters)."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------
# Widgets: a cell ↔ a value. Each raises ValueError with a French message naming the bad
# value; import-export reports it against the column.


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return text(value)


class PostcodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        code = text(value)
        # A spreadsheet turns 01000 into the number 1000.
        if isinstance(value, int | float) and code.isdigit():
            code = code.zfill(5)
        return code


class PhoneWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        # International format: unambiguous for the overseas départements too.
        return value.as_international if value else ""


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        year = text(value)
        if not year:
            return None
        if not year.isdigit():
            raise ValueError(f"année invalide « {year} »")
        return int(year)


class CoordinateWidget(widgets.FloatWidget):
    def clean(self, value, row=None, **kwargs):
        number = text(value).replace(",", ".")
        if not number:
            return None
        try:
            return float(number)
        except ValueError:
            raise ValueError(f"nombre invalide « {text(value)} »") from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # Every digit, with a dot whatever the locale: exports round-trip exactly.
        return value if kwargs.get("force_native_type") else repr(value)


class DateWidget(widgets.DateWidget):
    INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):  # an XLSX date cell
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = text(value)
        if not day:
            return None
        for date_format in self.INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(day, date_format).date()
            except ValueError:
                pass
        raise ValueError(f"date invalide « {day} » (attendu AAAA-MM-JJ)")


class YesNoWidget(widgets.BooleanWidget):
    YES = {"oui", "o", "vrai", "x", "1", "true", "yes"}
    NO = {"non", "n", "faux", "0", "false", "no"}

    def __init__(self, nullable=False):
        super().__init__()
        self.nullable = nullable

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        answer = text(value).lower()
        if not answer:
            return None if self.nullable else False
        if answer in self.YES:
            return True
        if answer in self.NO:
            return False
        raise ValueError(f"« {text(value)} » : écrivez oui ou non")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else ("oui" if value else "non")


class StagesWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        given = [s.strip() for s in text(value).split(SEPARATOR) if s.strip()]
        unknown = [s for s in given if s not in Stage.values]
        if unknown:
            raise ValueError(
                ", ".join(f"étape inconnue « {s} »" for s in unknown)
                + " (idee, creation ou developpement)"
            )
        return [s for s in Stage.values if s in given]

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(value or [])


class LookupWidget(widgets.ForeignKeyWidget):
    """One related row given by a key (vocabulary value, structure slug…), each key looked
    up once per import."""

    def __init__(self, model, field, unknown, missing=None):
        super().__init__(model, field=field)
        self.unknown = unknown
        self.missing = missing
        self.cache = {}

    def reset(self):
        self.cache = {}

    def key(self, value):
        return text(value)

    def find(self, key):
        return self.model.objects.filter(**{self.field: key}).first()

    def candidates(self):
        return self.model.objects.all()

    def preload(self, values):
        """Look up every key of a column at once (what is not found is looked up, and
        reported, line by line)."""
        keys = {self.key(value) for value in values} - {""} - set(self.cache)
        for chunk in chunks(keys):
            for obj in self.candidates().filter(**{f"{self.field}__in": chunk}):
                self.cache[getattr(obj, self.field)] = obj

    def clean(self, value, row=None, **kwargs):
        key = self.key(value)
        if not key:
            if self.missing:
                raise ValueError(self.missing)
            return None
        if key not in self.cache:
            self.cache[key] = self.find(key)
        if self.cache[key] is None:
            raise ValueError(f"{self.unknown} « {key} »")
        return self.cache[key]


def territory_key(value):
    """A territory key as typed: normalised ("DEP-53" → "dep-53"), a commune code turned
    into a number by a spreadsheet given back its leading zero."""
    key = text(value)
    if isinstance(value, int | float) and key.isdigit() and len(key) < 5:
        key = key.zfill(5)
    return normalize_key(key) or key


class CommuneWidget(LookupWidget):
    def __init__(self):
        super().__init__(Territory, "key", "commune inconnue")

    def key(self, value):
        return territory_key(value)

    def find(self, key):
        territory = Territory.objects.by_key(key)  # former codes lead to the current commune
        return territory if territory and territory.kind == TerritoryKind.COMMUNE else None

    def candidates(self):
        return Territory.objects.filter(kind=TerritoryKind.COMMUNE)


class KeysWidget(widgets.ManyToManyWidget):
    """Related rows given by their keys separated by « | »; every unknown key is reported."""

    def __init__(self, model, field, unknown):
        super().__init__(model, separator=SEPARATOR, field=field)
        self.unknown = unknown
        self.cache = {}

    def reset(self):
        self.cache = {}

    def keys(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            parts = [value]
        else:
            parts = text(value).split(SEPARATOR)
        return list(dict.fromkeys(k for k in (self.key(p) for p in parts) if k))

    def key(self, part):
        return text(part)

    def fallback(self, key):
        return None

    def lookup(self, keys):
        missing = [k for k in keys if k not in self.cache]
        found = {}
        for chunk in chunks(missing):
            for obj in self.model.objects.filter(**{f"{self.field}__in": chunk}):
                found[getattr(obj, self.field)] = obj
        for key in missing:
            self.cache[key] = found.get(key) or self.fallback(key)
        return {key: self.cache[key] for key in keys}

    def preload(self, values):
        """Look up every key of a column at once."""
        self.lookup(list({key for value in values for key in self.keys(value)}))

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        found = self.lookup(keys)
        unknown = [key for key in keys if found[key] is None]
        if unknown:
            raise ValueError(", ".join(f"{self.unknown} « {key} »" for key in unknown))
        return list(dict.fromkeys(found[key] for key in keys))

    def key_of(self, obj):
        return getattr(obj, self.field)

    def render_list(self, objects):
        return SEPARATOR.join(self.key_of(obj) for obj in objects)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_list(value.all())


class TerritoriesWidget(KeysWidget):
    def __init__(self):
        super().__init__(Territory, "key", "territoire inconnu")

    def key(self, part):
        return territory_key(part)

    def fallback(self, key):
        return Territory.objects.by_key(key)


class Pending(NamedTuple):
    """An entry named by a link column that a later line of the same file creates."""

    slug: str


class SameFileKeysWidget(KeysWidget):
    """Entries of the imported model, by slug: those the file creates are accepted too."""

    def __init__(self, model, unknown):
        super().__init__(model, "slug", unknown)
        self.in_file = set()

    def fallback(self, key):
        return Pending(key) if key in self.in_file else None


class Link(NamedTuple):
    programme: Programme
    relation: str


class PersonProgrammesWidget(KeysWidget):
    """``slug`` (contact) or ``slug:temoignage``, separated by « | »."""

    def __init__(self):
        super().__init__(Programme, "slug", "dispositif inconnu")

    def clean(self, value, row=None, **kwargs):
        wanted, problems = {}, []
        for part in self.keys(value):
            slug, _, relation = part.partition(":")
            relation = relation.strip() or PersonRelation.CONTACT
            if relation not in PersonRelation.values:
                problems.append(f"lien inconnu « {relation} » (contact ou temoignage)")
            elif slug.strip() in wanted:
                problems.append(f"dispositif « {slug.strip()} » cité deux fois")
            else:
                wanted[slug.strip()] = relation
        try:
            programmes = super().clean(SEPARATOR.join(wanted))
        except ValueError as error:
            problems.append(str(error))
        if problems:
            raise ValueError(", ".join(problems))
        return [Link(p, wanted[p.slug]) for p in programmes]

    def preload(self, values):
        self.lookup(
            list({part.partition(":")[0].strip() for v in values for part in self.keys(v)} - {""})
        )

    def key_of(self, link):
        slug = link.programme.slug
        return slug if link.relation == PersonRelation.CONTACT else f"{slug}:{link.relation}"


# ---------------------------------------------------------------------------
# Fields: a column ↔ an attribute.


def column(name, widget, **kwargs):
    return Field(attribute=name, column_name=name, widget=widget, **kwargs)


class RelationField(Field):
    """A column listing related entries (a :class:`KeysWidget`). Validated with the rest of
    its line, compared by key to tell whether the line changes anything, written once the
    entry is saved — or, when ``deferred``, once every line is (it may name entries created
    further down the file)."""

    def __init__(self, name, widget, deferred=False):
        super().__init__(attribute=name, column_name=name, widget=widget)
        self.deferred = deferred

    def related(self, instance):
        return list(getattr(instance, self.attribute).all()) if instance.pk else []

    def keys(self, objects):
        return {self.widget.key_of(obj) for obj in objects}

    def write(self, instance, objects):
        manager = getattr(instance, self.attribute)
        if not getattr(instance, "_import_new", False):
            manager.set(objects)
        elif objects:  # a new entry has no links to remove
            manager.add(*objects)

    def get_value(self, instance):
        return self.related(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):
        self.write(instance, self.clean(row, **kwargs))

    def export(self, instance, **kwargs):
        pending = getattr(instance, "_import_links", {}).get(self.column_name)
        return self.widget.render_list(self.related(instance) if pending is None else pending)


class RoleField(RelationField):
    """The structures of a programme with one role (through ``ProgrammeStructure``)."""

    def __init__(self, name, role):
        super().__init__(name, KeysWidget(Structure, "slug", "structure inconnue"))
        self.role = role

    def links(self, instance):
        return [link for link in instance.structure_links.all() if link.role == self.role]

    def related(self, instance):
        return [link.structure for link in self.links(instance)] if instance.pk else []

    def write(self, instance, objects):
        # A new entry has no links yet.
        links = [] if getattr(instance, "_import_new", False) else self.links(instance)
        wanted = {obj.pk for obj in objects}
        for link in links:
            if link.structure_id not in wanted:
                link.delete()
        present = {link.structure_id for link in links}
        for obj in objects:
            if obj.pk not in present:
                ProgrammeStructure.objects.create(programme=instance, structure=obj, role=self.role)
        getattr(instance, "_prefetched_objects_cache", {}).pop("structure_links", None)


class PersonProgrammesField(RelationField):
    def __init__(self):
        super().__init__("programmes", PersonProgrammesWidget())

    def related(self, instance):
        if not instance.pk:
            return []
        return [Link(link.programme, link.relation) for link in instance.programme_links.all()]

    def write(self, instance, objects):
        wanted = {link.programme.pk: link.relation for link in objects}
        new = getattr(instance, "_import_new", False)
        existing = [] if new else list(instance.programme_links.all())
        for link in existing:
            if link.programme_id not in wanted:
                link.delete()
            elif link.relation != wanted[link.programme_id]:
                link.relation = wanted[link.programme_id]
                link.save()
        present = {link.programme_id for link in existing}
        for pk, relation in wanted.items():
            if pk not in present:
                PersonProgramme.objects.create(person=instance, programme_id=pk, relation=relation)
        getattr(instance, "_prefetched_objects_cache", {}).pop("programme_links", None)


class StagesField(Field):
    def __init__(self):
        super().__init__(attribute="stages", column_name="stages", widget=StagesWidget())

    def get_value(self, instance):
        return [str(stage) for stage in instance.stages]

    def save(self, instance, row, is_m2m=False, **kwargs):
        stages = self.clean(row, **kwargs)
        for stage, name in STAGE_FIELDS.items():
            setattr(instance, name, stage in stages)


class StageFlagField(Field):
    """``stage_idee``…: accepted on import instead of ``stages`` (which wins when both are
    given), never exported."""

    def __init__(self, name):
        super().__init__(attribute=name, column_name=name, widget=YesNoWidget())

    def save(self, instance, row, is_m2m=False, **kwargs):
        if "stages" not in row:
            super().save(instance, row, is_m2m, **kwargs)


# ---------------------------------------------------------------------------
# Results


class LineResult(Result):
    """Rows numbered by their line in the file, the header being line 1."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]

    @property
    def accepted(self):
        return not (self.has_errors() or self.has_validation_errors())


def problems_of(result):
    """Every problem of an import, in French, line by line."""
    problems = [(0, f"fichier : {error.error}") for error in result.base_errors]
    for row in result.invalid_rows:
        for name, texts in row.error_dict.items():
            where = f"ligne {row.number}" + ("" if name == NON_FIELD_ERRORS else f", {name}")
            problems.extend((row.number, f"{where} : {t}") for t in texts)
    for line, errors in result.row_errors():
        problems.extend((line, f"ligne {line} : {error.error}") for error in errors)
    return [problem for _, problem in sorted(problems, key=lambda p: p[0])]


class NoDiff:
    """Used when nobody looks at a preview (the command): saves an export of every line."""

    def __init__(self, *args):
        pass

    def compare_with(self, *args):
        pass

    def as_html(self):
        return []


# ---------------------------------------------------------------------------
# Resources


def history_of(model):
    """The django-simple-history ``HistoricalRecords`` of ``model``, or None. The library keeps
    no public handle on it: it is the owner of the model's post_save receiver. Imports use it
    to write one history record per line, with the line's links, rather than one per save
    and per list of links; without it, the library's signals record as usual."""
    try:
        receivers = post_save._live_receivers(model)[0]
    except Exception:  # a Django whose signal internals changed
        return None
    for receiver in receivers:
        owner = getattr(receiver, "__self__", None)
        if isinstance(owner, HistoricalRecords) and owner.cls is model:
            return owner
    return None


class DirectoryResource(resources.ModelResource):
    """What the three resources share; see the module docstring for the contract."""

    id_columns = ("slug",)
    import_only = ()
    display_name = ""

    def __init__(self, preview=True, **kwargs):
        super().__init__(**kwargs)
        self.preview = preview
        self.relations = [f for f in self.fields.values() if isinstance(f, RelationField)]
        self.row_relations = {}
        self.deferred = []
        self.first_lines = {}
        self.duplicates = {}
        self.history = history_of(self._meta.model)
        self.to_record = []

    @classmethod
    def get_display_name(cls):
        return cls.display_name

    @classmethod
    def get_result_class(cls):
        return LineResult

    def get_diff_class(self):
        return super().get_diff_class() if self.preview else NoDiff

    def get_export_order(self):
        return tuple(name for name in super().get_export_order() if name not in self.import_only)

    # -- querysets ---------------------------------------------------------------

    def with_related(self, queryset):
        return queryset

    def get_queryset(self):
        return self.with_related(self._meta.model.objects.all())

    def filter_export(self, queryset, **kwargs):
        return self.with_related(queryset.prefetch_related(None))

    # -- checks ------------------------------------------------------------------

    def header_problems(self, headers):
        known = {field.column_name for field in self.get_import_fields()}
        problems = []
        missing = [c for c in self.id_columns if c not in headers]
        if missing:
            problems.append(f"colonne obligatoire absente : {quoted(missing)}")
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            problems.append(
                f"colonne inconnue : {quoted(unknown)} (colonnes possibles : "
                f"{', '.join(sorted(known))})"
            )
        return problems

    def row_key(self, row):
        return text(row.get("slug"))

    def check_row(self, instance, row, line):
        """(column, problem) pairs beyond what fields and ``full_clean`` say."""
        problems = []
        key = self.row_key(row)
        if not text(row.get("slug")):
            problems.append(("slug", "slug manquant : chaque ligne est identifiée par son slug"))
        elif line in self.duplicates:
            problems.append(
                ("slug", f"slug « {key} » en double : déjà ligne {self.duplicates[line]}")
            )
        if not text(row.get("name")) and "name" in row:
            problems.append(("name", "nom manquant"))
        return problems

    def prepare(self, rows):
        """Hook: what the checks need to know about the whole file."""

    # -- import --------------------------------------------------------------------

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """All or nothing, whatever the caller asks: in a transaction, rolled back when any
        line is invalid; then the search documents of what was written are rebuilt."""
        dataset.headers = [text(h) for h in dataset.headers or []]
        problems = self.header_problems(dataset.headers)
        if problems:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            for problem in problems:
                result.append_base_error(Error(ValueError(problem)))
            return result
        with transaction.atomic(using=self.get_db_connection_name()):
            result = super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=True,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )
            if result.accepted and not dry_run:
                touched = [
                    row.object_id
                    for row in result.rows
                    if row.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
                ]
                if touched:
                    self.refresh_search(touched)
        return result

    def refresh_search(self, ids):
        pass

    def before_import(self, dataset, **kwargs):
        for field in self.fields.values():
            if hasattr(field.widget, "reset"):
                field.widget.reset()
        self.deferred = []
        rows = dataset.dict
        self.first_lines, self.duplicates = {}, {}
        for number, row in enumerate(rows, start=1):
            key = self.row_key(row)
            if not key:
                continue
            if key in self.first_lines:
                self.duplicates[number + 1] = self.first_lines[key]
            else:
                self.first_lines[key] = number + 1
        slugs = {text(row.get("slug")) for row in rows} - {""}
        for field in self.relations:
            if isinstance(field.widget, SameFileKeysWidget):
                field.widget.in_file = slugs
        for field in self.fields.values():
            if hasattr(field.widget, "preload") and field.column_name in dataset.headers:
                field.widget.preload(dataset[field.column_name])
        self.to_record = []
        self.prepare(rows)

    def import_row(self, row, instance_loader, **kwargs):
        if not any(text(value) for value in row.values()):  # a blank line
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.row_relations = {}
        for field in self.relations:
            if field.column_name in row:
                try:
                    self.row_relations[field.column_name] = field.clean(row)
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
        for name, problem in self.check_row(instance, row, kwargs["row_number"] + 1):
            errors.setdefault(name, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_new = new

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing entry whose every column in the file says what it holds."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field, RelationField):
                # Links are only written later: the instance still holds them, prefetched
                # (a deep copy such as ``original`` loses prefetched rows).
                wanted = field.keys(self.row_relations[field.column_name])
                if wanted != field.keys(field.related(instance)):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def before_save_instance(self, instance, row, **kwargs):
        reason = "import en masse"
        if kwargs.get("file_name"):
            reason += f" ({kwargs['file_name']})"
        instance._change_reason = reason[:100]
        if self.history:  # one history record per line, once all of it is written
            instance.skip_history_when_saving = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean``, sparing it what the widgets already checked: the related rows they
        found (a query per foreign key and line), and slugs (a line's slug is what found its
        entry, and a slug twice in the file is reported)."""
        errors = dict(import_validation_errors or {})
        found = {
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, LookupWidget)
            and getattr(instance, field.attribute, None) is not None
        }
        try:
            instance.full_clean(exclude=set(errors) | found, validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        instance._import_links = {}
        for field in self.relations:
            if field.column_name not in row:
                continue
            objects = self.row_relations[field.column_name]
            if field.deferred:
                self.deferred.append((instance, field, objects))
                instance._import_links[field.column_name] = objects
            else:
                field.write(instance, objects)
        if self.history:
            self.to_record.append(instance)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not result.accepted:
            return  # rolled back
        pending = {o.slug for _, _, objs in self.deferred for o in objs if isinstance(o, Pending)}
        created = {}
        for chunk in chunks(pending):
            created.update((o.slug, o) for o in self._meta.model.objects.filter(slug__in=chunk))
        for instance, field, objects in self.deferred:
            field.write(
                instance, [created[o.slug] if isinstance(o, Pending) else o for o in objects]
            )
        for instance in self.to_record:
            del instance.skip_history_when_saving
        self.record_history(self.to_record)

    def record_history(self, instances):
        """One history record per imported line, holding its links, as django-simple-history
        writes on a save — but in a few queries for the whole file, where the library's own
        snapshot of the links takes a dozen per record (half of an import's time)."""
        if not instances or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        model = self._meta.model
        features = connections[self.get_db_connection_name()].features
        if not features.can_return_rows_from_bulk_insert:
            for instance in instances:
                kind = "+" if instance._import_new else "~"
                self.history.create_historical_record(instance, kind)
            return
        now = timezone.now()
        records = {}
        for update in (False, True):
            group = [instance for instance in instances if instance._import_new != update]
            created = model.history.bulk_history_create(
                group, update=update, default_date=now, batch_size=500
            )
            records.update((getattr(r, model._meta.pk.attname), r) for r in created or [])
        for field in model.history.model._history_m2m_fields:
            m2m_history = self.history.m2m_models[field]
            through = field.remote_field.through
            owner = f"{get_m2m_field_name(field)}_id"
            names = [f.attname for f in through._meta.fields]
            rows = [
                m2m_history(history=records[link[owner]], **link)
                for chunk in chunks(records)
                for link in through.objects.filter(**{f"{owner}__in": chunk}).values(*names)
            ]
            m2m_history.objects.bulk_create(rows, batch_size=500)

    def _check_import_id_fields(self, headers):
        """Done, in French, by ``header_problems``."""


class StructureResource(DirectoryResource):
    slug = column("slug", TextWidget())
    name = column("name", TextWidget())
    aliases = column("aliases", TextWidget())
    kind = column(
        "kind",
        LookupWidget(
            StructureKind, "value", "type de structure inconnu", "type de structure manquant"
        ),
    )
    legal_form = column("legal_form", TextWidget())
    founded_year = column("founded_year", YearWidget())
    description = column("description", TextWidget())
    address = column("address", TextWidget())
    postcode = column("postcode", PostcodeWidget())
    commune = column("commune", CommuneWidget())
    latitude = column("latitude", CoordinateWidget())
    longitude = column("longitude", CoordinateWidget())
    website = column("website", TextWidget())
    email = column("email", TextWidget())
    phone = column("phone", PhoneWidget())
    territories = RelationField("territories", TerritoriesWidget())
    publics = RelationField("publics", KeysWidget(Public, "value", "public inconnu"))
    sectors = RelationField("sectors", KeysWidget(Sector, "value", "secteur inconnu"))
    partners = RelationField(
        "partners", SameFileKeysWidget(Structure, "structure inconnue"), deferred=True
    )
    networks = RelationField(
        "networks", SameFileKeysWidget(Structure, "structure inconnue"), deferred=True
    )
    publication_status = column("publication_status", TextWidget(), default=PublicationStatus.DRAFT)
    verified_on = column("verified_on", DateWidget())
    curator_notes = column("curator_notes", TextWidget())

    display_name = "Structures"

    class Meta:
        model = Structure
        fields = (
            "slug",
            "name",
            "aliases",
            "kind",
            "legal_form",
            "founded_year",
            "description",
            "address",
            "postcode",
            "commune",
            "latitude",
            "longitude",
            "website",
            "email",
            "phone",
            "territories",
            "publics",
            "sectors",
            "partners",
            "networks",
            "publication_status",
            "verified_on",
            "curator_notes",
        )
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def with_related(self, queryset):
        return queryset.select_related("kind", "commune").prefetch_related(
            "territories", "publics", "sectors", "partners", "networks"
        )

    def prepare(self, rows):
        widget = self.fields["partners"].widget
        self.file_partners = {}
        for row in rows:
            if "partners" in row and text(row.get("slug")):
                self.file_partners[text(row["slug"])] = set(widget.keys(row["partners"]))

    def check_row(self, instance, row, line):
        problems = super().check_row(instance, row, line)
        slug = text(row.get("slug"))
        for name in ("partners", "networks"):
            if slug and name in row and slug in self.fields[name].widget.keys(row[name]):
                problems.append((name, f"la structure « {slug} » se cite elle-même"))
        if slug and "partners" in row:
            for other in sorted(self.file_partners.get(slug, ())):
                if other != slug and slug not in self.file_partners.get(other, {slug}):
                    problems.append(
                        (
                            "partners",
                            f"« {other} » ne cite pas « {slug} » parmi ses partenaires, ligne "
                            f"{self.first_lines[other]} (un partenariat est réciproque)",
                        )
                    )
        return problems

    def refresh_search(self, ids):
        # Their programmes' documents hold their names.
        search_index.refresh(
            structures=Structure.objects.filter(pk__in=ids),
            programmes=Programme.objects.filter(structure_links__structure__in=ids).distinct(),
        )


class ProgrammeResource(DirectoryResource):
    slug = column("slug", TextWidget())
    name = column("name", TextWidget())
    aliases = column("aliases", TextWidget())
    kind = column("kind", LookupWidget(ProgrammeKind, "value", "type d’accompagnement inconnu"))
    description = column("description", TextWidget())
    website = column("website", TextWidget())
    stages = StagesField()
    stage_idee = StageFlagField("stage_idee")
    stage_creation = StageFlagField("stage_creation")
    stage_developpement = StageFlagField("stage_developpement")
    formats = RelationField("formats", KeysWidget(Format, "value", "format inconnu"))
    duration = column("duration", TextWidget())
    is_free = column("is_free", YesNoWidget(nullable=True))
    cost_details = column("cost_details", TextWidget())
    eligibility = column("eligibility", TextWidget())
    how_to_apply = column("how_to_apply", TextWidget())
    key_figures = column("key_figures", TextWidget())
    status = column("status", TextWidget(), default=ProgrammeStatus.ACTIVE)
    start_year = column("start_year", YearWidget())
    end_year = column("end_year", YearWidget())
    publics = RelationField("publics", KeysWidget(Public, "value", "public inconnu"))
    sectors = RelationField("sectors", KeysWidget(Sector, "value", "secteur inconnu"))
    territories = RelationField("territories", TerritoriesWidget())
    operators = RoleField("operators", StructureRole.OPERATOR)
    partners = RoleField("partners", StructureRole.PARTNER)
    financers = RoleField("financers", StructureRole.FUNDER)
    next_steps = RelationField(
        "next_steps", SameFileKeysWidget(Programme, "dispositif inconnu"), deferred=True
    )
    publication_status = column("publication_status", TextWidget(), default=PublicationStatus.DRAFT)
    verified_on = column("verified_on", DateWidget())
    curator_notes = column("curator_notes", TextWidget())

    display_name = "Dispositifs"
    import_only = ("stage_idee", "stage_creation", "stage_developpement")

    class Meta:
        model = Programme
        fields = (
            "slug",
            "name",
            "aliases",
            "kind",
            "description",
            "website",
            "stages",
            "stage_idee",
            "stage_creation",
            "stage_developpement",
            "formats",
            "duration",
            "is_free",
            "cost_details",
            "eligibility",
            "how_to_apply",
            "key_figures",
            "status",
            "start_year",
            "end_year",
            "publics",
            "sectors",
            "territories",
            "operators",
            "partners",
            "financers",
            "next_steps",
            "publication_status",
            "verified_on",
            "curator_notes",
        )
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def with_related(self, queryset):
        links = ProgrammeStructure.objects.select_related("structure").order_by("pk")
        return queryset.select_related("kind").prefetch_related(
            "formats",
            "publics",
            "sectors",
            "territories",
            "next_steps",
            Prefetch("structure_links", queryset=links),
        )

    def check_row(self, instance, row, line):
        problems = super().check_row(instance, row, line)
        slug = text(row.get("slug"))
        if (
            slug
            and "next_steps" in row
            and slug in self.fields["next_steps"].widget.keys(row["next_steps"])
        ):
            problems.append(("next_steps", f"le dispositif « {slug} » se cite lui-même"))
        return problems

    def refresh_search(self, ids):
        search_index.refresh(
            programmes=Programme.objects.filter(pk__in=ids), structures=Structure.objects.none()
        )


class PersonLoader(ModelInstanceLoader):
    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:  # an unknown structure: reported against its column
            return None
        except Person.MultipleObjectsReturned:
            raise ValueError(
                "plusieurs personnes portent ce nom dans cette structure : distinguez-les "
                "d’abord dans l’administration"
            ) from None


class PersonResource(DirectoryResource):
    name = column("name", TextWidget())
    structure = column("structure", LookupWidget(Structure, "slug", "structure inconnue"))
    role = column("role", TextWidget())
    is_public = column("is_public", YesNoWidget())
    email = column("email", TextWidget())
    phone = column("phone", PhoneWidget())
    contact_is_public = column("contact_is_public", YesNoWidget())
    programmes = PersonProgrammesField()

    display_name = "Personnes"
    id_columns = ("name",)

    class Meta:
        model = Person
        fields = (
            "name",
            "structure",
            "role",
            "is_public",
            "email",
            "phone",
            "contact_is_public",
            "programmes",
        )
        import_id_fields = ["name", "structure"]
        instance_loader_class = PersonLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        if "structure" not in row:  # a file without the column: people without structure
            row = {**row, "structure": ""}
        return instance_loader.get_instance(row)

    def with_related(self, queryset):
        links = PersonProgramme.objects.select_related("programme").order_by("pk")
        return queryset.select_related("structure").prefetch_related(
            Prefetch("programme_links", queryset=links)
        )

    def row_key(self, row):
        name = text(row.get("name"))
        return (name, text(row.get("structure"))) if name else None

    def check_row(self, instance, row, line):
        problems = []
        if not text(row.get("name")):
            problems.append(("name", "nom manquant"))
        elif line in self.duplicates:
            problems.append(
                (
                    "name",
                    f"« {text(row['name'])} » ({text(row.get('structure')) or 'sans structure'})"
                    f" en double : déjà ligne {self.duplicates[line]}",
                )
            )
        return problems


RESOURCES = {
    "structures": StructureResource,
    "programmes": ProgrammeResource,
    "people": PersonResource,
}


# ---------------------------------------------------------------------------
# Files


class CSV(base_formats.CSV):
    """« ; » or « , » separated (the header line tells), UTF-8 with or without BOM; exported
    with « ; » and a BOM, as French spreadsheets expect."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.lstrip("\ufeff")
        header = in_stream.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        return tablib.import_set(in_stream, format="csv", delimiter=delimiter)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", delimiter=";")


class XLSX(base_formats.XLSX):
    pass


FORMATS = {"csv": CSV, "xlsx": XLSX}


class FileError(Exception):
    pass


def read_file(path):
    """The dataset of a .csv or .xlsx file; raises FileError (in French) otherwise."""
    path = Path(path)
    file_format = FORMATS.get(path.suffix.lower().lstrip("."))
    if file_format is None:
        raise FileError(f"{path.name} : format inconnu (attendu .csv ou .xlsx)")
    try:
        return file_format(encoding="utf-8-sig").create_dataset(path.read_bytes())
    except UnicodeDecodeError as error:
        raise FileError(
            f"{path.name} : ce n’est pas de l’UTF-8 (enregistrez-le en « CSV UTF-8 »)"
        ) from error
    except Exception as error:  # csv, zip, openpyxl and tablib errors alike
        raise FileError(f"{path.name} : fichier illisible ({error})") from error


def import_dataset(model, dataset, dry_run=False, file_name=None, preview=False):
    """Import a dataset of ``model`` ("structures", "programmes", "people"): the import-export
    :class:`LineResult` (``.accepted``, ``.totals``…); see :func:`problems_of`."""
    resource = RESOURCES[model](preview=preview)
    return resource.import_data(dataset, dry_run=dry_run, file_name=file_name)


def export_dataset(model, queryset=None, native=False):
    """Every entry of ``model`` (or of ``queryset``) as a dataset that imports back as is;
    ``native`` keeps dates, numbers and yes/no as such (for XLSX)."""
    return RESOURCES[model]().export(queryset=queryset, force_native_type=native)


def export_file(model, file_format, queryset=None):
    """The bytes of an export as ``file_format`` ("csv" or "xlsx")."""
    data = FORMATS[file_format]().export_data(
        export_dataset(model, queryset, native=file_format == "xlsx")
    )
    return data.encode("utf-8") if isinstance(data, str) else data


def summary(result):
    """What an import did (or, in a dry run, would do), in French: « 3 créations, 1 mise à
    jour, 5 sans changement »."""
    totals = result.totals

    def count(n, singular, plural):
        return f"{n} {singular if n < 2 else plural}"

    return ", ".join(
        [
            count(totals[RowResult.IMPORT_TYPE_NEW], "création", "créations"),
            count(totals[RowResult.IMPORT_TYPE_UPDATE], "mise à jour", "mises à jour"),
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} sans changement",
        ]
    )


# ---------------------------------------------------------------------------
# Admin


class DirectoryImportExportMixin(ImportExportMixin):
    """« Importer » / « Exporter » on an entry list: CSV and XLSX; the import page shows the
    dry run (new, updated, unchanged lines) or every bad line with its reason, and offers to
    confirm only when every line is valid. Importing is for accounts that may add and change
    entries everywhere (administrators): a regional editor's scope is not checked line by
    line."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]

    def has_import_permission(self, request):
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and roles.scope_of(request.user) is None
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        if result.accepted:
            return super().process_result(result, request)
        problems = problems_of(result)
        shown = " ; ".join(problems[:20]) + (" ; …" if len(problems) > 20 else "")
        messages.error(request, f"Import refusé, rien n’a été écrit : {shown}.")
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def add_success_message(self, result, request):
        messages.success(
            request, f"Import terminé ({self.model._meta.verbose_name_plural}) : {summary(result)}."
        )
