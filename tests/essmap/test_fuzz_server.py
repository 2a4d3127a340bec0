"""``make fuzz``: the hostile requests of ``hostile.py`` sent over HTTP to a running gunicorn
(``tests/fuzz.sh`` starts it with the production settings), then the table of status codes.

Skipped unless ``FUZZ_BASE_URL`` is set. ``FUZZ_REQUESTS`` (20,000 by default) requests are
drawn first, then sent by a few threads, one connection each; any 5xx, unescaped reflection or
non-JSON answer of a JSON endpoint fails the run, with the requests concerned."""

import collections
import http.client
import json
import os
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.essmap import hostile

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


def send(probe):
    host, port = server()
    body = probe.body
    if probe.method == "POST" and probe.content_type.startswith("application/x-www-form"):
        body += f"&csrfmiddlewaretoken={CSRF['token']}".encode()
    connection = http.client.HTTPConnection(host, port, timeout=120)
    try:
        url = probe.path + (f"?{probe.query}" if probe.query else "")
        connection.putrequest(probe.method, url, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"{host}:{port}" if probe.host is None else probe.host)
        if CSRF:
            connection.putheader("Cookie", f"csrftoken={CSRF['token']}")
        if body or probe.method in ("POST", "PUT", "PATCH"):
            connection.putheader("Content-Type", probe.content_type or "application/octet-stream")
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader("Content-Type", ""), body
    except (http.client.HTTPException, OSError) as error:
        return 0, "", repr(error).encode()
    finally:
        connection.close()


def listed_slugs(path):
    status, _, body = send(hostile.Probe("GET", path, "format=json&par_page=5"))
    assert status == 200, f"{path} : {status}"
    return [entry["slug"] for entry in json.loads(body)["results"]]


def test_hostile_requests_to_the_server():
    CSRF["token"] = csrf_token()
    programmes, structures = listed_slugs("/programmes/"), listed_slugs("/structures/")
    paths = [
        "/",
        "/programmes/",
        "/structures/",
        "/carte/",
        "/sante/",
        "/territoires/autocomplete/",
        "/territoires/53147/",
        "/territoires/dep-53/",
        "/territoires/reg-52/",
        "/territoires/FR/",
        *[f"/programmes/{slug}/" for slug in programmes],
        *[f"/structures/{slug}/" for slug in structures],
        "/proposer/",
        "/proposer/merci/",
        f"/signaler/structure/{structures[0]}/",
        f"/signaler/dispositif/{programmes[0]}/merci/",
        "/admin/login/",
        "/admin/",
        "/static/css/essmap.css",
        "/inexistant/",
    ]
    report = ["message", "website", "contact_name", "contact_email", "commentaire"]
    forms = {
        "/proposer/": ["kind", "name", "territory", *report],
        f"/signaler/structure/{structures[0]}/": report,
        f"/signaler/dispositif/{programmes[0]}/": report,
        "/admin/login/": ["username", "password", "next"],
    }
    drawn = []

    @settings(
        max_examples=REQUESTS,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(probe=hostile.probes(paths, forms))
    def draw(probe):
        drawn.append(probe)

    draw()
    drawn = drawn[:REQUESTS]
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(send, drawn))

    statuses = collections.Counter(status for status, _, _ in answers)
    failures = []
    for probe, (status, content_type, body) in zip(drawn, answers, strict=True):
        found = hostile.problems(probe, status, content_type, body)
        if status == 0:
            found.append(f"pas de réponse ({body.decode()[:100]})")
        if found:
            failures.append(f"{probe.describe()} → {status} : {', '.join(found)}")
    print(f"\n{len(drawn)} requêtes hostiles envoyées à {BASE_URL}\n")
    print("| Statut | Réponses |\n|---:|---:|")
    for status, count in sorted(statuses.items()):
        print(f"| {status or 'aucune'} | {count} |")
    print(f"| **5xx** | **{sum(c for s, c in statuses.items() if s >= 500)}** |")
    assert not failures, f"{len(failures)} réponses fautives :\n" + "\n".join(failures[:30])
