"""/donnees/: the open data page and its downloads (JSON, XLSX) in the data·inclusion
schema."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from opendata import codes, exports, fields
from opendata.workbook import workbook

LICENCE = {
    "name": "Licence Ouverte 2.0 / Etalab",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base_url(request):
    return request.build_absolute_uri("/")


def open_data(request):
    # Counted, not built: the page answers in milliseconds at national scale, where building
    # the records takes seconds (docs/open-data.md).
    return render(
        request,
        "opendata/open_data.html",
        {
            "structure_count": exports.published_structures().count(),
            "service_count": exports.exported_programmes().count(),
            "unexported": exports.unexported_programmes(),
            "updated_on": exports.latest_update(),
            "licence": LICENCE,
            "structure_fields": fields.STRUCTURE_FIELDS,
            "service_fields": fields.SERVICE_FIELDS,
            "kind_types": sorted(codes.KIND_TYPES.items()),
            "format_modes": sorted(codes.FORMAT_MODES_ACCUEIL.items()),
            "publics": sorted(codes.PUBLICS.items()),
            "networks": sorted(codes.NETWORK_RESEAUX.items()),
            "stage_thematiques": [(s.label, t) for s, t in codes.STAGE_THEMATIQUES.items()],
        },
    )


def _json_list(records, file_name):
    """A JSON list, accents as they are (UTF-8), shown in the browser or saved as
    ``file_name``."""
    response = JsonResponse(records, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response


def structures_json(request):
    return _json_list(exports.structure_records(_base_url(request)), "structures.json")


def services_json(request):
    return _json_list(exports.service_records(_base_url(request)), "services.json")


def data_inclusion_xlsx(request):
    base_url = _base_url(request)
    content = workbook(exports.structure_records(base_url), exports.service_records(base_url))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="data-inclusion.xlsx"'
    return response
