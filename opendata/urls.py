from django.urls import path

from essmap.cache import cached_for_visitors
from essmap.http import read_only
from opendata import views

app_name = "opendata"

urlpatterns = [
    path("donnees/", cached_for_visitors(views.open_data), name="open_data"),
    path(
        "donnees/structures.json",
        read_only(cached_for_visitors(views.structures_json)),
        name="structures_json",
    ),
    path(
        "donnees/services.json",
        read_only(cached_for_visitors(views.services_json)),
        name="services_json",
    ),
    path(
        "donnees/data-inclusion.xlsx",
        cached_for_visitors(views.data_inclusion_xlsx),
        name="data_inclusion_xlsx",
    ),
]
