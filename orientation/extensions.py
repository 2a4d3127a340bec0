"""What other apps add to orientation's pages, declared here so that orientation imports none
of them: an app plugs in from its ``AppConfig.ready()``, and a site without it works as before.

**Map layers.** ``/carte/`` is declared once, in ``orientation/urls.py``. With ``?couche=<name>``
it is answered by the view registered under that name with :func:`register_map_layer`, not
through the page cache (a layer follows what it shows, not the content); any other request gets
orientation's coverage map. The ``demand`` app registers ``demandes`` (« Demandes sans
réponse »).

**Search outcomes.** The list of programmes says what each search found near its place
(:class:`SearchOutcome`) with :func:`note_search`. The outcome rides on the response as two
headers because the page cache keeps headers with the page: a page served from the cache says
its outcome too, without the view running. Whoever counts searches reads it in a middleware
with :func:`take_search`, which also removes the headers so that they are never sent (the
``demand`` app's ``SearchCountMiddleware``).
"""

from dataclasses import dataclass

# name of ``?couche=`` -> view(request)
_map_layers = {}

_RESULTS_HEADER = "X-Essmap-Results"
_AREA_HEADER = "X-Essmap-Area"
# Up to this many results a search has « few »: past it, the number told may be a lower bound.
FEW_RESULTS = 3


def register_map_layer(name, view):
    """Answer ``/carte/?couche=<name>`` with ``view(request)``."""
    if _map_layers.get(name, view) is not view:
        raise ValueError(f"the map layer {name!r} is already registered")
    _map_layers[name] = view


def map_layer(name):
    """The view registered for ``?couche=<name>``, or None."""
    return _map_layers.get(name)


@dataclass(frozen=True)
class SearchOutcome:
    # Results found near the place (exact up to FEW_RESULTS, a lower bound past it; see
    # orientation.views.lists.local_results).
    results: int
    # The key of the département searched (see territories.places.demand_area); "" for none.
    area: str


def note_search(response, outcome):
    """Mark ``response`` as the answer to a search that found ``outcome``."""
    response[_RESULTS_HEADER] = str(outcome.results)
    response[_AREA_HEADER] = outcome.area
    return response


def take_search(response):
    """The :class:`SearchOutcome` noted on ``response`` (None when it answers no search),
    removed from the response."""
    if _RESULTS_HEADER not in response:
        return None
    results, area = response[_RESULTS_HEADER], response.get(_AREA_HEADER, "")
    del response[_RESULTS_HEADER], response[_AREA_HEADER]
    return SearchOutcome(int(results), area)
