from django.urls import path

from essmap.cache import cached_for_visitors
from essmap.http import read_only
from programmes import views

app_name = "programmes"

urlpatterns = [
    path(
        "programmes/<slug:slug>/",
        read_only(cached_for_visitors(views.ProgrammeDetailView.as_view())),
        name="programme_detail",
    ),
    path(
        "structures/<slug:slug>/",
        read_only(cached_for_visitors(views.StructureDetailView.as_view())),
        name="structure_detail",
    ),
]
