"""Settings that fail closed: each test imports essmap.settings in a new process with only the
variables it names (run from a temporary folder, so that no .env file is read)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]
# What a careless operator sets, and nothing else.
MINIMAL = {
    "SECRET_KEY": "k" * 20 + "Zq8!vR2#mX5@pL9$wT4^nB7&cH1*jF6(dG3)sK0",
    "ALLOWED_HOSTS": "essmap.example.fr",
    "DATABASE_URL": "postgres://essmap@db.example.fr:5432/essmap",
}
# The same, correctly configured for production.
PRODUCTION = {
    **MINIMAL,
    "CSRF_TRUSTED_ORIGINS": "https://essmap.example.fr",
    "EMAIL_HOST": "smtp.example.fr",
    # Behind nginx (docs/deployment.md): the address it appends to X-Forwarded-For.
    "ESSMAP_CLIENT_IP_HEADER": "X-Forwarded-For",
}
SHOW = """
import json, django
from django.conf import settings
django.setup()
import sentry_sdk
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "benchmarks": "benchmarks" in settings.INSTALLED_APPS,
    "sentry": sentry_sdk.get_client().is_active(),
    "send_default_pii": sentry_sdk.get_client().options.get("send_default_pii"),
    "max_request_body_size": sentry_sdk.get_client().options.get("max_request_body_size"),
    **{name: str(getattr(settings, name)) for name in %r},
}))
"""


def environment(variables, tmp_path):
    return {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "essmap.settings",
        "ESSMAP_VAR_DIR": str(tmp_path / "var"),
        **variables,
    }


def read_settings(variables, tmp_path, *names):
    result = subprocess.run(
        [sys.executable, "-c", SHOW % (list(names),)],
        cwd=tmp_path,
        env=environment(variables, tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def manage(variables, tmp_path, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=tmp_path,
        env=environment(variables, tmp_path),
        capture_output=True,
        text=True,
    )


def test_a_careless_operator_gets_debug_off_and_https(tmp_path):
    """Only SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL: production, not a debug page."""
    got = read_settings(
        MINIMAL, tmp_path, "SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"
    )
    assert got["DEBUG"] is False
    assert got["SESSION_COOKIE_SECURE"] == "True"
    assert got["SECURE_SSL_REDIRECT"] == "True"
    assert got["SECURE_HSTS_SECONDS"] == str(365 * 24 * 3600)
    assert got["benchmarks"] is False
    assert got["sentry"] is False


def test_without_a_secret_key_nothing_starts(tmp_path):
    result = manage({}, tmp_path, "check")
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


def test_check_deploy_passes_at_warning_level_when_production_is_configured(tmp_path):
    result = manage(PRODUCTION, tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_warns_when_no_mail_server_is_said(tmp_path):
    result = manage(MINIMAL, tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "essmap.W002" in result.stderr
    assert "EMAIL_HOST" in result.stderr


def test_check_warns_behind_a_proxy_without_a_client_address_header(tmp_path):
    """Production trusts its HTTPS proxy (X-Forwarded-Proto): without the header that carries
    the client's address, every client is the proxy (five wrong passwords lock everyone out)."""
    result = manage(PRODUCTION | {"ESSMAP_CLIENT_IP_HEADER": ""}, tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "essmap.W003" in result.stderr
    assert "ESSMAP_CLIENT_IP_HEADER" in result.stderr
    assert "essmap.W003" not in manage(PRODUCTION, tmp_path, "check").stderr
    # A proxy count without the header is the same mistake, in development too.
    counted = manage({"DEBUG": "1", "ESSMAP_TRUSTED_PROXY_COUNT": "2"}, tmp_path, "check")
    assert "essmap.W003" in counted.stderr
    assert "essmap.W003" not in manage({"DEBUG": "1"}, tmp_path, "check").stderr


def test_a_proxy_count_below_one_is_refused_in_french(tmp_path):
    result = manage(PRODUCTION | {"ESSMAP_TRUSTED_PROXY_COUNT": "0"}, tmp_path, "check")
    assert result.returncode != 0
    assert "ESSMAP_TRUSTED_PROXY_COUNT doit valoir au moins 1" in result.stderr


def test_mails_go_to_smtp_in_production_to_the_console_in_development(tmp_path):
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert read_settings(MINIMAL, tmp_path, "EMAIL_BACKEND")["EMAIL_BACKEND"] == smtp
    got = read_settings({"DEBUG": "1"}, tmp_path, "EMAIL_BACKEND", "EMAIL_FILE_PATH")
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert got["EMAIL_FILE_PATH"] == str(tmp_path / "var" / "mails")
    got = read_settings({"DEBUG": "1", "EMAIL_HOST": "smtp.example.fr"}, tmp_path, "EMAIL_BACKEND")
    assert got["EMAIL_BACKEND"] == smtp


def test_the_mail_folder_and_the_alert_limits_are_read_from_the_environment(tmp_path):
    """``make run`` writes mails as files where EMAIL_FILE_PATH says (issue 23)."""
    variables = {
        "DEBUG": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "courriels"),
        "ESSMAP_ALERT_RECIPIENT_RATE": "2/d",
        "ESSMAP_ALERT_GLOBAL_RATE": "50/h",
    }
    got = read_settings(variables, tmp_path, *list(variables)[1:])
    assert got == got | {name: value for name, value in variables.items() if name != "DEBUG"}
    assert (
        read_settings({"DEBUG": "1"}, tmp_path, "ESSMAP_ALERT_RECIPIENT_RATE")[
            "ESSMAP_ALERT_RECIPIENT_RATE"
        ]
        == "3/d"
    )


