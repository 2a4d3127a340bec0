from django.urls import path

from demand import views
from essmap.http import read_only

app_name = "demand"

urlpatterns = [
    path("demandes/", read_only(views.demand_page), name="demand_page"),
    # Its layer of /carte/ (?couche=demandes) is registered with orientation, which declares
    # the address: see DemandConfig.ready and orientation.extensions.
]
