"""Error pages of the whole site, and its health check."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from essmap.http import FriendlyHttp404


def page_not_found(request, exception=None):
    message = str(exception) if isinstance(exception, FriendlyHttp404) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@never_cache
@require_safe
def health(request):
    """``/sante/``: the service answers and reaches its database (one ``SELECT 1``). For
    monitoring, and the floor of performance measurements (``manage.py bench_pages``)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "erreur", "message": "Base de données injoignable."}, status=503
        )
    return JsonResponse({"status": "ok"})
