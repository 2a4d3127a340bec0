from django.http import JsonResponse

from essmap.http import answers_json
from territories.search import suggestions


@answers_json
def territory_autocomplete(request):
    results = suggestions(request.GET.get("q", ""))
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response
