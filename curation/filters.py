"""List filters of the entries' admin: freshness, stage, and where an entry is (région,
département) — the last two by the one rule ``EntryQuerySet.in_scope``."""

from django.contrib import admin

from essmap.http import url_integer
from programmes.models import STAGE_FIELDS, Stage
from territories.models import Territory, TerritoryKind


class FreshnessFilter(admin.SimpleListFilter):
    title = "fraîcheur"
    parameter_name = "fraicheur"

    # The queue of what to check first (EntryQuerySet.freshness_queue), in its order: the
    # admin's list keeps it (curation.admin.QueueChangeList).
    QUEUE = "file"

    def lookups(self, request, model_admin):
        return [
            (self.QUEUE, "À vérifier d’abord (jamais vérifiées, puis les plus consultées)"),
            ("a-reverifier", "À revérifier (plus de 12 mois)"),
            ("a-jour", "À jour"),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.QUEUE:
            return queryset.freshness_queue()
        stale = queryset.stale()
        if self.value() == "a-reverifier":
            return stale
        if self.value() == "a-jour":
            return queryset.exclude(pk__in=stale.values("pk"))
        return queryset


class ReachFilter(admin.SimpleListFilter):
    """Published structures nobody can reach, directly or through a network (``dead_ends``):
    the curators' queue of issue 24, item 9."""

    title = "joignable"
    parameter_name = "joignable"

    def lookups(self, request, model_admin):
        return [("non", "Sans contact, ni par un réseau")]

    def queryset(self, request, queryset):
        if self.value() == "non":
            return queryset.filter(pk__in=queryset.model.objects.dead_ends().values("pk"))
        return queryset


class EntryRegionFilter(admin.SimpleListFilter):
    """Entries located in, or serving a territory within, a région."""

    title = "région"
    parameter_name = "region"

    kind = TerritoryKind.REGION
    order = "name"

    def lookups(self, request, model_admin):
        territories = Territory.objects.filter(kind=self.kind).order_by(self.order)
        return [(t.pk, self.label(t)) for t in territories]

    def label(self, territory):
        return territory.name

    def queryset(self, request, queryset):
        pk = url_integer(self.value(), max_digits=18)
        if pk is None:
            return queryset
        return queryset.in_scope([pk])


class EntryDepartementFilter(EntryRegionFilter):
    """Entries located in, or serving a territory within, a département."""

    title = "département"
    parameter_name = "departement"
    kind = TerritoryKind.DEPARTEMENT
    order = "code"

    def label(self, territory):
        return str(territory)


class StageFilter(admin.SimpleListFilter):
    title = "étape"
    parameter_name = "etape"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() in STAGE_FIELDS:
            return queryset.at_stage(self.value())
        return queryset
