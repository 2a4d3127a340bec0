"""Counts what a page showed, as it leaves, whether computed or served by the page cache: the
views note on the response the structures they show (``programmes.shown``), this middleware
takes the note (removing it from the response) and counts: a structure's page or a programme's
page as a view of each structure named, a list answering a search as an appearance of each,
by the stage asked (docs/audience.md).

A middleware rather than the views, for the same reasons as demand's: a cached page never
reaches its view. A lost count never fails the page."""

from audience import counts
from audience.models import Event
from orientation.parameters import Param
from programmes import shown

EVENTS = {shown.PAGE: Event.VIEW, shown.ANSWER: Event.ANSWER}


def counted(request, response):
    """A person's GET of the page itself (not its JSON), answered."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if request.GET.get(Param.OUTPUT, "html") not in ("", "html"):
        return False
    # A list's next pages answer the same search.
    if request.GET.get(Param.PAGE, "1") not in ("", "1"):
        return False
    return counts.from_a_person(request)


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        noted = shown.take_shown(response)
        if noted is None:
            return response
        what, ids = noted
        event = EVENTS.get(what)
        if event is None or not counted(request, response):
            return response
        stage = counts.stage_of(request.GET.getlist(Param.STAGE)) if event == Event.ANSWER else ""
        counts.record(request, ids, event, stage)
        return response
