"""Addresses of the public API (``/api/``), apart from the open data pages' own ``urls.py``."""

from django.urls import path

from opendata import api

app_name = "api"

urlpatterns = [
    path("", api.api_page, name="page"),
    path("openapi.json", api.openapi_document, name="openapi"),
]
