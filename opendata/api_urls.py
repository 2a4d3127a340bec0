"""Addresses of the public API (``/api/``), apart from the open data pages' own ``urls.py``."""

from django.urls import path

from essmap.http import read_only
from opendata import api

app_name = "api"

urlpatterns = [
    path("", read_only(api.api_page), name="page"),
    path("openapi.json", read_only(api.openapi_document), name="openapi"),
]
