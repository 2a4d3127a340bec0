from django.urls import path

from orientation import views

app_name = "orientation"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("structures/", views.StructureListView.as_view(), name="structure_list"),
    path("carte/", views.coverage_map, name="coverage_map"),
    path("territoires/<str:key>/", views.territory_sheet, name="territory_sheet"),
]
