"""The curators' admin of the directory's entries: structures, programmes, people,
vocabularies and sources, with history, freshness, regional scopes, duplicate check and bulk
import/export; and the regional editors' scopes."""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from bulk.admin import DirectoryImportExportMixin
from bulk.resources import PersonResource, ProgrammeResource, StructureResource
from curation import roles
from curation.filters import (
    EntryDepartementFilter,
    EntryRegionFilter,
    FreshnessFilter,
    ReachFilter,
    StageFilter,
)
from curation.forms import DuplicateCheckForm, ScopedEntryForm
from curation.history import FrenchHistoryAdmin
from curation.models import EditorScope
from essmap.templatetags.french import count_label, french_date
from programmes import writes
from programmes.models import (
    Format,
    Person,
    PersonProgramme,
    Programme,
    ProgrammeKind,
    ProgrammeSource,
    ProgrammeStructure,
    Public,
    Sector,
    SourceDocument,
    Stage,
    Structure,
    StructureKind,
    StructureSource,
)


def may_bulk_import(request):
    """A bulk import does not check a regional editor's scope line by line: only accounts
    without one may import."""
    return roles.scope_of(request.user) is None


ADMIN_CHANGE = "Modifiée dans l’administration"


class WritesAdmin(FrenchHistoryAdmin):
    """Entries and the rows of their inlines (links, sources, people) saved and deleted
    through the one write path (``programmes/writes.py``), with a history reason."""

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user  # what SimpleHistoryAdmin.save_model adds
        writes.save(obj, writes.reason_of(obj) or (ADMIN_CHANGE if change else "Créée"))

    def delete_model(self, request, obj):
        writes.delete(obj, "Supprimée dans l’administration")

    def save_related(self, request, form, formsets, change):
        """The form's lists of links (what ``form.save_m2m`` would set), then the inlines."""
        entry = form.instance
        for field in entry._meta.many_to_many:
            if field.name in form.fields and field.name in form.cleaned_data:
                writes.set_links(entry, field.name, form.cleaned_data[field.name])
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            writes.delete(obj, ADMIN_CHANGE)
        for obj in instances:
            writes.save(obj, ADMIN_CHANGE)
        formset.save_m2m()


class QueueChangeList(ChangeList):
    """The freshness queue keeps its own order (``EntryQuerySet.freshness_queue``): the list
    would put the model's (the name) before it. A column the curator sorts by still wins."""

    def get_ordering(self, request, queryset):
        queue = self.params.get(FreshnessFilter.parameter_name) == FreshnessFilter.QUEUE
        if queue and ORDER_VAR not in self.params:
            return self._get_deterministic_ordering(list(queryset.query.order_by))
        return super().get_ordering(request, queryset)


class EntryCurationAdmin(WritesAdmin):
    """Base admin of structures and programmes."""

    # Set by Entry.save only (programmes/models/entries.py), shown for the curators' information;
    # what the structure's own team wrote (« Ma structure »), told apart from sourced facts.
    readonly_fields = ["first_published_on", "declared_by_structure"]

    actions = ["confirm_up_to_date"]

    @admin.display(description="déclaré par la structure")
    def declared_by_structure(self, obj):
        """Each field the structure's team wrote, by its label, with the day; a curator's
        later change of the field removes it (programmes/writes.py)."""
        marks = (obj.declared_fields or {}) if obj is not None else {}
        if not marks:
            return "—"
        lines = []
        for name, day in sorted(marks.items()):
            try:
                label = obj._meta.get_field(name).verbose_name
                when = french_date(datetime.date.fromisoformat(day))
            except (FieldDoesNotExist, TypeError, ValueError):
                continue
            lines.append(f"{label} : le {when}")
        return " ; ".join(lines) or "—"

    # -- freshness -------------------------------------------------------------------------

    @admin.action(description="Confirmer à jour (vérifié aujourd’hui)", permissions=["change"])
    def confirm_up_to_date(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for entry in queryset:
            entry.verified_on = today
            writes.save(entry, "Confirmé à jour", update_fields=["verified_on", "updated_at"])
            count += 1
        self.message_user(
            request,
            f"{count_label(count, 'fiche confirmée', 'fiches confirmées', feminine=True)} à jour "
            f"au {french_date(today, 'court')}.",
            messages.SUCCESS,
        )

    # -- regional editors ------------------------------------------------------------------

    def may_bulk_import(self, request):
        return may_bulk_import(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        return queryset if scope is None else queryset.in_scope(scope)

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or obj.pk is None:
            return True
        scope = roles.scope_of(request.user)
        if scope is None:
            return True
        return type(obj).objects.filter(pk=obj.pk).in_scope(scope).exists()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        scope = roles.scope_of(request.user)
        if scope is None:
            return form
        return type(form.__name__, (ScopedEntryForm, form), {"editor_scope": scope})


@admin.register(StructureKind, ProgrammeKind, Public, Sector, Format)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "order"]
    list_editable = ["order"]
    search_fields = ["label", "value"]
    prepopulated_fields = {"value": ["label"]}


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "file_name", "publisher", "published_on", "url", "consulted_on"]
    search_fields = ["title", "file_name", "publisher", "url"]
    list_filter = [("consulted_on", admin.EmptyFieldListFilter)]


class StructureSourceInline(admin.TabularInline):
    model = StructureSource
    extra = 0
    autocomplete_fields = ["document"]


class ProgrammeSourceInline(admin.TabularInline):
    model = ProgrammeSource
    extra = 0
    autocomplete_fields = ["document"]