def test_a_misspelt_rate_stops_the_start(tmp_path):
    result = manage({"DEBUG": "1", "ESSMAP_ALERT_GLOBAL_RATE": "200/heure"}, tmp_path, "check")
    assert result.returncode != 0
    assert "ESSMAP_ALERT_GLOBAL_RATE : « 200/heure » n’est pas un débit" in result.stderr


def test_debug_generates_and_keeps_a_dev_key(tmp_path):
    assert manage({"DEBUG": "1"}, tmp_path, "check").returncode == 0
    key = (tmp_path / "var" / "dev-secret-key").read_text()
    assert len(key) >= 50
    manage({"DEBUG": "1"}, tmp_path, "check")
    assert (tmp_path / "var" / "dev-secret-key").read_text() == key


def test_benchmarks_are_installed_only_when_asked_for(tmp_path):
    assert read_settings({"DEBUG": "1"}, tmp_path)["benchmarks"] is False
    assert read_settings({"DEBUG": "1", "ESSMAP_BENCHMARKS": "1"}, tmp_path)["benchmarks"]


def test_error_reporting_starts_only_with_a_dsn(tmp_path):
    assert read_settings(MINIMAL, tmp_path)["sentry"] is False
    # A DSN on a closed port: nothing is sent while no error happens.
    got = read_settings({**MINIMAL, "SENTRY_DSN": "http://public@127.0.0.1:9/1"}, tmp_path)
    assert got["sentry"] is True
    assert got["send_default_pii"] is False
    assert got["max_request_body_size"] == "never"


def test_an_old_name_is_still_read_and_check_says_to_rename_it(tmp_path):
    got = read_settings({"DEBUG": "1", "PAGE_CACHE": "1"}, tmp_path, "ESSMAP_PAGE_CACHE")
    assert got["ESSMAP_PAGE_CACHE"] == "True"
    both = {"DEBUG": "1", "PAGE_CACHE": "1", "ESSMAP_PAGE_CACHE": "0"}
    assert read_settings(both, tmp_path, "ESSMAP_PAGE_CACHE")["ESSMAP_PAGE_CACHE"] == "False"
    result = manage({"DEBUG": "1", "CLIENT_IP_HEADER": "X-Real-IP"}, tmp_path, "check")
    assert "essmap.W001" in result.stderr
    assert "ESSMAP_CLIENT_IP_HEADER" in result.stderr


def test_a_dotenv_file_is_read_and_the_environment_wins(tmp_path):
    (tmp_path / ".env").write_text("DEBUG=1\nESSMAP_ALERT_RATE=9/h\nESSMAP_SUGGESTION_RATE=8/h\n")
    got = read_settings(
        {"ESSMAP_SUGGESTION_RATE": "7/h"}, tmp_path, "ESSMAP_ALERT_RATE", "ESSMAP_SUGGESTION_RATE"
    )
    assert got["DEBUG"] is True
    assert got["ESSMAP_ALERT_RATE"] == "9/h"
    assert got["ESSMAP_SUGGESTION_RATE"] == "7/h"


FORGED_HOST = """
import json, django
from django.conf import settings
django.setup()
from django.test import Client, override_settings
# The pages name their static files; no collectstatic ran here.
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    client = Client(raise_request_exception=False)
    forged = client.get("/", HTTP_HOST="evil.example")
    missing = client.get("/pas-une-page-xyz/", HTTP_HOST="essmap.example.fr", secure=True)
print(json.dumps({
    "forged": [forged.status_code, forged.content.decode()],
    "missing": [missing.status_code, missing.content.decode()],
}))
"""


def test_a_forged_host_and_a_missing_page_show_nothing_of_the_machine(tmp_path):
    """Issue 23, item 2: with only what a careless operator sets, a forged ``Host`` got the
    69 KB technical page (settings, database user and host, paths) and a 404 listed the URL
    patterns. Now both are the plain pages of a production site."""
    variables = {**MINIMAL, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-c", FORGED_HOST],
        cwd=tmp_path,
        env=environment(variables, tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout.strip().splitlines()[-1])
    (forged_status, forged), (missing_status, missing) = got["forged"], got["missing"]
    assert forged_status == 400
    assert missing_status == 404
    for body in (forged, missing):
        for leak in ("DisallowedHost", "DATABASES", "db.example.fr", "URLconf", str(ROOT)):
            assert leak not in body


def test_gevent_workers_open_one_database_connection_per_request(tmp_path):
    """A connection kept by each greenlet stayed open after its client left: 70 left open by a
    few seconds of wrk, then PostgreSQL's « too many clients » and 503s (make run, gevent)."""
    show = 'settings.DATABASES["default"]["CONN_MAX_AGE"]'
    code = SHOW.replace("**{name", f"'conn_max_age': {show}, **{{name")
    for variables, expected in [
        ({}, 60),
        ({"GUNICORN_WORKER_CLASS": "gevent"}, 0),
        ({"GUNICORN_WORKER_CLASS": "gevent", "CONN_MAX_AGE": "5"}, 5),
    ]:
        result = subprocess.run(
            [sys.executable, "-c", code % ([],)],
            cwd=tmp_path,
            env=environment({**MINIMAL, **variables}, tmp_path),
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["conn_max_age"] == expected, variables
