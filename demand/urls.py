from django.urls import path

from demand import views
from essmap.http import read_only

app_name = "demand"

urlpatterns = [
    path("demandes/", read_only(views.demand_page), name="demand_page"),
    # Before orientation's /carte/, which it answers unless ?couche=demandes is asked: the
    # layer lives here so that orientation never imports demand.
    path("carte/", read_only(views.coverage_map), name="coverage_map"),
]
