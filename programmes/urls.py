from django.urls import path

from essmap.cache import cached_for_visitors
from programmes import views

app_name = "programmes"

urlpatterns = [
    path(
        "programmes/<slug:slug>/",
        cached_for_visitors(views.ProgrammeDetailView.as_view()),
        name="programme_detail",
    ),
    path(
        "structures/<slug:slug>/",
        cached_for_visitors(views.StructureDetailView.as_view()),
        name="structure_detail",
    ),
]
