from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class QueryStringLimitMiddleware:
    """Refuse over-long query strings with a clear French page instead of parsing them.

    No legitimate search on essmap needs more than a few hundred characters; bounding it
    keeps filter parsing and SQL parameter lists small whatever a client sends.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.ESSMAP_MAX_QUERY_STRING
        if len(request.META.get("QUERY_STRING", "")) > limit:
            body = render_to_string("414.html", {"limit": limit}, request=None)
            return HttpResponse(body, status=414)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """What Django's SecurityMiddleware and django-csp do not set: ``Permissions-Policy`` on
    every answer, and, on the admin only, the hashes of its third-party inline bits added to
    the Content-Security-Policy (``ESSMAP_ADMIN_CSP_UPDATE``). Placed after django-csp's
    middleware, so that its answer passes here first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.ESSMAP_PERMISSIONS_POLICY)
        if request.path.startswith("/admin/") and not hasattr(response, "_csp_update"):
            response._csp_update = settings.ESSMAP_ADMIN_CSP_UPDATE
        return response


class HeadWithoutBodyMiddleware:
    """An answer to HEAD has headers only (its Content-Length still that of the GET). Django
    leaves the body for the server to drop; gunicorn does, with a warning line each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            response.content = b""
        return response