class ProgrammeOfStructureInline(admin.TabularInline):
    model = ProgrammeStructure
    fk_name = "structure"
    extra = 0
    autocomplete_fields = ["programme"]
    verbose_name = "dispositif porté ou soutenu"
    verbose_name_plural = "dispositifs portés ou soutenus"


class StructureOfProgrammeInline(admin.TabularInline):
    model = ProgrammeStructure
    fk_name = "programme"
    extra = 1
    autocomplete_fields = ["structure"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["name", "role", "is_public"]
    show_change_link = True


class PersonProgrammeInline(admin.TabularInline):
    model = PersonProgramme
    extra = 0
    autocomplete_fields = ["person", "programme"]


ENTRY_PUBLICATION = (
    "Publication",
    {
        "fields": [
            "publication_status",
            "first_published_on",
            "verified_on",
            "declared_by_structure",
            "curator_notes",
        ],
        "description": "« Vérifié le » ne change que si vous le modifiez (ou par l’action "
        "« Confirmer à jour » de la liste) : corriger une fiche ne la marque pas vérifiée. "
        "La date de première publication se remplit seule, une fois : les alertes par "
        "courriel annoncent la fiche à partir d’elle.",
    },
)
ENTRY_FILTERS = ["publication_status", FreshnessFilter, EntryRegionFilter]


@admin.register(Structure)
class StructureAdmin(DirectoryImportExportMixin, EntryCurationAdmin):
    resource_classes = [StructureResource]
    form = DuplicateCheckForm
    list_display = ["name", "kind", "commune", "publication_status", "verified_on"]
    list_filter = [*ENTRY_FILTERS, ReachFilter, "kind", EntryDepartementFilter]
    search_fields = ["name", "aliases", "commune__name"]
    list_select_related = ["kind", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune", "territories", "partners", "networks"]
    filter_horizontal = ["publics", "sectors"]
    inlines = [ProgrammeOfStructureInline, PersonInline, StructureSourceInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "kind", "legal_form", "founded_year"]}),
        ("Présentation", {"fields": ["description", "publics", "sectors"]}),
        (
            "Accompagnement général",
            {
                "fields": [
                    ("general_stage_idee", "general_stage_creation", "general_stage_developpement")
                ],
                "description": "Les étapes auxquelles la structure accompagne elle-même les "
                "personnes, en dehors de ses dispositifs (une CAE à la création, un DLA au "
                "développement…), là où elle intervient : ses territoires, sinon le département "
                "de son siège. Elle apparaît alors aux étapes cochées des recherches et des "
                "fiches de territoire. Ne cochez que ce qu’une source dit, et citez-la ; jamais "
                "pour un financeur ou une collectivité, qui n’apparaissent que par leurs "
                "dispositifs.",
            },
        ),
        (
            "Localisation et contact",
            {
                "fields": [
                    "address",
                    "postcode",
                    "commune",
                    ("latitude", "longitude"),
                    "website",
                    "email",
                    "phone",
                ]
            },
        ),
        ("Territoires et réseaux", {"fields": ["territories", "partners", "networks"]}),
        ENTRY_PUBLICATION,
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new structure: the duplicate check may need confirming
            fieldsets = [*fieldsets, ("Doublons", {"fields": ["not_a_duplicate"]})]
        return fieldsets


@admin.register(Programme)
class ProgrammeAdmin(DirectoryImportExportMixin, EntryCurationAdmin):
    resource_classes = [ProgrammeResource]
    list_display = [
        "name",
        "kind",
        "stage_list",
        "status",
        "publication_status",
        "verified_on",
    ]
    list_filter = [*ENTRY_FILTERS, "status", StageFilter, "kind", EntryDepartementFilter]
    search_fields = ["name", "aliases", "structures__name"]
    list_select_related = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territories", "next_steps"]
    filter_horizontal = ["publics", "sectors", "formats"]
    inlines = [StructureOfProgrammeInline, PersonProgrammeInline, ProgrammeSourceInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "kind", "description", "website"]}),
        (
            "Étapes du projet",
            {
                "fields": [("stage_idee", "stage_creation", "stage_developpement")],
                "description": "Cochez chaque étape à laquelle le dispositif accompagne.",
            },
        ),
        (
            "Modalités",
            {
                "fields": [
                    "formats",
                    "duration",
                    ("is_free", "cost_details"),
                    "eligibility",
                    "how_to_apply",
                    "key_figures",
                ]
            },
        ),
        ("Pour qui, où", {"fields": ["publics", "sectors", "territories"]}),
        ("Statut", {"fields": [("status", "start_year", "end_year")]}),
        ("Parcours", {"fields": ["next_steps"]}),
        ENTRY_PUBLICATION,
    ]

    @admin.display(description="étapes")
    def stage_list(self, obj):
        return ", ".join(Stage(s).label for s in obj.stages) or "—"


@admin.register(Person)
class PersonAdmin(DirectoryImportExportMixin, WritesAdmin):
    resource_classes = [PersonResource]
    may_bulk_import = staticmethod(may_bulk_import)
    list_display = ["name", "role", "structure", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "role", "structure__name"]
    list_select_related = ["structure"]
    autocomplete_fields = ["structure"]
    inlines = [PersonProgrammeInline]
    fieldsets = [
        (None, {"fields": ["name", "role", "structure", "is_public"]}),
        (
            "Coordonnées",
            {
                "fields": ["email", "phone", "contact_is_public"],
                "description": "Données personnelles : ne les saisissez qu’avec l’accord de la "
                "personne. Elles ne sont affichées que si les deux cases de visibilité sont "
                "cochées.",
            },
        ),
    ]


@admin.register(EditorScope)
class EditorScopeAdmin(admin.ModelAdmin):
    list_display = ["user"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "territories"]
