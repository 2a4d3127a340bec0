from django.contrib import admin

from search.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["expressions"]
    search_fields = ["expressions"]
