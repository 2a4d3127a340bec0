"""The public API's two pages: its OpenAPI document (``/api/openapi.json``) and the page that
presents it to people (``/api/``), both built from ``opendata.openapi`` so they cannot
disagree."""

import re

from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from essmap.http import answers_json, json_response
from opendata import openapi
from programmes.models import Programme, Structure


def _example_slugs():
    """A real programme and structure to show in examples (the first published, by name), or
    placeholders in an empty directory."""
    programme = Programme.objects.published().order_by("name").values_list("slug", flat=True)
    structure = Structure.objects.published().order_by("name").values_list("slug", flat=True)
    return programme.first() or "incubateur", structure.first() or "cress"


def _document(request):
    base_url = request.build_absolute_uri("/").rstrip("/")
    return openapi.document(base_url, *_example_slugs())


@answers_json
def openapi_document(request):
    response = json_response(_document(request))
    response["Cache-Control"] = "public, max-age=3600"
    return response


# Examples shown on /api/, beside each operation (path with its query string).
EXAMPLES = {
    "/programmes/": ["?format=json&territoire=dep-53&etape=idee", "?format=csv&q=coopérative"],
    "/structures/": ["?format=json&territoire=53147&tri=distance"],
    "/carte/": ["?format=json&etape=creation", "?format=json&etape=creation&national=oui"],
    "/territoires/autocomplete/": ["?q=Lesperon"],
}


def api_page(request):
    document = _document(request)
    programme_slug, structure_slug = _example_slugs()
    base_url = document["servers"][0]["url"]
    operations = []
    for path, item in document["paths"].items():
        operation = item["get"]
        concrete = path.replace(
            "{slug}", programme_slug if path.startswith("/programmes/") else structure_slug
        )
        examples = [f"{concrete}{query}" for query in EXAMPLES.get(path, [])]
        if "{slug}" in path:
            examples = [f"{concrete}?format=json"]
        elif not examples:
            examples = [concrete]
        operations.append(
            {
                "path": path,
                "anchor": operation["operationId"],
                "summary": operation["summary"],
                "description": _with_code(operation.get("description", "")),
                "parameters": [_parameter_row(p) for p in operation.get("parameters", [])],
                "statuses": [
                    (status, _with_code(response["description"]))
                    for status, response in operation["responses"].items()
                ],
                "examples": [(example, base_url + example) for example in examples],
            }
        )
    return render(
        request,
        "opendata/api.html",
        {"document": document, "operations": operations, "licence": openapi.LICENCE},
    )


def _with_code(text):
    """The document's descriptions mark names and values with backticks (as OpenAPI tools
    read them); the page shows them as code."""
    # Escaped first; only <code> is added.
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))
    return mark_safe(html)  # noqa: S308


KINDS = {"integer": "nombre entier", "string": "texte"}


def _parameter_row(parameter):
    schema = parameter["schema"]
    repeatable = schema.get("type") == "array"
    values = schema.get("items") if repeatable else schema
    return {
        "name": parameter["name"],
        "required": parameter["required"],
        "repeatable": repeatable,
        "values": values.get("enum") or [],
        "kind": KINDS.get(values.get("type"), "texte"),
        "examples": values.get("examples") or [],
        "description": _with_code(parameter.get("description", "")),
    }
