"""A statement too long for a public page (issue 23, item 8): PostgreSQL cancels it after
``ESSMAP_STATEMENT_TIMEOUT_MS`` and the visitor reads a French 503 saying how to narrow the
search — not a 500, nor the outage page; management commands and the admin are never cut
(essmap/statement_timeout.py). The page itself is checked on both databases with a simulated
cancellation; the real ``statement_timeout`` on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from essmap import outage, statement_timeout
from territories.models import Territory

ROOT = Path(__file__).resolve().parents[2]
ADVICE = "Précisez-la"
OUTAGE = "Le service est momentanément indisponible"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL seulement : statement_timeout"
)


@pytest.fixture
def raw_client():
    return Client(raise_request_exception=False)


def cancelled(execute, sql, params, many, context):
    """What Django raises when PostgreSQL cancels a statement (statement_timeout)."""
    try:
        raise psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    except psycopg.errors.QueryCanceled as error:
        raise OperationalError(str(error)) from error


@pytest.mark.django_db
def test_a_cancelled_statement_gets_its_own_french_page(raw_client, caplog):
    with connection.execute_wrapper(cancelled):
        page = raw_client.get("/programmes/?q=un+deux+trois")
        data = raw_client.get("/programmes/?q=un&format=json")
    assert page.status_code == 503
    body = page.content.decode()
    assert "<title>Recherche trop longue" in body
    assert "Cette recherche a demandé trop de temps" in body
    assert ADVICE in body
    assert OUTAGE not in body
    assert page["Cache-Control"] == "no-store"
    assert data.status_code == 503
    assert "Cette recherche a demandé trop de temps" in data.json()["error"]
    # Not an outage: no outage under way, one warning line per cancelled page.
    assert outage.outage.started is None
    lines = [r.getMessage() for r in caplog.records if r.name == "essmap.statement_timeout"]
    assert len(lines) == 2
    assert "/programmes/?q=un+deux+trois" in lines[0]


def test_a_cancelled_statement_is_not_an_outage():
    with pytest.raises(OperationalError) as raised:
        cancelled(None, "", None, False, {})
    assert statement_timeout.statement_timed_out(raised.value)
    assert not outage.database_unavailable(raised.value)
    assert not statement_timeout.statement_timed_out(OperationalError("connection refused"))


def slow_programmes(seconds):
    """An execute wrapper: the list's first query on programmes is preceded by a pg_sleep."""

    def wrapper(execute, sql, params, many, context):
        if "programmes_programme" in sql:
            execute(f"SELECT pg_sleep({seconds})", None, False, context)
        return execute(sql, params, many, context)

    return wrapper


@pytest.fixture
def no_timeout_left():
    """A request leaves its timeout on the connection (as a web worker's next request finds
    it): put the server's default back for the tests that follow."""
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    connection.essmap_statement_timeout = None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_cancels_a_long_statement_of_a_public_page(
    raw_client, settings, no_timeout_left
):
    settings.ESSMAP_STATEMENT_TIMEOUT_MS = 100
    with connection.execute_wrapper(slow_programmes(1)):
        page = raw_client.get("/programmes/?q=coop")
    assert page.status_code == 503
    assert "Cette recherche a demandé trop de temps" in page.content.decode()
    # The connection is still usable, and a quick page is answered.
    assert raw_client.get("/programmes/?q=coop").status_code == 200
    assert raw_client.get("/sante/").status_code == 200


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_zero_means_no_timeout(raw_client, settings, no_timeout_left):
    settings.ESSMAP_STATEMENT_TIMEOUT_MS = 0
    raw_client.get("/sante/")
    with connection.execute_wrapper(slow_programmes(0.3)):
        assert raw_client.get("/programmes/").status_code == 200


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_admin_is_not_cut(admin_client, settings, no_timeout_left):
    settings.ESSMAP_STATEMENT_TIMEOUT_MS = 100
    Client().get("/sante/")  # the public page's timeout is on the connection
    with connection.execute_wrapper(slow_programmes(0.3)):
        response = admin_client.get("/admin/programmes/programme/")
    assert response.status_code == 200


@on_postgresql
@pytest.mark.django_db
def test_a_management_command_is_not_cut():
    """A command run with the tiniest timeout in its environment (as an import or a migration
    would be, beside the web server) runs its long statement to the end."""
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT pg_sleep(0.3)')\n"
        "print('fini')\n"
    )
    environment = os.environ | {
        "DATABASE_URL": url,
        "ESSMAP_STATEMENT_TIMEOUT_MS": "1",
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "essmap.settings",
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert "fini" in finished.stdout


@on_postgresql
@pytest.mark.django_db
def test_a_server_side_cursor_is_given_the_timeout_too():
    """``.iterator()`` reads through a server-side cursor (DECLARE … CURSOR FOR), through which
    no SET can be sent: the SET goes through a cursor of its own."""
    with connection.execute_wrapper(statement_timeout._Timeout(1000)):
        keys = list(Territory.objects.values_list("key", flat=True).iterator(chunk_size=10))
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "1s"
    assert "FR" in keys
