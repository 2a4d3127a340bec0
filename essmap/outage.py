"""When the database is away: a French 503 instead of a 500, one log line per outage, and the
connections put back so that the next request reconnects (no restart needed).

A request that fails because the database cannot be reached (``OperationalError``,
``InterfaceError``: refused, terminated, closed connection) is answered 503 with
``Retry-After``: the page ``503.html``, or ``{"error": …}`` to a JSON request. Its text is kept:
a form posted during the outage comes back filled in (:func:`keeps_typed_text`). Whichever way
the error arrives (a view, a template, a middleware), :func:`answer` builds the response, and
the traceback Django would log for each request is dropped (:class:`SkipDatabaseUnavailable`):
the log says when the outage starts (one ERROR), every minute while it lasts (a WARNING), and
when it ends (the first connection opened again, or ``/sante/`` answering). ``/sante/``'s own
503s, which load balancers ask for every few seconds, go through the same lines.
"""

import functools
import logging
import threading
import time

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from essmap import statement_timeout
from essmap.http import wants_json

logger = logging.getLogger("essmap.outage")

RETRY_AFTER = 60  # seconds, said to browsers and load balancers
MESSAGE = "Le service est momentanément indisponible, réessayez dans quelques minutes."
# A failure more than this after the last one starts a new outage; during one, a line at most
# this often (per process).
BURST_GAP = 60
SUMMARY_EVERY = 60


def database_unavailable(error):
    """Whether ``error`` (or what caused it) says the database cannot be reached. A statement
    PostgreSQL cancelled for taking too long is an ``OperationalError`` too, but the database
    is there: it has its own page (essmap/statement_timeout.py)."""
    if statement_timeout.statement_timed_out(error):
        return False
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


class _Outage:
    """Per process: when the current outage started, how many requests it refused."""

    def __init__(self):
        self.lock = threading.Lock()
        self.started = None
        self.last_failure = 0.0
        self.last_line = 0.0
        self.refused = 0

    def failed(self, error):
        now = time.monotonic()
        with self.lock:
            new = self.started is None or now - self.last_failure > BURST_GAP
            if new:
                self.started, self.refused = now, 0
            self.refused += 1
            self.last_failure = now
            say = new or now - self.last_line >= SUMMARY_EVERY
            if say:
                self.last_line = now
            refused, lasted = self.refused, now - self.started
        if not say:
            return
        text = str(error).strip()
        cause = f"{type(error).__name__}: {text.splitlines()[0][:200] if text else ''}"
        if new:
            logger.error(
                "Base de données injoignable : réponses 503 jusqu’à son retour (%s)",
                cause,
                extra={"outage_refused": refused},
            )
        else:
            # The outage is one error, said at its start: the summaries are warnings.
            logger.warning(
                "Base de données toujours injoignable depuis %d s : %d requêtes refusées (%s)",
                lasted,
                refused,
                cause,
                extra={"outage_refused": refused, "outage_seconds": round(lasted)},
            )

    def recovered(self):
        if self.started is None:
            return
        with self.lock:
            if self.started is None:
                return
            lasted, refused = time.monotonic() - self.started, self.refused
            self.started, self.refused = None, 0
        logger.warning(
            "Base de données de nouveau joignable après %d s : %d requêtes refusées",
            lasted,
            refused,
            extra={"outage_refused": refused, "outage_seconds": round(lasted)},
        )


outage = _Outage()


def connection_opened(sender, connection, **kwargs):
    """A new connection to the database succeeded: if an outage was under way, it is over."""
    outage.recovered()


def put_connections_back():
    """Close the connections the failure left unusable: the next query opens a new one. (After
    each request Django does so too; the test client and management commands do not.)"""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:  # a transaction this code does not own (tests)
            continue
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # closing a dead connection may fail again: it is gone anyway
            connection.connection = None


def keeps_typed_text(form_class, skip=()):
    """Decorate a view that receives a form: if the database is away when it is posted, the 503
    page gives back what the person typed, in fields with the form's labels, ready to send
    again. ``skip``: fields never shown (a honeypot)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            request.essmap_typed_form = (form_class, skip)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _typed_fields(request):
    kept = getattr(request, "essmap_typed_form", None)
    if request.method != "POST" or kept is None:
        return []
    form_class, skip = kept
    fields = []
    for name, field in form_class.base_fields.items():
        value = request.POST.get(name, "")
        if name in skip or not value:
            continue
        # A choice (structure or programme) travels as it was chosen, out of sight.
        hidden = getattr(field, "choices", None) is not None
        fields.append(
            {
                "name": name,
                "label": field.label or name,
                "value": value,
                "multiline": field.widget.__class__.__name__ == "Textarea",
                "hidden": hidden,
            }
        )
    return fields


def answer(request, error):
    """The 503 response to ``request``, which failed with ``error`` (database unreachable)."""
    outage.failed(error)
    put_connections_back()
    if wants_json(request):
        response = JsonResponse(
            {"error": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        try:
            typed = _typed_fields(request)
        except Exception:  # an unreadable body: the page without the form
            typed = []
        context = {"typed": typed, "action": request.path}
        if typed:
            context["csrf_token"] = get_token(request)
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Django would log "Service Unavailable" for each: the outage has its own lines.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view (or the template it returns) cannot reach the database, or when
    PostgreSQL cancelled one of its statements for taking too long (a page of its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if statement_timeout.statement_timed_out(exception):
            return statement_timeout.answer(request, exception)
        if database_unavailable(exception):
            return answer(request, exception)
        return None


class SkipDatabaseUnavailable(logging.Filter):
    """Drop the traceback Django logs for each request refused while the database is away
    (errors raised outside views reach ``handler500``, which answers 503, after Django logged
    them): the outage has its own lines."""

    def filter(self, record):
        if record.exc_info and record.name.startswith("django.request"):
            return not database_unavailable(record.exc_info[1])
        return True
