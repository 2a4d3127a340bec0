"""What every app's views share about HTTP: a 404 written for the visitor, the one responder
that answers a view in HTML, JSON or CSV (``?format=``), numbers read from an address, the size
of a form's body, and the client's address as the rate limit and the login lockout count
it."""

import csv
import ipaddress
import re

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from essmap.cells import csv_text


class FriendlyHttp404(Http404):
    """A 404 whose message is written for the visitor and may be shown as is."""


def url_integer(raw, default=None, max_digits=6):
    """A whole number from an address (``?page=``, ``?par_page=``, an admin filter): ASCII digits
    only, at most ``max_digits`` of them; ``default`` for anything else.

    ``str.isdigit()`` accepts « ² », « ① » or Arabic-Indic digits, which ``int()`` then refuses
    or reads: a number typed in an address is only ever 0-9."""
    if not isinstance(raw, str) or not 0 < len(raw) <= max_digits:
        return default
    if not (raw.isascii() and raw.isdigit()):
        return default
    return int(raw)


# Characters of the words typed (``?q=``) read, at most: people describing a project write 200
# to 500, and a description may be pasted whole. Beyond, the start is read (cut at a word's
# end): the lists and the widget send to the address with only that start, so that every link
# of the page stays within ESSMAP_MAX_QUERY_STRING. The search analyses only the first words
# (search.query.MAX_WORDS): a long text costs no more than a short one.
WORDS_MAX_LENGTH = 1000


def words_kept(text):
    """The start of ``text`` that is read: at most WORDS_MAX_LENGTH characters, cut after a
    whole word when there is one."""
    text = (text or "").strip()
    if len(text) <= WORDS_MAX_LENGTH:
        return text
    start = text[: WORDS_MAX_LENGTH + 1]
    head, space, _tail = start.rpartition(" ")
    return (head if space and head.strip() else start[:WORDS_MAX_LENGTH]).strip()


def body_size(request):
    """The size in bytes of a POST's body, for a form's own limit (checked before its rate
    limit). A multipart body has already been read as a stream (the CSRF check reads
    ``request.POST``), so ``request.body`` would raise ``RawPostDataException``: then the
    ``Content-Length`` header says it (Django reads no more of a body than that)."""
    try:
        return len(request.body)
    except RawPostDataException:
        return url_integer(request.META.get("CONTENT_LENGTH"), default=0, max_digits=12)


def answers_json(view):
    """Mark a view whose every answer is JSON (the autocomplete, ``/sante/``): its errors (404,
    503…) are JSON too."""
    view.answers_json = True
    return view


def read_only(view):
    """Mark a public view that only reads (the lists, entries, map and API): GET and HEAD,
    anything else 405 with ``Allow``. Without the exemption the CSRF check, which guards
    writes and has none to guard here, would answer a POST 403 before the view could say
    which methods it takes."""
    return csrf_exempt(require_safe(view))


def wants_json(request):
    """Whether an answer to ``request`` should be JSON: ``?format=json`` (the value the views
    read, the last one), a view marked :func:`answers_json`, or a client asking only for JSON."""
    try:
        if request.GET.get("format") == "json":
            return True
    except Exception:  # an unreadable query string is not a JSON request
        return False
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match.func, "answers_json", False):
        return True
    accept = request.META.get("HTTP_ACCEPT", "")
    return "application/json" in accept and "text/html" not in accept


def client_address(request):
    """The client's address, the one the suggestion and alert rate limits and django-axes (the
    login lockout) all count; an IPv6 address by its /64, which one client holds whole. Always a
    valid address or None.

    Without ``ESSMAP_CLIENT_IP_HEADER``: ``REMOTE_ADDR``. Behind proxies, the address that the
    outermost trusted one wrote: each proxy *appends* the address it received the request from
    (nginx's ``$proxy_add_x_forwarded_for``), so with ``ESSMAP_TRUSTED_PROXY_COUNT`` = N it is
    the N-th value from the right. Whatever stands before it the client wrote itself: reading
    the first value let a client choose its address (a new one for each request past the rate
    limit and the lockout, or its victim's to lock her out). A header with fewer than N values
    (a request that did not come through every proxy) or a malformed value gives
    ``REMOTE_ADDR``."""
    key = settings.ESSMAP_CLIENT_IP_META_KEY
    candidates = [_added_by_trusted_proxy(request.META.get(key)) if key else None]
    candidates.append(request.META.get("REMOTE_ADDR"))
    for raw in candidates:
        try:
            address = ipaddress.ip_address((raw or "").strip()[:100])
        except ValueError:
            continue
        if address.version == 6:
            return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
        return str(address)
    return None


def _added_by_trusted_proxy(header):
    """The value of ``header`` that the outermost trusted proxy added, or None."""
    values = (header or "").split(",")
    count = settings.ESSMAP_TRUSTED_PROXY_COUNT
    if not header or len(values) < count:
        return None
    return values[-count]


def rate_limit_key(group, request):
    """django-ratelimit's key: the client's address (see :func:`client_address`)."""
    return client_address(request) or "inconnue"


# The units of a django-ratelimit rate ("5/h"), in seconds and in words.
RATE_PERIODS = {
    "s": (1, "une seconde"),
    "m": (60, "une minute"),
    "h": (3600, "une heure"),
    "d": (86400, "une journée"),
}


def rate_period(rate):
    """(seconds, words) of the period of ``rate`` ("5/h" → 3600, "une heure"): how long a
    refused client waits at most (``Retry-After``). "5/2h" has no words ("")."""
    multiple, unit = re.fullmatch(r"\d+/(\d*)([smhd])", rate).groups()
    seconds, words = RATE_PERIODS[unit]
    if multiple and multiple != "1":
        return seconds * int(multiple), ""
    return seconds, words


def requested_format(request, offered=("html", "json", "csv")):
    """The ``?format=`` asked for — "html" when absent or empty — or None when it is not one of
    ``offered``."""
    chosen = request.GET.get("format") or "html"
    return chosen if chosen in offered else None


def unknown_format(offered=("html", "json", "csv")):
    others = " ou ".join(f"format={name}" for name in offered if name != "html")
    return HttpResponse(
        f"Format inconnu : utilisez {others}.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def json_response(body, status=200):
    """JSON as people read it: accents as they are, not escaped."""
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def csv_response(file_name, fieldnames, rows):
    """A CSV download (UTF-8 with BOM and « ; », so spreadsheet software opens accents right)
    of dicts; lists become "a | b", nested objects their one-line ``text`` (or name, or code),
    booleans oui/non; a cell a spreadsheet would run as a formula gets an apostrophe first
    (essmap/cells.py)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=fieldnames, delimiter=";")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_text(_cell(value)) for key, value in row.items()})
    return response


def _cell(value):
    if isinstance(value, list):
        return " | ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or value.get("code") or ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)
