from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, Exists, OuterRef, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from programmes import roles
from programmes.curation import (
    DuplicateCheckForm,
    EntryCurationAdmin,
    EntryRegionFilter,
    FrenchHistoryAdmin,
    FreshnessFilter,
)
from programmes.duplicates import likely_duplicates
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
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)
from programmes.resources import (
    DirectoryImportExportMixin,
    PersonResource,
    ProgrammeResource,
    StructureResource,
)
from programmes.services import search_index
from programmes.services import suggestions as suggestion_service
from programmes.templatetags.directory import count_label, french_date
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
        inside = Territory.objects.within(value)
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
class StructureAdmin(DirectoryImportExportMixin, EntryCurationAdmin):
    resource_classes = [StructureResource]
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_index.refresh_programme(form.instance)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["expressions"]
    search_fields = ["expressions"]


@admin.register(Person)
class PersonAdmin(DirectoryImportExportMixin, FrenchHistoryAdmin):
    resource_classes = [PersonResource]
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


# ---------------------------------------------------------------------------
# Suggestions from the public: the moderation queue


class SuggestionModerationForm(forms.ModelForm):
    """Only the rejection reason is editable; "Refuser" requires it."""

    class Meta:
        model = Suggestion
        fields = ["rejection_reason"]
        widgets = {"rejection_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        deciding = "_accept" in self.data or "_reject" in self.data
        if deciding and not self.instance.is_pending:
            raise forms.ValidationError("Cette suggestion a déjà été traitée.")
        if "_reject" in self.data and not (cleaned.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", "Indiquez le motif du refus.")
        return cleaned


class RejectSelectedForm(forms.Form):
    rejection_reason = forms.CharField(
        label="Motif du refus",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif du refus."},
    )


def _admin_change_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


@admin.register(Suggestion)
class SuggestionAdmin(FrenchHistoryAdmin):
    """The queue: pending suggestions first. Submitted content is read-only; "Accepter" creates
    a draft entry (a proposal) or opens the entry concerned (an error report); "Refuser" needs a
    reason. A regional editor sees only the suggestions within their scope."""

    form = SuggestionModerationForm
    change_form_template = "admin/programmes/suggestion/change_form.html"
    # Name and state first: on a phone the table scrolls sideways after them.
    list_display = ["name", "status", "kind", "territory", "received"]
    list_display_links = ["name"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "message"]
    list_select_related = ["territory"]
    actions = ["reject_selected"]
    submitted = [
        "kind",
        "entry_link",
        "name",
        "possible_duplicates",
        "message",
        "website",
        "territory",
    ]
    contact = ["contact_name", "contact_email"]
    review = ["status", "created_at", "reviewed_by", "reviewed_at", "submitter_ip_hash"]
    readonly_fields = [*submitted, *contact, *review]
    fieldsets = [
        ("Ce qui a été envoyé", {"fields": submitted}),
        (
            "Coordonnées de la personne",
            {
                "fields": contact,
                "description": "Facultatives, jamais publiées : seulement pour lui poser une "
                "question.",
            },
        ),
        (
            "Modération",
            {
                "fields": [*review, "rejection_reason"],
                "description": "« Accepter » une proposition crée la fiche en brouillon et "
                "l’ouvre pour la compléter puis la publier ; « Accepter » un signalement ouvre "
                "la fiche concernée pour la corriger (l’historique garde chaque modification). "
                "« Refuser » demande un motif.",
            },
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        return queryset if scope is None else queryset.for_scope(scope)

    def get_ordering(self, request):
        pending_first = Case(When(status=SuggestionStatus.PENDING, then=Value(0)), default=Value(1))
        return [pending_first.asc(), "-created_at"]

    def has_add_permission(self, request):
        return False  # suggestions come from the public forms

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_pending)

    def revert_disabled(self, request, obj=None):
        return True  # a decision is not undone by restoring an old version

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Suggestions du public à modérer", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="reçue le", ordering="created_at")
    def received(self, obj):
        return french_date(obj.created_at, "court")

    @admin.display(description="fiches semblables (doublons possibles)")
    def possible_duplicates(self, obj):
        """Shown before a proposal is accepted, so a curator does not create a duplicate."""
        if obj.kind != SuggestionKind.STRUCTURE or not obj.is_pending:
            return "—"
        commune = obj.territory if obj.territory and obj.territory.kind == "commune" else None
        similar = likely_duplicates(obj.name, commune)
        if not similar:
            return "Aucune fiche au nom semblable."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>{}',
            (
                (_admin_change_url(s), s.name, f" ({s.commune})" if s.commune else "")
                for s in similar
            ),
        )

    @admin.display(description="fiche concernée ou créée")
    def entry_link(self, obj):
        entry = obj.entry
        if entry is None and obj.kind == SuggestionKind.ERROR:
            return "La fiche signalée a été supprimée."
        if entry is None:
            return "Créée en brouillon à l’acceptation" if obj.is_pending else "Aucune"
        return format_html(
            '<a href="{}">{}</a> ({}) — <a href="{}">page publique</a>',
            _admin_change_url(entry),
            entry,
            entry.get_publication_status_display().lower(),
            entry.get_absolute_url(),
        )

    def save_model(self, request, obj, form, change):
        if "_accept" in request.POST:
            obj._next_entry = suggestion_service.accept(obj, request.user)
        elif "_reject" in request.POST:
            reason = form.cleaned_data["rejection_reason"].strip()
            suggestion_service.reject(obj, request.user, reason)
        else:
            super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_reject" in request.POST:
            self.message_user(request, f"Suggestion « {obj.name} » refusée.", messages.SUCCESS)
            return redirect("admin:programmes_suggestion_changelist")
        if "_accept" not in request.POST:
            return super().response_change(request, obj)
        entry = getattr(obj, "_next_entry", None)
        if entry is None:
            self.message_user(
                request, "Signalement accepté ; la fiche concernée n’existe plus.", messages.WARNING
            )
            return redirect("admin:programmes_suggestion_changelist")
        if obj.kind == SuggestionKind.ERROR:
            text = (
                f"Signalement accepté : corrigez ci-dessous la fiche « {entry} » "
                "(l’historique gardera la modification)."
            )
        else:
            text = (
                f"Suggestion acceptée : la fiche « {entry} » est créée en brouillon. "
                "Complétez-la (type, structures, étapes, territoires…), puis publiez-la."
            )
        self.message_user(request, text, messages.SUCCESS)
        return redirect(_admin_change_url(entry))

    @admin.action(description="Refuser les suggestions sélectionnées…", permissions=["change"])
    def reject_selected(self, request, queryset):
        pending = queryset.filter(status=SuggestionStatus.PENDING)
        form = RejectSelectedForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for suggestion in pending:
                suggestion_service.reject(
                    suggestion, request.user, form.cleaned_data["rejection_reason"].strip()
                )
                count += 1
            self.message_user(
                request,
                count_label(count, "suggestion refusée", "suggestions refusées", feminine=True)
                + ".",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/programmes/suggestion/reject_selected.html",
            {
                **self.admin_site.each_context(request),
                "title": "Refuser les suggestions sélectionnées",
                "opts": self.model._meta,
                "suggestions": pending,
                "selected": queryset.values_list("pk", flat=True),
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
