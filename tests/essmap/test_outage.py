"""The database away: a French 503 with Retry-After (JSON to JSON requests), the text of a
form kept, one log line per outage instead of a traceback per request, and recovery without a
restart — on a simulated failure (both databases) and on PostgreSQL refusing connections."""

import logging
from contextlib import contextmanager

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from essmap import outage
from essmap.views import server_error
from tests.conftest import make_programme, make_structure

MESSAGE = "Le service est momentanément indisponible, réessayez dans quelques minutes."


@pytest.fixture(autouse=True)
def no_outage_under_way():
    outage.outage.recovered()
    yield
    outage.outage.started = None


@pytest.fixture
def raw_client():
    return Client(raise_request_exception=False)


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@contextmanager
def database_away():
    """Every query of this thread's connection fails as if the server were gone."""
    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def entry(territories):
    coop = make_structure("Coop de Mayenne", territories=[territories["dep53"]])
    make_programme("Incubateur", territories=[territories["dep53"]], operators=[coop])
    return coop


def test_a_page_says_in_french_to_come_back_later(raw_client, entry):
    with database_away():
        response = raw_client.get("/programmes/?territoire=dep-53")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert MESSAGE in body
    assert "<title>Service momentanément indisponible" in body


@pytest.mark.parametrize(
    "address",
    ["/programmes/?format=json", "/carte/?format=json", "/territoires/autocomplete/?q=lav"],
)
def test_a_json_request_gets_a_json_503(raw_client, entry, address):
    with database_away():
        response = raw_client.get(address)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {"error": MESSAGE}


def test_the_health_check_says_503_with_retry_after(raw_client, db):
    with database_away():
        response = raw_client.get("/sante/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json()["status"] == "erreur"


def test_a_proposal_sent_during_the_outage_comes_back_as_typed(raw_client, db):
    typed = {
        "kind": "structure",
        "name": "Coopérative « Les Liens »",
        "message": "Accompagne les projets collectifs <b>en Mayenne</b>\ndepuis 2019.",
        "website": "https://liens.example.fr",
        "territory": "Laval",
        "contact_name": "Camille",
        "contact_email": "camille@example.fr",
        "commentaire": "",
    }
    with database_away():
        response = raw_client.post("/proposer/", typed)
    assert response.status_code == 503
    body = response.content.decode()
    assert MESSAGE in body
    assert "Rien de ce que vous avez écrit n’est perdu" in body
    assert 'action="/proposer/"' in body
    assert "Coopérative « Les Liens »" in body
    assert "Accompagne les projets collectifs &lt;b&gt;en Mayenne&lt;/b&gt;\ndepuis 2019." in body
    assert 'value="camille@example.fr"' in body
    assert '<input type="hidden" name="kind" value="structure">' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "Ne remplissez pas ce champ" not in body  # the honeypot is not given back


def test_an_error_report_sent_during_the_outage_comes_back_as_typed(raw_client, entry):
    with database_away():
        response = raw_client.post(
            f"/signaler/structure/{entry.slug}/", {"message": "Le site web a changé."}
        )
    assert response.status_code == 503
    assert "Le site web a changé.</textarea>" in response.content.decode()


def test_an_error_outside_the_views_is_a_503_too(db):
    """Middleware (sessions, login lockout) reaches handler500: it answers 503 as well."""
    request = RequestFactory().get("/admin/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_one_log_line_per_outage_not_a_traceback_per_request(raw_client, entry, caplog):
    caplog.set_level(logging.INFO)
    with database_away():
        for _ in range(30):
            assert raw_client.get("/programmes/").status_code == 503
            assert raw_client.get("/structures/?format=json").status_code == 503
    lines = [r for r in caplog.records if r.name == "essmap.outage"]
    assert [r.getMessage()[:32] for r in lines] == ["Base de données injoignable : ré"]
    assert not [r for r in caplog.records if r.exc_info]
    assert not [r for r in caplog.records if r.name == "django.request"]
    assert raw_client.get("/proposer/").status_code == 200  # no query: says nothing yet
    assert len([r for r in caplog.records if r.name == "essmap.outage"]) == 1
    assert raw_client.get("/sante/").status_code == 200
    back = [r for r in caplog.records if r.name == "essmap.outage"][-1]
    assert back.getMessage().startswith("Base de données de nouveau joignable")
    assert back.outage_refused == 60


def test_django_tracebacks_of_an_outage_are_dropped():
    skip = outage.SkipDatabaseUnavailable()
    error = OperationalError("refused")
    record = logging.LogRecord(
        "django.request", logging.ERROR, "", 0, "Service Unavailable: /", (), (None, error, None)
    )
    assert skip.filter(record) is False
    other = logging.LogRecord(
        "django.request", logging.ERROR, "", 0, "boom", (), (None, ValueError("x"), None)
    )
    assert skip.filter(other) is True


# ---------------------------------------------------------------------------
# PostgreSQL refusing connections under the app, then accepting them again.


@contextmanager
def maintenance_connection():
    """A connection to the server's ``postgres`` database, outside Django."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        yield admin


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL seulement : arrête les connexions du serveur sous l’application",
)
def test_postgresql_stopped_under_the_app_gives_503_then_recovers(transactional_db, caplog):
    client = Client(raise_request_exception=False)
    assert client.get("/programmes/").status_code == 200
    name = connection.settings_dict["NAME"]
    with maintenance_connection() as admin:
        # No new connection to the test database, and the application's ones cut.
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            page = client.get("/programmes/")
            data = client.get("/programmes/?format=json")
            health = client.get("/sante/")
            again = client.get("/structures/")
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert page.status_code == 503
    assert MESSAGE in page.content.decode()
    assert page["Retry-After"] == "60"
    assert (data.status_code, data.json()) == (503, {"error": MESSAGE})
    assert health.status_code == 503
    assert again.status_code == 503
    # Back without a restart: the next requests reconnect.
    assert client.get("/programmes/").status_code == 200
    assert client.get("/sante/").json() == {"status": "ok"}
    messages = [r.getMessage() for r in caplog.records if r.name == "essmap.outage"]
    assert len(messages) == 2
    assert "de nouveau joignable" in messages[1]


def test_the_health_check_writes_one_error_line_per_outage(raw_client, db, caplog):
    """A load balancer probes ``/sante/`` every few seconds: during an outage, one ERROR line
    at its start (not Django's « Service Unavailable » for each probe), nothing above INFO for
    the probes after it, one line when the database is back."""
    caplog.set_level(logging.INFO)
    with database_away():
        for _ in range(20):
            assert raw_client.get("/sante/").status_code == 503
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.name, r.getMessage()[:27]) for r in errors] == [
        ("essmap.outage", "Base de données injoignable")
    ]
    assert not [r for r in caplog.records if r.name == "django.request"]
    assert raw_client.get("/sante/").status_code == 200
    back = [r for r in caplog.records if r.name == "essmap.outage"][-1]
    assert back.getMessage().startswith("Base de données de nouveau joignable")
    assert back.outage_refused == 20


def test_later_lines_of_a_long_outage_are_warnings(db, caplog, monkeypatch):
    """Past the first line, the summary every minute is a WARNING: the outage is one error."""
    caplog.set_level(logging.INFO, logger="essmap.outage")
    clock = iter(range(0, 600, 30))
    monkeypatch.setattr(outage.time, "monotonic", lambda: float(next(clock)))
    for _ in range(5):  # every 30 s for two minutes
        outage.outage.failed(OperationalError("refused"))
    levels = [r.levelname for r in caplog.records if r.name == "essmap.outage"]
    assert levels == ["ERROR", "WARNING", "WARNING"]
