from django.urls import path

from territories import views

app_name = "territories"

urlpatterns = [
    path("autocomplete/", views.territory_autocomplete, name="autocomplete"),
]
