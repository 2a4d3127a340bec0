from django.urls import path

from essmap.cache import cached_for_visitors
from essmap.http import read_only
from orientation import views, widget

app_name = "orientation"

urlpatterns = [
    path("", cached_for_visitors(views.home), name="home"),
    path(
        "programmes/",
        read_only(cached_for_visitors(views.ProgrammeListView.as_view())),
        name="programme_list",
    ),
    path(
        "structures/",
        read_only(cached_for_visitors(views.StructureListView.as_view())),
        name="structure_list",
    ),
    # Reached through demand.urls, included first: it answers ?couche=demandes and hands every
    # other request to this view (cached); kept here for reverse() and for a site without it.
    path("carte/", read_only(cached_for_visitors(views.coverage_map)), name="coverage_map"),
    path(
        "territoires/<str:key>/", cached_for_visitors(views.territory_sheet), name="territory_sheet"
    ),
    path(
        "territoires/<str:key>/imprimer/",
        cached_for_visitors(views.territory_print),
        name="territory_print",
    ),
    path("integrer/", widget.embed, name="embed"),
    path("widget/<str:key>/", widget.widget, name="widget"),
]
