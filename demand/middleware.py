"""Counts the searches of ``/programmes/`` as they leave, whether computed or served by the
page cache: the list view notes its outcome on the response, kept in the cache with the page;
this middleware takes it (:func:`orientation.extensions.take_search`, which removes it from the
response) and counts.

A middleware rather than the view: a page served from the cache never reaches the view, and
the view called outside a request (benchmarks, cache warming) is never counted.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from demand import counting
from essmap.http import url_integer
from orientation import extensions
from orientation.parameters import Param

logger = logging.getLogger(__name__)

# The day this process last erased old recent searches (see counting.purge): at most once a
# day per process, so a search almost never costs more than its two statements.
_purged_on = None


def counted(request):
    """Whether a request is a person's search, worth counting: a GET from a browser (not a
    crawler, not a script), for the page (not ``?format=json`` or ``csv``), its first page
    (the next ones are the same search), by a visitor (not a curator with a session)."""
    if request.method != "GET":
        return False
    if request.GET.get(Param.OUTPUT, "html") not in ("", "html"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if url_integer(request.GET.get(Param.PAGE) or "1", default=0) != 1:
        return False
    return counting.from_a_person(request.META.get("HTTP_USER_AGENT", ""))


class SearchCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Taken off the response: what the view told the counting stays on the server.
        outcome = extensions.take_search(response)
        if outcome is None:
            return response
        if response.status_code == 200 and counted(request):
            try:
                self.count(request, outcome.results, outcome.area)
            except DatabaseError:
                # A search answers even if its count is lost.
                logger.exception("demand: search not counted")
        return response

    def count(self, request, results, area):
        global _purged_on
        now = timezone.localtime()
        today = now.date()
        counting.count_search(
            results=results,
            area=area,
            client=counting.client_of(request, today),
            stages=request.GET.getlist(Param.STAGE),
            text=request.GET.get(Param.WORDS, ""),
            now=now,
        )
        if _purged_on != today:
            _purged_on = today
            counting.purge(today)
