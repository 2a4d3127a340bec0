from django.http import JsonResponse

from essmap.http import answers_json
from territories.search import as_suggestion, autocomplete


@answers_json
def territory_autocomplete(request):
    results = [as_suggestion(t) for t in autocomplete(request.GET.get("q", ""))]
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response
