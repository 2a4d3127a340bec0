"""Resources: a file's lines ↔ entries (structures, programmes, people), with the import's
checks, its all-or-nothing transaction and its search refresh; entries, links and history are
written through :mod:`programmes.writes`. The contract is in :mod:`bulk`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from import_export import resources
from import_export.instance_loaders import CachedInstanceLoader, ModelInstanceLoader
from import_export.results import Error, RowResult

from bulk.fields import (
    PersonProgrammesField,
    RelationField,
    RoleField,
    StageFlagField,
    StagesField,
    column,
)
from bulk.results import LineResult, NoDiff
from bulk.widgets import (
    CommuneWidget,
    CoordinateWidget,
    DateWidget,
    KeysWidget,
    LookupWidget,
    Pending,
    PhoneWidget,
    PostcodeWidget,
    SameFileKeysWidget,
    TerritoriesWidget,
    TextWidget,
    YearWidget,
    YesNoWidget,
    chunks,
    text,
)
from programmes import writes
from programmes.models import (
    GENERAL_STAGE_FIELDS,
    Format,
    Person,
    PersonProgramme,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    ProgrammeStructure,
    Public,
    PublicationStatus,
    Sector,
    Structure,
    StructureKind,
    StructureRole,
)
from search import indexing


class ChunkedInstanceLoader(CachedInstanceLoader):
    """import-export's cached loader (every entry a file names, found at once), its ``IN``
    list cut into :func:`~bulk.widgets.chunks`: in one piece it named every line of the file,
    past SQLite's limit on query parameters (and the prefetches of ``with_related`` with it)."""

    def __init__(self, resource, dataset=None):
        ModelInstanceLoader.__init__(self, resource, dataset)
        key = self.resource.get_import_id_fields()[0]
        self.pk_field = self.resource.fields[key]
        self.all_instances = {}
        rows = self.dataset.dict if self.dataset else []
        if not rows or self.pk_field.column_name not in rows[0]:
            return  # no key column: every line is new
        for chunk in chunks({self.pk_field.clean(row) for row in rows}):
            queryset = self.get_queryset().filter(**{f"{self.pk_field.attribute}__in": chunk})
            self.all_instances.update((self.pk_field.get_value(o), o) for o in queryset)


def quoted(values):
    return ", ".join(f"« {v} »" for v in values)


class DirectoryResource(resources.ModelResource):
    """What the three resources share; the contract is in :mod:`bulk`."""

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
        self.batch = writes.HistoryBatch()
        self.reason = ""

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
        self.batch = writes.HistoryBatch()
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
        self.reason = "import en masse"
        if kwargs.get("file_name"):
            self.reason += f" ({kwargs['file_name']})"

    def do_instance_save(self, instance, is_create):
        """Through the one write path, with the import's reason; one history record per
        line, once all of it is written (its links included)."""
        writes.save(instance, self.reason, batch=self.batch, force_insert=is_create)

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

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not result.accepted:
            self.batch.release()
            return  # rolled back
        pending = {o.slug for _, _, objs in self.deferred for o in objs if isinstance(o, Pending)}
        created = {}
        for chunk in chunks(pending):
            created.update((o.slug, o) for o in self._meta.model.objects.filter(slug__in=chunk))
        for instance, field, objects in self.deferred:
            field.write(
                instance, [created[o.slug] if isinstance(o, Pending) else o for o in objects]
            )
        self.batch.record()

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
    general_stages = StagesField("general_stages", GENERAL_STAGE_FIELDS)
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
            "general_stages",
            "partners",
            "networks",
            "publication_status",
            "verified_on",
            "curator_notes",
        )
        import_id_fields = ["slug"]
        instance_loader_class = ChunkedInstanceLoader
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
        # Also their programmes' (which hold their names): see search.indexing.
        indexing.refresh_after_commit(structures=ids)


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
        instance_loader_class = ChunkedInstanceLoader
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
        indexing.refresh_after_commit(programmes=ids)


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
