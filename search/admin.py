from django.contrib import admin

from search.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["expressions", "kind"]
    list_filter = ["kind"]
    search_fields = ["expressions"]
