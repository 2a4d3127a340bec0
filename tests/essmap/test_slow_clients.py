"""Slow clients do not stop the site: gunicorn started as ``make run`` starts it, then nginx with
the shipped configuration (deploy/nginx/essmap.conf) in front of it, as in production.

Each test starts real servers (a few seconds): marked ``server``. Liveness only (answered or
not); how fast is measured by benchmarks/slow_clients.py (docs/deployment.md)."""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
SLOW_HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: "

pytestmark = pytest.mark.server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_server_env(port):
    """What ``make run`` adds for gunicorn (RUN_SERVER_ENV in the Makefile), for this port."""
    printed = subprocess.run(
        ["make", "-s", "--no-print-directory", f"PORT={port}",
         "--eval", "print-run-server-env: ; @echo $(RUN_SERVER_ENV)", "print-run-server-env"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return dict(pair.split("=", 1) for pair in printed)


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} : pas prêt en {seconds} s")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn as ``make run`` starts it: yields its port."""
    port = free_port()
    with started_gunicorn(tmp_path, run_server_env(port)):
        yield port


@pytest.fixture
def production_gunicorn(tmp_path):
    """gunicorn as the production recipe starts it, behind nginx: its defaults (sync workers)."""
    port = free_port()
    with started_gunicorn(tmp_path, {"GUNICORN_BIND": f"127.0.0.1:{port}"}):
        yield port


@contextmanager
def started_gunicorn(tmp_path, server_env):
    """gunicorn with the production settings on plain HTTP (make run's), on an empty SQLite
    base: ``/sante/`` only runs ``SELECT 1``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "ESSMAP_", "DATABASE_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="slow-clients-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        ESSMAP_SECURE_COOKIES="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'essmap.sqlite3'}",
        ESSMAP_VAR_DIR=str(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        ESSMAP_ACCESS_LOG_FILE=str(tmp_path / "access.log"),
        ESSMAP_READY_MESSAGE="prêt",
        **server_env,
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "essmap.wsgi", "-c", "essmap/gunicorn_conf.py"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for(lambda: "prêt" in log.read_text(), 60, "gunicorn")
        yield
    finally:
        stop(process)


def slow_clients(port, count):
    """Connections that sent a request line and part of a header, and then nothing."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(SLOW_HEAD)
        sockets.append(sock)
    time.sleep(0.5)  # the server has taken them (a sync worker each, before)
    return sockets


def get(port, path, headers=None, timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_make_run_answers_while_slow_clients_wait(gunicorn):
    """Before: each of the two sync workers waited for the rest of a slow client's headers,
    and /sante/ had no answer for half a minute."""
    held = slow_clients(gunicorn, 20)
    try:
        status, _, body = get(gunicorn, "/sante/")
    except TimeoutError:
        pytest.fail("/sante/ sans réponse en 5 s pendant que 20 clients lents attendent")
    finally:
        for sock in held:
            sock.close()
    assert status == 200
    assert '"ok"' in body


# --- nginx in front (Debian's nginx: `make test` installs it when run as root) --------------


def nginx_config(tmp_path, listen_port, upstream_port):
    """The shipped configuration, its addresses and folders moved into tmp_path, inside the
    smallest main configuration nginx runs with."""
    errors = tmp_path / "erreurs"
    shutil.copytree(ROOT / "deploy/nginx/errors", errors)
    site = (ROOT / "deploy/nginx/essmap.conf").read_text()
    site = site.replace("/var/www/essmap-erreurs/", f"{errors}/")
    site = site.replace("listen [::]:80;", "")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    (tmp_path / "essmap.conf").write_text(site)
    temp = tmp_path / "temp"
    temp.mkdir()
    main = tmp_path / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        + "worker_processes 1;\nevents { worker_connections 512; }\n"
        + f"http {{\n  access_log {tmp_path}/access.log;\n  default_type text/html;\n"
        + "".join(
            f"  {kind}_temp_path {temp}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {tmp_path}/essmap.conf;\n}}\n"
    )
    return main


needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx absent (apt-get install nginx)")


@needs_nginx
def test_the_shipped_nginx_configuration_is_valid(tmp_path):
    config = nginx_config(tmp_path, free_port(), free_port())
    checked = subprocess.run(
        [NGINX, "-t", "-q", "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr


@pytest.fixture
def nginx(tmp_path, production_gunicorn):
    """nginx with the shipped configuration in front of production's gunicorn: its port."""
    port = free_port()
    config = nginx_config(tmp_path, port, production_gunicorn)
    command = [NGINX, "-c", str(config), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def listening():
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    try:
        wait_for(listening, 10, "nginx")
        yield port
    finally:
        stop(process)


def raw_request(port, data):
    """A request http.client would not send: status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, body.decode()


SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def assert_french_error_page(headers, body, title):
    assert '<html lang="fr">' in body
    assert f"<h1>{title}</h1>" in body
    for name, value in SECURITY_HEADERS.items():
        assert value in headers.get(name, ""), name
    assert "nginx" not in body


@needs_nginx
def test_nginx_passes_pages_and_answers_too_long_requests_in_french(nginx):
    status, headers, body = get(nginx, "/sante/")
    assert status == 200
    assert '"ok"' in body
    status, headers, body = get(nginx, "/programmes/?q=" + "a" * 5000)
    assert status == 414
    assert_french_error_page(headers, body, "Adresse trop longue")
    status, headers, body = get(nginx, "/", headers={"Cookie": "c=" + "a" * 5000})
    assert status == 431
    assert_french_error_page(headers, body, "En-têtes trop longs")
    status, headers, body = raw_request(nginx, b"GET /a b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status == 400
    assert_french_error_page(headers, body, "Requête incorrecte")
    # Its stylesheet is reachable, the pages themselves are not addresses of the site.
    assert get(nginx, "/_erreurs/erreurs.css")[0] == 200
    assert get(nginx, "/_erreurs/414.html")[0] == 404


@needs_nginx
def test_nginx_says_in_french_when_gunicorn_is_away(tmp_path):
    port = free_port()
    config = nginx_config(tmp_path, port, free_port())  # nothing listens there
    command = [NGINX, "-c", str(config), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: (tmp_path / "nginx.pid").exists(), 10, "nginx")
        time.sleep(0.2)
        status, headers, body = get(port, "/")
    finally:
        stop(process)
    assert status == 502
    assert_french_error_page(headers, body, "Service momentanément indisponible")


@needs_nginx
def test_slow_clients_wait_in_nginx_not_in_gunicorn(nginx):
    held = slow_clients(nginx, 50)
    try:
        status, _, body = get(nginx, "/sante/")
    finally:
        for sock in held:
            sock.close()
    assert status == 200


def test_the_documented_recipe_binds_gunicorn_to_the_loopback():
    """Behind nginx, gunicorn must not be reachable from outside (it would bypass the front)."""
    recipe = (ROOT / "docs/deployment.md").read_text()
    binds = re.findall(r"GUNICORN_BIND=(\S+)", recipe)
    assert binds
    assert all(bind.startswith("127.0.0.1:") for bind in binds)
