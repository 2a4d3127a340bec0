from django.urls import path

from essmap.http import read_only
from territories import views

app_name = "territories"

urlpatterns = [
    path("autocomplete/", read_only(views.territory_autocomplete), name="autocomplete"),
]
