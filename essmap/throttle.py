"""The search rate limit: how much computing one client may ask for per period.

A search never asked before costs the server from 0.1 to several seconds (a list page with its
facets); an answer the page cache already holds costs about a millisecond. A script that sends
searches no one asked before (random words, all of France, every stage) keeps the workers busy
for everyone. So each client has ``ESSMAP_SEARCH_RATE`` units per period (``30/m`` by default):
a computed page costs one unit, plus one for each quarter of a second it took to compute (at
most :data:`MAX_UNITS` in all: a page of 7.5 s or more takes the whole minute). A person trying
searches (0.1 to 0.3 s each) stays far below it; a script asking for pages of several seconds
is refused after a few. Pages count one unit each as they start (several at once from one
client count at once), and their computing time once they are done.

:func:`throttled` wraps the view *inside* :func:`essmap.cache.cached_for_visitors`: what the
cache answers is never counted. Beyond the limit: 429 with ``Retry-After`` (the seconds left in
the client's window), a French page or ``{"error": …}`` in JSON, never kept by the page cache
(only 200 is). The client is :func:`essmap.http.client_address`, as for the forms' limits; the
counts are kept in the shared cache (``CACHES["default"]``), one key per client and window.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from essmap.http import rate_limit_key, rate_period, wants_json

# A computed page costs one unit, and one more per this many seconds of computing.
SECONDS_PER_UNIT = 0.25
MAX_UNITS = 30
# How the computing time is measured, and the time windows are placed (a test gives its own
# clocks: a window that ends in the middle of a test would forget what it counted).
clock = time.perf_counter
wall_clock = time.time
MESSAGE = (
    "Trop de recherches nouvelles depuis votre connexion : réessayez dans {wait}. Les pages "
    "déjà consultées restent disponibles."
)


def search_rate():
    """Units allowed per client and period, read at each request so that tests can change
    it; none (no limit) when the setting is empty."""
    return settings.ESSMAP_SEARCH_RATE or None


def _wait_words(seconds):
    if seconds <= 1:
        return "une seconde"
    if seconds < 60:
        return f"{seconds} secondes"
    minutes = -(-seconds // 60)
    return "une minute" if minutes == 1 else f"{minutes} minutes"


def refused(request, seconds):
    """The 429 answer: ``Retry-After`` in seconds, the same wait in words."""
    wait = _wait_words(seconds)
    if wants_json(request):
        response = JsonResponse(
            {"error": MESSAGE.format(wait=wait)},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        body = render_to_string("429.html", {"wait": wait, "path": request.path})
        response = HttpResponse(body, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _window(client, seconds):
    """The cache key of ``client``'s current window, and the seconds left in it. Windows are
    shifted per client, so that they do not all open at the same second."""
    digest = hashlib.sha256(client.encode()).hexdigest()
    now = wall_clock() + int(digest[:8], 16) % seconds
    start = int(now // seconds)
    left = max(1, int((start + 1) * seconds - now))
    return f"essmap:searches:{seconds}:{digest}:{start}", left


def _add(key, units, seconds):
    """Add ``units`` to the count under ``key`` (kept for the window); the new count."""
    if cache.add(key, units, seconds + 5):
        return units
    try:
        return cache.incr(key, units)
    except ValueError:  # expired between the two calls
        cache.set(key, units, seconds + 5)
        return units


def throttled(view):
    """Count each call of ``view`` for the client (see the module) and refuse it (429) beyond
    the rate. Place it under the page cache's decorator, so that only computed pages count."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        rate = search_rate()
        if not rate:
            return view(request, *args, **kwargs)
        limit = int(rate.split("/")[0])
        seconds = rate_period(rate)[0]
        key, left = _window(rate_limit_key(None, request), seconds)
        if _add(key, 1, seconds) > limit:
            return refused(request, left)
        started = clock()
        response = view(request, *args, **kwargs)
        # A list's page is a TemplateResponse: most of its computing (the querysets the
        # template reads, the cards) happens when it is rendered, which is counted too.
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        extra = min(int((clock() - started) / SECONDS_PER_UNIT), MAX_UNITS - 1)
        if extra:
            _add(key, extra, seconds)
        return response

    return wrapped
