"""orientation's extension points (orientation.extensions): /carte/ is declared once and
answers the layers other apps register; the list's search outcome is noted for whoever counts
searches and never sent."""

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, resolve, reverse

from demand import views as demand_views
from orientation import extensions


def test_the_map_is_declared_once_by_orientation():
    assert resolve("/carte/").view_name == "orientation:coverage_map"
    with pytest.raises(NoReverseMatch):
        reverse("demand:coverage_map")


def test_demand_registers_its_layer_from_its_app_config():
    assert extensions.map_layer("demandes") is demand_views.demand_layer


@pytest.mark.django_db
def test_a_registered_layer_answers_its_couche(client, monkeypatch):
    layers = {}
    monkeypatch.setattr(extensions, "_map_layers", layers)
    extensions.register_map_layer("essai", lambda request: HttpResponse("Couche d’essai"))
    response = client.get("/carte/?couche=essai")
    assert response.content.decode() == "Couche d’essai"


@pytest.mark.django_db
def test_without_the_layer_the_map_is_orientations(client, territories, monkeypatch):
    monkeypatch.setattr(extensions, "_map_layers", {})
    response = client.get("/carte/?couche=demandes")
    assert [t.name for t in response.templates][0] == "orientation/coverage_map.html"


def test_a_layer_name_is_taken_once(monkeypatch):
    monkeypatch.setattr(extensions, "_map_layers", {})

    def view(request):
        return HttpResponse()

    extensions.register_map_layer("essai", view)
    extensions.register_map_layer("essai", view)  # the same registration again is harmless
    with pytest.raises(ValueError, match="already registered"):
        extensions.register_map_layer("essai", lambda request: HttpResponse())


def test_a_search_outcome_is_taken_off_the_response():
    response = HttpResponse()
    extensions.note_search(response, extensions.SearchOutcome(2, "dep-53"))
    assert extensions.take_search(response) == extensions.SearchOutcome(2, "dep-53")
    assert not any(name.lower().startswith("x-essmap") for name in response.headers)
    assert extensions.take_search(response) is None
