"""The html/json/csv switch of orientation's pages (``?format=``), once: a decorator for view
functions and a mixin for the list views. The pages then only say how each format is built.

``essmap.http`` holds the responders themselves (``json_response``, ``csv_response``); what is
here is the choice between them, and how a bad parameter is said in each format.
"""

from functools import wraps

from django.http import HttpResponse

from essmap.http import json_response, requested_format, unknown_format

EVERY_FORMAT = ("html", "json", "csv")


def with_formats(*offered):
    """Call the view with ``output=`` the format asked (``html`` when none); an unknown one is
    a 400 in plain French, naming those ``offered`` (all three when none are named)."""
    offered = offered or EVERY_FORMAT

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            output = requested_format(request, offered)
            if output is None:
                return unknown_format(offered)
            return view(request, *args, output=output, **kwargs)

        return wrapped

    return decorator


class FormatsMixin:
    """The same switch for a class-based view: ``self.output_format`` is set before ``get``."""

    offered_formats = EVERY_FORMAT

    def dispatch(self, request, *args, **kwargs):
        self.output_format = requested_format(request, self.offered_formats)
        if self.output_format is None:
            return unknown_format(self.offered_formats)
        return super().dispatch(request, *args, **kwargs)


def bad_parameter(output, name, message):
    """A 400 for the parameter ``name``: ``{"errors": {name: [message]}}`` in JSON, the message
    as plain text otherwise (a CSV download has no page to show it on)."""
    if output == "json":
        return json_response({"errors": {name: [message]}}, status=400)
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
