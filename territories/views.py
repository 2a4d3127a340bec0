from datetime import date

from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from essmap.views import FriendlyHttp404
from programmes import exports
from programmes.models import STAGE_HELP, Programme, Stage, Structure
from territories import coverage
from territories.models import Territory
from territories.search import as_suggestion, autocomplete


def territory_autocomplete(request):
    results = [as_suggestion(t) for t in autocomplete(request.GET.get("q", ""))]
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


def territory_detail(request, key):
    territory = Territory.objects.by_key(key)
    if territory is None:
        raise FriendlyHttp404(f"Aucun territoire ne porte le code « {key[:70]} ».")
    if territory.key != key:
        # Old INSEE codes and other spellings lead to the one current address.
        return redirect(territory, permanent=True)
    programmes = list(Programme.objects.orientation_sheet(territory))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="essmap-{slugify(territory.key)}-{territory.slug}.csv"'
        )
        rows = (exports.programme_as_dict(p, request) for p in programmes)
        return exports.write_csv(response, exports.PROGRAMME_FIELDS, rows)
    stages = [
        {
            "stage": stage,
            "help": STAGE_HELP[stage],
            "programmes": [p for p in programmes if stage in p.stages],
        }
        for stage in Stage
    ]
    structures = (
        Structure.objects.published()
        .serving(territory)
        .with_distance_from(territory)
        .select_related("kind", "commune")
        .order_by(F("distance_km").asc(nulls_last=True), "name")
    )
    containers = sorted(territory.containers.all(), key=lambda t: (t.scale, t.name))
    return render(
        request,
        "territories/territory_detail.html",
        {
            "territory": territory,
            "stages": stages,
            "gaps": [group["stage"] for group in stages if not group["programmes"]],
            "programme_count": len(programmes),
            "structures": structures,
            "containers": containers,
            "today": date.today(),
            "share_url": request.build_absolute_uri(territory.get_absolute_url()),
        },
    )


COVERAGE_FORMATS = {"html", "json", "csv"}
COVERAGE_CSV_FIELDS = ["code", "name", "key", "total", "whole", "url"]


def coverage_map(request):
    """Carte des accompagnements: départements by number of programmes at one stage
    (``?etape=``, idée by default), as a map and a table, or ``?format=json`` / ``csv``.

    Counts come from :func:`territories.coverage.departement_coverage` (fixed query count).
    An unknown stage falls back to idée with a notice in HTML, and is a 400 in JSON and CSV.
    """
    output = request.GET.get("format") or "html"
    if output not in COVERAGE_FORMATS:
        return HttpResponse(
            "Format inconnu : utilisez format=json ou format=csv.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    stage, error = coverage.parse_stage(request.GET.get("etape"))
    if error and output == "json":
        return JsonResponse(
            {"errors": {"etape": [error]}}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    if error and output == "csv":
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    # "national=non": only what is local to régional, where the real gaps show.
    include_national = request.GET.get("national") != "non"
    rows = coverage.map_rows(stage, include_national)
    if output in ("json", "csv"):
        records = [
            {field: row[field] for field in COVERAGE_CSV_FIELDS[:-1]}
            | {"url": request.build_absolute_uri(row["url"])}
            for row in rows
        ]
        if output == "json":
            return JsonResponse(
                {"etape": stage.value, "national": include_national, "departements": records},
                json_dumps_params={"ensure_ascii": False},
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="essmap-carte-{stage.value}.csv"'
        return exports.write_csv(response, COVERAGE_CSV_FIELDS, records)
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
        "territories/coverage_map.html",
        {
            "stage": stage,
            "stage_label": stage.label.lower(),
            "stages": [{"stage": s, "help": STAGE_HELP[s], "current": s == stage} for s in Stage],
            "include_national": include_national,
            "national_query": "" if include_national else "&national=non",
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
