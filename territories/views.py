from django.http import JsonResponse
from django.shortcuts import redirect, render

from essmap.views import FriendlyHttp404
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
    programmes = list(
        Programme.objects.published().current().serving(territory).for_listing().order_by("name")
    )
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
        .select_related("kind", "commune")
        .order_by("name")
    )
    containers = sorted(territory.containers.all(), key=lambda t: (t.scale, t.name))
    return render(
        request,
        "territories/territory_detail.html",
        {
            "territory": territory,
            "stages": stages,
            "programme_count": len(programmes),
            "structures": structures,
            "containers": containers,
        },
    )
