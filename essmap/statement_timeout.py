"""PostgreSQL's ``statement_timeout`` for the web's public pages, and the page that says a
search took too long.

A search may be costly enough to hold a worker for seconds (many words, all of France, every
stage); with ``ESSMAP_STATEMENT_TIMEOUT_MS`` (5,000 by default, 0: none) PostgreSQL cancels any
statement of a public page that runs longer, and the visitor gets a French 503 saying how to
narrow the search (``{"error": …}`` in JSON), not a 500 nor the outage page.

The limit is set per request, on the request's connection, by :class:`StatementTimeoutMiddleware`:
never in the connection's options, which management commands share (an import, a migration or
``load_shipped_data`` must never be cut), and not for the admin (``/admin/``: imports of a
thousand lines, restorations), where it is put back to none. The ``SET`` is sent only when the
connection's value is not already the one wanted (once per connection with persistent
connections), just before the request's first SQL statement: a page the page cache answers from
Redis opens no connection for it. SQLite has no such limit.
"""

import logging

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from essmap.http import wants_json

logger = logging.getLogger("essmap.statement_timeout")

MESSAGE = (
    "Cette recherche a demandé trop de temps et a été interrompue. Précisez-la : moins de "
    "mots-clés, un territoire plus petit, moins de résultats par page."
)
# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (query_canceled).
QUERY_CANCELED = "57014"
ADMIN_PREFIX = "/admin/"
# Statements before which nothing is set: a ``ROLLBACK TO SAVEPOINT`` follows a failed statement,
# in a transaction that refuses any other until then.
TRANSACTION_CONTROL = ("SAVEPOINT", "ROLLBACK", "RELEASE", "COMMIT", "BEGIN")


def statement_timed_out(error):
    """Whether ``error`` (or what caused it) is a statement cancelled by PostgreSQL."""
    seen = set()
    while error is not None and id(error) not in seen:
        if getattr(error, "sqlstate", None) == QUERY_CANCELED:  # psycopg 3
            return True
        if getattr(error, "pgcode", None) == QUERY_CANCELED:  # psycopg 2
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def answer(request, error):
    """The 503 answer to a request whose SQL statement was cancelled for taking too long."""
    logger.warning(
        "Requête SQL interrompue après %d ms : %s",
        settings.ESSMAP_STATEMENT_TIMEOUT_MS,
        request.get_full_path()[:500],
    )
    if wants_json(request):
        response = JsonResponse(
            {"error": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        body = render_to_string("503_timeout.html", {"path": request.path})
        response = HttpResponse(body, status=503)
    response["Cache-Control"] = "no-store"
    # The warning above says it, without a traceback for each.
    response._has_been_logged = True
    return response


class _Timeout:
    """An execute wrapper: before a statement, the connection's statement_timeout is made
    ``milliseconds`` if it is not already."""

    def __init__(self, milliseconds):
        self.milliseconds = milliseconds

    def __call__(self, execute, sql, params, many, context):
        wrapper = context["connection"]
        if getattr(wrapper, "essmap_statement_timeout", None) != self.milliseconds and not (
            sql.lstrip()[:9].upper().startswith(TRANSACTION_CONTROL)
        ):
            # Through a cursor of the driver's own: not one of the page's queries (counted by
            # tests and bench_pages), not through this wrapper again, and not the statement's
            # cursor, which may be a server-side one (``.iterator()``: DECLARE … CURSOR FOR).
            with wrapper.connection.cursor() as raw:
                if wrapper.in_atomic_block:
                    # A SET inside a transaction is undone if it rolls back: for this
                    # transaction only, and said again next time.
                    raw.execute(f"SET LOCAL statement_timeout = {int(self.milliseconds)}")
                else:
                    raw.execute(f"SET statement_timeout = {int(self.milliseconds)}")
                    wrapper.essmap_statement_timeout = self.milliseconds
        return execute(sql, params, many, context)


def _forget(sender, connection, **kwargs):
    # A new connection has the server's default, whatever the previous one had.
    connection.essmap_statement_timeout = None


connection_created.connect(_forget, dispatch_uid="essmap-statement-timeout")


class StatementTimeoutMiddleware:
    """Sets PostgreSQL's statement_timeout for the request: ``ESSMAP_STATEMENT_TIMEOUT_MS`` on
    public pages, none on the admin's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor != "postgresql":
            return self.get_response(request)
        limit = settings.ESSMAP_STATEMENT_TIMEOUT_MS
        if request.path.startswith(ADMIN_PREFIX):
            limit = 0
        with connection.execute_wrapper(_Timeout(max(0, limit))):
            return self.get_response(request)
