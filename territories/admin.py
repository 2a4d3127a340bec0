from django.contrib import admin

from territories.models import Territory, TerritoryKind


class ContainerKindFilter(admin.SimpleListFilter):
    """Territories inside a given département (the curator's usual way in)."""

    title = "département"
    parameter_name = "departement"

    def lookups(self, request, model_admin):
        return [
            (t.pk, str(t))
            for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT).order_by("code")
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(containers__pk=self.value())
        return queryset


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "key", "population"]
    list_filter = ["kind", ContainerKindFilter]
    search_fields = ["name", "code", "key"]
    ordering = ["kind", "name"]
    readonly_fields = ["key", "slug"]
    autocomplete_fields = ["containers"]
    fieldsets = [
        (None, {"fields": ["kind", "code", "key", "name", "slug", "population"]}),
        ("Centre", {"fields": ["latitude", "longitude"]}),
        ("Appartenance", {"fields": ["containers"]}),
    ]
    show_full_result_count = False
