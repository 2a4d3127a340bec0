"""The backup procedure of docs/operations.md, its commands read from the page and played on
PostgreSQL: ``pg_dump`` of a database holding the shipped content into a file only its owner
reads, ``pg_restore`` into a new database, and the restored one gives the same exports, the same
rows, and the shipped content finds nothing to change in it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.national,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL seulement : pg_dump et pg_restore"
    ),
    pytest.mark.skipif(
        not shutil.which("pg_dump"), reason="pg_dump absent (paquet Debian postgresql-client)"
    ),
]

# What a restore must give back: each export (the bulk CSV, which imports back as is), and the
# number of rows of every table of the directory and its territories.
FINGERPRINT = """
import hashlib
from django.apps import apps
from bulk.files import export_file
for model in ("structures", "programmes", "people"):
    print(model, hashlib.sha256(export_file(model, "csv")).hexdigest())
for app in ("territories", "programmes", "search", "suggestions", "auth"):
    for model in apps.get_app_config(app).get_models():
        print(model._meta.label, model._default_manager.count())
"""


def database_url(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def pg_environment():
    s = connection.settings_dict
    env = {"PATH": os.environ["PATH"], "PGUSER": s["USER"], "PGHOST": s["HOST"] or "127.0.0.1"}
    env["PGPORT"] = str(s["PORT"] or 5432)
    if s["PASSWORD"]:
        env["PGPASSWORD"] = s["PASSWORD"]
    return env


def manage(name, *args, script=None):
    env = {**pg_environment(), "DATABASE_URL": database_url(name), "DEBUG": "1"}
    env["ESSMAP_VAR_DIR"] = os.environ.get("ESSMAP_VAR_DIR", str(ROOT / "var"))
    command = [sys.executable, "manage.py", *args]
    if script:
        command += ["-c", script]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def fingerprint(name):
    """The fingerprint's lines, sorted (history models register in no fixed order)."""
    return sorted(manage(name, "shell", script=FINGERPRINT).splitlines())


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restauree"
    yield name
    with psycopg.connect(dbname="postgres", autocommit=True, **maintenance()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def maintenance():
    s = connection.settings_dict
    return {
        "user": s["USER"],
        "password": s["PASSWORD"] or None,
        "host": s["HOST"] or "127.0.0.1",
        "port": s["PORT"] or 5432,
    }


def documented_recipe():
    """The commands of the backup block of docs/operations.md, as an operator types them."""
    page = (ROOT / "docs" / "operations.md").read_text()
    section = page[page.index("## Sauvegardes") :]
    block = section[section.index("```sh\n") + 6 : section.index("```", section.index("```sh") + 5)]
    return [line.split("   #")[0] for line in block.splitlines() if line and line[0] != "#"]


def test_a_dump_restores_the_shipped_content_and_its_exports(shipped_data, restored_name, tmp_path):
    source = connection.settings_dict["NAME"]
    recipe = documented_recipe()
    dump_line, restore_line = recipe[1], recipe[4]
    assert recipe[0] == "umask 077"
    assert dump_line.startswith("pg_dump ")
    assert restore_line.startswith("pg_restore ")
    # The procedure of docs/operations.md, run as written under an operator's usual umask with
    # nothing but its addresses to say which server (no PGHOST, PGUSER…): the dump, a new
    # database, the restore; the migration is run below. Only the names change (the dump's
    # date, the restored database's).
    script = "\n".join(
        [
            "set -eu",
            "umask 022",
            recipe[0],
            dump_line,
            recipe[3].replace("essmap_restauree", restored_name),
            restore_line.replace("essmap-2026-11-27.dump", '"essmap-$(date +%F).dump"'),
        ]
    )
    assert "createdb --maintenance-db=" in script
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url(source),
        "RESTAURATION": database_url(restored_name),
    }
    subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, check=True)
    (dump,) = tmp_path.glob("essmap-*.dump")
    # Password hashes and personal data: readable by its owner only.
    assert dump.stat().st_mode & 0o777 == 0o600

    before = fingerprint(source)
    assert "programmes.Programme 0" not in before  # the shipped content is there
    assert fingerprint(restored_name) == before
    # Nothing to migrate, nothing of the shipped content to change in the restored base.
    assert "No migrations to apply" in manage(restored_name, "migrate", "--noinput")
    loaded = manage(restored_name, "load_shipped_data")
    assert "mis à jour : rien" in loaded
    assert "créés : rien" in loaded
    assert fingerprint(restored_name) == before
