"""``/carte/``: the map of départements by number of programmes at one stage, as a map and a
table, or JSON / CSV — and the one address of the map's other layers, which other apps
register (``?couche=``, see ``orientation.extensions``)."""

from django.shortcuts import render

from essmap.cache import cached_for_visitors
from essmap.http import csv_response, json_response
from orientation import coverage, extensions
from orientation.formats import bad_parameter, with_formats
from orientation.parameters import YES, Param
from programmes.models import STAGE_HELP, Stage

COVERAGE_CSV_FIELDS = ["code", "name", "key", "total", "whole", "url"]


@with_formats()
def coverage_map(request, output):
    """Carte des accompagnements: départements by number of programmes at one stage
    (``?etape=``, idée by default), as a map and a table, or ``?format=json`` / ``csv``.

    Local coverage by default: programmes whose reach is below France (local to régional).
    National programmes, open everywhere, would make every département covered and hide where
    nothing nearer is listed; ``?national=oui`` counts them too (any other value, as
    ``national=non`` of older links, is the local view).

    Counts come from :func:`orientation.coverage.departement_coverage` (fixed query count).
    An unknown stage falls back to idée with a notice in HTML, and is a 400 in JSON and CSV.
    """
    stage, error = coverage.parse_stage(request.GET.get(Param.STAGE))
    if error and output != "html":
        return bad_parameter(output, Param.STAGE, error)
    include_national = request.GET.get(Param.NATIONAL) == YES
    rows = coverage.map_rows(stage, include_national)
    if output in ("json", "csv"):
        records = [
            {field: row[field] for field in COVERAGE_CSV_FIELDS[:-1]}
            | {"url": request.build_absolute_uri(row["url"])}
            for row in rows
        ]
        if output == "json":
            return json_response(
                {"etape": stage.value, "national": include_national, "departements": records}
            )
        return csv_response(f"essmap-carte-{stage.value}", COVERAGE_CSV_FIELDS, records)
    data = coverage.departement_map()
    gaps = [row for row in rows if row["total"] == 0]
    legend = [
        {"css_class": css_class, "label": label, "count": 0}
        for _, _, css_class, label in coverage.BUCKETS
    ]
    for row in rows:
        next(item for item in legend if item["css_class"] == row["bucket"])["count"] += 1
    return render(
        request,
        "orientation/coverage_map.html",
        {
            "stage": stage,
            "stage_label": stage.label.lower(),
            "stages": [{"stage": s, "help": STAGE_HELP[s], "current": s == stage} for s in Stage],
            "include_national": include_national,
            "national_query": f"&{Param.NATIONAL}={YES}" if include_national else "",
            "scope_label": "dispositifs nationaux compris"
            if include_national
            else "hors dispositifs nationaux",
            "error": error,
            "rows": rows,
            "gaps": gaps,
            "covered_count": len(rows) - len(gaps),
            "legend": legend,
            "view_box": data["viewBox"],
            "insets": coverage.insets(),
            "attribution": data["attribution"],
        },
    )


_cached_coverage_map = cached_for_visitors(coverage_map)


def map_page(request):
    """What ``/carte/`` answers: the layer registered for ``?couche=`` (not cached: it follows
    what it shows, not the content), else the coverage map, through the page cache."""
    layer = extensions.map_layer(request.GET.get(Param.LAYER))
    if layer is not None:
        return layer(request)
    return _cached_coverage_map(request)
