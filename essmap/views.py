"""Error pages of the whole site, and its health check.

The error pages are rendered without the request (``essmap/templates/errors/base.html``): a forged
``Host``, an unreadable body or a database away must not break the page that says so. A JSON
request (``?format=json``, the autocomplete, ``/sante/``) gets ``{"error": …}`` instead.
"""

import sys

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from essmap import outage, statement_timeout
from essmap.http import FriendlyHttp404, answers_json, wants_json

ERROR_TEXT = {
    400: "Requête incorrecte.",
    403: "Accès refusé.",
    404: "Page introuvable.",
    413: "Envoi trop volumineux.",
    500: "Une erreur est survenue ; réessayez dans quelques minutes.",
}


def error_page(request, status, template, context=None, message=""):
    if wants_json(request):
        body = {"error": message or ERROR_TEXT[status]}
        if status >= 500:
            body["request_id"] = getattr(request, "request_id", None)
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(render_to_string(template, context or {}), status=status)


def page_not_found(request, exception=None):
    message = str(exception) if isinstance(exception, FriendlyHttp404) else ""
    return error_page(request, 404, "404.html", {"message": message}, message)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return error_page(request, 413, "413.html")
    return error_page(request, 400, "400.html")


def permission_denied(request, exception=None):
    return error_page(request, 403, "403.html")


def csrf_failure(request, reason=""):
    """A form sent without its valid CSRF token: French, in the site's layout."""
    return error_page(request, 403, "403_csrf.html", message="Formulaire expiré : rechargez-le.")


def server_error(request):
    error = sys.exc_info()[1]
    if statement_timeout.statement_timed_out(error):
        return statement_timeout.answer(request, error)
    if outage.database_unavailable(error):
        return outage.answer(request, error)
    request_id = getattr(request, "request_id", None)
    return error_page(request, 500, "500.html", {"request_id": request_id})


@never_cache
@require_safe
@answers_json
def health(request):
    """``/sante/``: the service answers and reaches its database (one ``SELECT 1``); 503 with
    ``Retry-After`` otherwise. For load balancers, and the floor of performance measurements
    (``manage.py bench_pages``)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        outage.outage.failed(error)
        outage.put_connections_back()
        response = JsonResponse(
            {"status": "erreur", "message": "Base de données injoignable."}, status=503
        )
        response["Retry-After"] = str(outage.RETRY_AFTER)
        # Django would log « Service Unavailable » at ERROR for each probe of the load
        # balancer: the outage has its own lines (essmap/outage.py).
        response._has_been_logged = True
        return response
    outage.outage.recovered()
    return JsonResponse({"status": "ok"})
