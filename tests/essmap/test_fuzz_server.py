"""``make fuzz``: the hostile requests of ``hostile.py`` sent over HTTP to a running gunicorn
(``tests/fuzz.sh`` starts it with the production settings), then the table of status codes.

Skipped unless ``FUZZ_BASE_URL`` is set. The addresses come from the URL configuration
(``routes.py``), filled with slugs the server lists. Two phases, each with its table:
``FUZZ_REQUESTS`` (20,000 by default) drawn requests, sent by a few threads, one connection
each; then the catalogue of ``hostile.form_attacks`` on every page that takes a POST, with a
valid CSRF token (cookie and field, as a browser sends them). Any 5xx, unescaped reflection or
non-JSON answer of a JSON endpoint fails the run, with the requests concerned."""

import collections
import http.client
import json
import os
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, Phase, given, settings

from alerts.tokens import confirmation_token
from opendata.sitemaps import SITEMAPS
from tests.essmap import hostile, routes

BASE_URL = os.environ.get("FUZZ_BASE_URL")
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "20000"))
THREADS = int(os.environ.get("FUZZ_THREADS", "4"))

pytestmark = [
    pytest.mark.fuzz_server,
    pytest.mark.skipif(not BASE_URL, reason="make fuzz seulement (FUZZ_BASE_URL)"),
]


def server():
    parts = urllib.parse.urlsplit(BASE_URL)
    return parts.hostname, parts.port or 80


CSRF = {}


def csrf_token():
    """A CSRF cookie and token from the proposal form, so that posts reach the forms."""
    host, port = server()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request("GET", "/proposer/", headers={"Host": f"{host}:{port}"})
    response = connection.getresponse()
    response.read()
    cookie = response.getheader("Set-Cookie", "")
    return cookie.split("csrftoken=", 1)[1].split(";", 1)[0]


def raw_send(method, path, query="", host=None, body=b"", content_type="", headers=None):
    server_host, port = server()
    connection = http.client.HTTPConnection(server_host, port, timeout=120)
    try:
        url = path + (f"?{query}" if query else "")
        connection.putrequest(method, url, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"{server_host}:{port}" if host is None else host)
        if CSRF:
            connection.putheader("Cookie", f"csrftoken={CSRF['token']}")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body or method in ("POST", "PUT", "PATCH"):
            # As bytes: a hostile type (a non-ASCII boundary) goes out as UTF-8, as sent.
            connection.putheader(
                "Content-Type", (content_type or "application/octet-stream").encode()
            )
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    except (http.client.HTTPException, OSError) as error:
        return 0, "", repr(error).encode()
    finally:
        connection.close()


def send(probe):
    """``probe`` with the CSRF token (in the body of a form, else in the header)."""
    body, headers = hostile.with_token(probe, CSRF["token"])
    return raw_send(
        probe.method, probe.path, probe.query, probe.host, body, probe.content_type, headers
    )


def listed_slugs(path):
    status, _, body = send(hostile.Probe("GET", path, "format=json&par_page=5"))
    assert status == 200, f"{path} : {status}"
    return [entry["slug"] for entry in json.loads(body)["results"]]


def route_of(path):
    from django.urls import resolve

    try:
        return resolve(urllib.parse.unquote(path)).view_name
    except Exception:  # noqa: BLE001 — a path no route takes
        return None


def forms_of(paths):
    """{path: fields} of the pages that take a POST with a valid token (not 404 or 405), one
    page per route, the fields read from the page."""
    forms, seen = {}, set()
    for path in paths:
        name = route_of(path)
        if name in seen:
            continue
        probe = hostile.Probe("POST", path, content_type=hostile.URLENCODED)
        if send(probe)[0] in (404, 405):
            continue
        seen.add(name)
        status, _, page = send(hostile.Probe("GET", path))
        forms[path] = routes.form_fields(page.decode(errors="replace"))
    return forms


def table(title, answers):
    statuses = collections.Counter(status for status, _, _ in answers)
    print(f"\n{title}\n")
    print("| Statut | Réponses |\n|---:|---:|")
    for status, count in sorted(statuses.items()):
        print(f"| {status or 'aucune'} | {count} |")
    print(f"| **5xx** | **{sum(c for s, c in statuses.items() if s >= 500)}** |")


def faults(probe, status, content_type, body):
    found = hostile.problems(probe, status, content_type, body)
    if status == 0:
        found.append(f"pas de réponse ({body.decode()[:100]})")
    return found


def test_hostile_requests_to_the_server():
    CSRF["token"] = csrf_token()
    programmes, structures = listed_slugs("/programmes/"), listed_slugs("/structures/")
    samples = routes.Samples(
        programmes=programmes,
        structures=structures,
        territories=["dep-53", "53147", "reg-52", "FR", "200055887"],
        # Valid when this process has the server's SECRET_KEY (make fuzz passes the same).
        confirmation_token=confirmation_token("personne@example.org", "etape=idee"),
        sitemap_sections=list(SITEMAPS),
    )
    all_routes = routes.every_route()
    filled = routes.probe_paths(all_routes, samples)
    paths = [path for route_paths in filled.values() for path in route_paths]
    paths += ["/static/css/essmap.css", "/inexistant/"]
    # The admin's pages redirect a visitor to its login before reading anything: its login form
    # alone is a form to a visitor (the suite probes the others as a curator).
    forms = forms_of(
        [p[0] for route, p in filled.items() if not route.is_admin] + ["/admin/login/"]
    )
    drawn = []

    @settings(
        max_examples=REQUESTS,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(probe=hostile.probes(paths, {p: list(f) for p, f in forms.items() if f}))
    def draw(probe):
        drawn.append(probe)

    draw()
    drawn = drawn[:REQUESTS]
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(send, drawn))
    failures = []
    for probe, answer in zip(drawn, answers, strict=True):
        if found := faults(probe, *answer):
            failures.append(f"{probe.describe()} → {answer[0]} : {', '.join(found)}")
    print(f"\n{len(all_routes)} routes, {len(paths)} adresses, {len(forms)} pages prenant un POST")
    table(f"{len(drawn)} requêtes hostiles tirées, envoyées à {BASE_URL}", answers)

    # The catalogue: every form, a valid token in the body (or header where it cannot be).
    sent, catalogue_answers = [], []
    for path, fields in forms.items():
        attacks = hostile.form_attacks(
            list(fields),
            fields,
            CSRF["token"],
            max_fields=django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            max_files=django_settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            max_memory=django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )
        if not fields:
            attacks = [item for item in attacks if item.label in hostile.SHORT_CATALOGUE]
        for item in attacks:
            headers = {"X-CSRFToken": CSRF["token"]} if item.token == "header" else {}
            answer = raw_send("POST", path, "", None, item.body, item.content_type, headers)
            sent.append((path, item))
            catalogue_answers.append(answer)
            probe = hostile.Probe("POST", path, body=item.body, content_type=item.content_type)
            found = faults(probe, *answer)
            if item.token == "body" and answer[0] == 403:
                found.append("refusé par la vérification CSRF : le jeton n’a pas été lu")
            if found:
                failures.append(f"POST {path} [{item.label}] → {answer[0]} : {', '.join(found)}")
    table(
        f"{len(sent)} corps hostiles (catalogue, jeton CSRF valable) sur {len(forms)} pages",
        catalogue_answers,
    )
    by_page = collections.Counter(
        failure.split(" → ")[0].split("?")[0][:80] for failure in failures
    )
    print("\nRéponses fautives par requête :", *by_page.most_common(20), sep="\n")
    assert not failures, f"{len(failures)} réponses fautives :\n" + "\n".join(failures[:40])
