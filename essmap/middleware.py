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
