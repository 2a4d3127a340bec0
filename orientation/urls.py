from django.urls import path

from essmap.cache import cached_for_visitors
from essmap.http import read_only
from essmap.throttle import throttled
from orientation import widget
from orientation.views import coverage_map, lists, sheet

app_name = "orientation"

urlpatterns = [
    path("", cached_for_visitors(lists.home), name="home"),
    # The lists count against the client's search rate only when they are computed
    # (essmap/throttle.py), not when the page cache answers.
    path(
        "programmes/",
        read_only(cached_for_visitors(throttled(lists.ProgrammeListView.as_view()))),
        name="programme_list",
    ),
    path(
        "structures/",
        read_only(cached_for_visitors(throttled(lists.StructureListView.as_view()))),
        name="structure_list",
    ),
    # The one address of the map and of its layers (?couche=, orientation.extensions); it
    # caches the coverage map itself, not the layers.
    path("carte/", read_only(coverage_map.map_page), name="coverage_map"),
    path(
        "territoires/<str:key>/", cached_for_visitors(sheet.territory_sheet), name="territory_sheet"
    ),
    path(
        "territoires/<str:key>/imprimer/",
        cached_for_visitors(sheet.territory_print),
        name="territory_print",
    ),
    path("integrer/", widget.embed, name="embed"),
    path("widget/<str:key>/", widget.widget, name="widget"),
]
