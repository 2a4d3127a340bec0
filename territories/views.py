from datetime import date

from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from essmap.views import FriendlyHttp404
from programmes import exports
from programmes.models import STAGE_HELP, Programme, Stage, Structure
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
