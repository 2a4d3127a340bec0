from django.contrib import admin
from django.db.models import Exists, OuterRef
from simple_history.admin import SimpleHistoryAdmin

from programmes.curation import (
    DuplicateCheckForm,
    EntryCurationAdmin,
    EntryRegionFilter,
    FreshnessFilter,
)
from programmes.models import (
    STAGE_FIELDS,
    Format,
    Person,
    PersonProgramme,
    Programme,
    ProgrammeKind,
    ProgrammeSource,
    ProgrammeStructure,
    Public,
    SearchSynonym,
    Sector,
    SourceDocument,
    Stage,
    Structure,
    StructureKind,
    StructureSource,
)
from programmes.services import search_index
from territories.admin import DepartementFilter
from territories.models import Territory


@admin.register(StructureKind, ProgrammeKind, Public, Sector, Format)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "order"]
    list_editable = ["order"]
    search_fields = ["label", "value"]
    prepopulated_fields = {"value": ["label"]}


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "file_name", "publisher", "published_on"]
    search_fields = ["title", "file_name", "publisher"]


class EntryDepartementFilter(DepartementFilter):
    """Entries located in, or serving a territory within, a département."""

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        inside = Territory.objects.filter(pk=value) | Territory.objects.filter(containers__pk=value)
        through = queryset.model.territories.through
        owner = queryset.model._meta.model_name
        served = through.objects.filter(**{owner: OuterRef("pk"), "territory__in": inside})
        located = Exists(served)
        if hasattr(queryset.model, "commune"):
            located |= Exists(inside.filter(pk=OuterRef("commune")))
        return queryset.filter(located)


class StageFilter(admin.SimpleListFilter):
    title = "étape"
    parameter_name = "etape"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() in STAGE_FIELDS:
            return queryset.at_stage(self.value())
        return queryset


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
        "fields": ["publication_status", "verified_on", "curator_notes"],
        "description": "« Vérifié le » ne change que si vous le modifiez (ou par l’action "
        "« Confirmer à jour » de la liste) : corriger une fiche ne la marque pas vérifiée.",
    },
)
ENTRY_FILTERS = ["publication_status", FreshnessFilter, EntryRegionFilter]


@admin.register(Structure)
class StructureAdmin(EntryCurationAdmin):
    form = DuplicateCheckForm
    list_display = ["name", "kind", "commune", "publication_status", "verified_on"]
    list_filter = [*ENTRY_FILTERS, "kind", EntryDepartementFilter]
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Its programmes' documents hold its name: they are rebuilt too.
        search_index.refresh_structure(form.instance)


@admin.register(Programme)
class ProgrammeAdmin(EntryCurationAdmin):
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_index.refresh_programme(form.instance)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["expressions"]
    search_fields = ["expressions"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
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
