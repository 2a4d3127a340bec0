from django.urls import path

from self_service.views import dashboard, programmes, structure

app_name = "self_service"

# /ma-structure/<slug>/equipe/ is the members app's (the team and its invitations).
urlpatterns = [
    path("ma-structure/", dashboard.my_structures, name="my_structures"),
    path("ma-structure/<slug:slug>/", dashboard.dashboard, name="dashboard"),
    path("ma-structure/<slug:slug>/fiche/", structure.edit_structure, name="edit_structure"),
    path(
        "ma-structure/<slug:slug>/dispositifs/nouveau/",
        programmes.new_programme,
        name="new_programme",
    ),
    path(
        "ma-structure/<slug:slug>/dispositifs/<slug:programme_slug>/",
        programmes.edit_programme,
        name="edit_programme",
    ),
]
