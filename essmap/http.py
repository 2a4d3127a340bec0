"""What every app's views share about HTTP: a 404 written for the visitor, and the one
responder that answers a view in HTML, JSON or CSV (``?format=``)."""

import csv

from django.http import Http404, HttpResponse, JsonResponse


class FriendlyHttp404(Http404):
    """A 404 whose message is written for the visitor and may be shown as is."""


def requested_format(request, offered=("html", "json", "csv")):
    """The ``?format=`` asked for — "html" when absent or empty — or None when it is not one of
    ``offered``."""
    chosen = request.GET.get("format") or "html"
    return chosen if chosen in offered else None


def unknown_format(offered=("html", "json", "csv")):
    others = " ou ".join(f"format={name}" for name in offered if name != "html")
    return HttpResponse(
        f"Format inconnu : utilisez {others}.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def json_response(body, status=200):
    """JSON as people read it: accents as they are, not escaped."""
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def csv_response(file_name, fieldnames, rows):
    """A CSV download (UTF-8 with BOM and « ; », so spreadsheet software opens accents right)
    of dicts; lists become "a | b", nested objects their one-line ``text`` (or name, or code),
    booleans oui/non."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=fieldnames, delimiter=";")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return response


def _cell(value):
    if isinstance(value, list):
        return " | ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or value.get("code") or ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)
