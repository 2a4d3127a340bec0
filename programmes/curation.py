"""What curators get in the admin on every directory entry: history with readable changes and
restore, the freshness queue and its "confirmer à jour" action, regional editors' scope, and the
duplicate check on new structures.
"""

import dataclasses
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from programmes import roles
from programmes.duplicates import likely_duplicates
from programmes.templatetags.directory import count_label, french_date
from territories.models import Territory, TerritoryKind


class FreshnessFilter(admin.SimpleListFilter):
    title = "fraîcheur"
    parameter_name = "fraicheur"

    def lookups(self, request, model_admin):
        return [("a-reverifier", "À revérifier (plus de 12 mois)"), ("a-jour", "À jour")]

    def queryset(self, request, queryset):
        stale = queryset.stale()
        if self.value() == "a-reverifier":
            return stale
        if self.value() == "a-jour":
            return queryset.exclude(pk__in=stale.values("pk"))
        return queryset


class EntryRegionFilter(admin.SimpleListFilter):
    """Entries located in, or serving a territory within, a région."""

    title = "région"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        regions = Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name")
        return [(t.pk, t.name) for t in regions]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return roles.in_scope(queryset, Territory.objects.filter(pk=value))


class FrenchDeltaHelper(HistoricalRecordContextHelper):
    """The library's readable changes, with the field's own (lower-case) label and a dash for
    an empty value."""

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        return dataclasses.replace(
            formatted,
            field=self.model._meta.get_field(change.field).verbose_name,
            old=formatted.old if change.old not in (None, "", []) else "—",
            new=formatted.new if change.new not in (None, "", []) else "—",
        )


class FrenchHistoryAdmin(SimpleHistoryAdmin):
    """History pages in French, each version with what changed (see admin/history_list.html)."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchDeltaHelper(self.model, historical_record)


class EntryCurationAdmin(FrenchHistoryAdmin):
    """Base admin of structures and programmes."""

    actions = ["confirm_up_to_date"]

    def save_model(self, request, obj, form, change):
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = "Modifiée dans l’administration" if change else "Créée"
        super().save_model(request, obj, form, change)

    # -- freshness -------------------------------------------------------------------------

    @admin.action(description="Confirmer à jour (vérifié aujourd’hui)", permissions=["change"])
    def confirm_up_to_date(self, request, queryset):
        today = datetime.date.today()
        count = 0
        for entry in queryset:
            entry.verified_on = today
            entry._change_reason = "Confirmé à jour"
            entry.save(update_fields=["verified_on", "updated_at"])
            count += 1
        self.message_user(
            request,
            f"{count_label(count, 'fiche confirmée', 'fiches confirmées', feminine=True)} à jour "
            f"au {french_date(today, 'court')}.",
            messages.SUCCESS,
        )

    # -- regional editors ------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        return queryset if scope is None else roles.in_scope(queryset, scope)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or obj.pk is None:
            return True
        scope = roles.scope_of(request.user)
        if scope is None:
            return True
        return roles.in_scope(type(obj).objects.filter(pk=obj.pk), scope).exists()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        scope = roles.scope_of(request.user)
        if scope is None:
            return form
        return type(form.__name__, (ScopedEntryForm, form), {"editor_scope": scope})


class ScopedEntryForm(forms.ModelForm):
    """A regional editor's entry stays within their territories."""

    editor_scope = []

    def clean(self):
        cleaned = super().clean()
        inside = set(Territory.objects.within(*self.editor_scope).values_list("pk", flat=True))
        territories = list(cleaned.get("territories") or [])
        commune = cleaned.get("commune")
        outside = [t for t in territories if t.pk not in inside]
        if commune is not None and commune.pk not in inside:
            outside.append(commune)
        if outside:
            raise ValidationError(
                "Hors de votre périmètre : "
                + ", ".join(str(t) for t in outside)
                + ". Demandez à un administrateur."
            )
        if not territories and commune is None:
            raise ValidationError(
                "Indiquez au moins un territoire de votre périmètre (ou la commune du siège)."
            )
        return cleaned


class DuplicateCheckForm(forms.ModelForm):
    """Before a new structure is saved: likely duplicates, shown until the curator confirms."""

    not_a_duplicate = forms.BooleanField(
        label="Ce n’est pas un doublon",
        required=False,
        help_text="À cocher après avoir vérifié les fiches semblables signalées.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or cleaned.get("not_a_duplicate") or not cleaned.get("name"):
            return cleaned
        similar = likely_duplicates(cleaned["name"], cleaned.get("commune"))
        if similar:
            raise ValidationError(
                format_html(
                    "Fiches semblables déjà présentes : {}. Vérifiez qu’il ne s’agit pas de la "
                    "même structure, puis cochez « Ce n’est pas un doublon ».",
                    format_html_join(
                        ", ",
                        '<a href="../{}/change/">{}</a>{}',
                        ((s.pk, s.name, f" ({s.commune})" if s.commune else "") for s in similar),
                    ),
                )
            )
        return cleaned


def stale_counts_by_region(structures, programmes):
    """[(région, stale structures, stale programmes)] for the admin dashboard, régions with
    nothing stale left out. An entry counts in every région it is located in or serves a
    territory within (as ``roles.in_scope``); a fixed number of queries (seven)."""
    from programmes.models import ProgrammeStructure

    Link = Territory.containers.through
    stale_structures = structures.stale().values("pk")
    stale_programmes = programmes.stale().values("pk")
    # (entry, territory) pairs: where each stale entry is located or what it serves.
    pairs = {
        "structures": [
            *structures.model.territories.through.objects.filter(
                structure__in=stale_structures
            ).values_list("structure_id", "territory_id"),
            *structures.stale().exclude(commune=None).values_list("pk", "commune_id"),
        ],
        "programmes": [
            *programmes.model.territories.through.objects.filter(
                programme__in=stale_programmes
            ).values_list("programme_id", "territory_id"),
            *ProgrammeStructure.objects.filter(programme__in=stale_programmes)
            .exclude(structure__commune=None)
            .values_list("programme_id", "structure__commune_id"),
        ],
    }
    regions = {t.pk: t for t in Territory.objects.filter(kind=TerritoryKind.REGION)}
    involved = {territory for found in pairs.values() for _, territory in found}
    region_of = {pk: {pk} for pk in involved if pk in regions}
    for territory, region in Link.objects.filter(
        from_territory__in=involved, to_territory__in=list(regions)
    ).values_list("from_territory_id", "to_territory_id"):
        region_of.setdefault(territory, set()).add(region)
    counts = {}
    for column, found in enumerate(pairs.values()):
        seen = set()
        for entry, territory in found:
            for region in region_of.get(territory, ()):
                if (entry, region) not in seen:
                    seen.add((entry, region))
                    counts.setdefault(region, [0, 0])[column] += 1
    return [(regions[pk], *counts[pk]) for pk in sorted(counts, key=lambda pk: regions[pk].name)]
