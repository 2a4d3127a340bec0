"""Structured logs: one JSON line per record, one record per request (method, path, status,
duration), and the request's id on every line written while it is served, errors included.

The id comes from a well-formed ``X-Request-ID`` set by the proxy, or is drawn here; it is sent
back in ``X-Request-ID`` and shown on the 500 page, so that a person's report finds its line.
JSON escapes every control character: whatever a client sends, a record stays one line.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_logger = logging.getLogger("essmap.request")
_request_id = contextvars.ContextVar("essmap_request_id", default=None)
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Extra attributes of a record that a line carries, when present.
FIELDS = (
    "method",
    "path",
    "status",
    "duration_ms",
    "bytes",
    "outage_refused",
    "outage_seconds",
)


def current_request_id():
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Give every record the id of the request being served (None outside requests)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, the request's fields,
    and an error's type and message; its traceback too, except for refused requests
    (``django.security``: a forged Host is the client's fault, not a bug to debug)."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for name in FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["error"] = f"{type(error).__name__}: {error}"[:1000]
            if not record.name.startswith("django.security"):
                entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """First of all middleware: gives the request its id, then writes its line once answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _WELL_FORMED_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration = (time.perf_counter() - started) * 1000
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method[:16],
                request.path[:300],
                response.status_code,
                extra={
                    "method": request.method[:16],
                    "path": request.path[:300],
                    "status": response.status_code,
                    "duration_ms": round(duration, 1),
                },
            )
            return response
        finally:
            _request_id.reset(token)
