"""A file of many lines never builds an SQL ``IN`` list past the database's limit on query
parameters (issue 23, low item: « too many SQL variables » at about 250,000 lines on SQLite,
whose limit is 250,000 here, 32,766 on a stock build, 999 on older ones). The test lowers the
limit of the test database's connection to 999 and imports more lines than that."""

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection

from programmes.models import Structure
from tests.bulk.samples import csv_file

pytestmark = pytest.mark.django_db

LIMIT = 999
LINES = 1_000


@pytest.fixture
def low_parameter_limit():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's limit on query parameters")
    connection.ensure_connection()
    raw = connection.connection
    before = raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT)
    yield
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)


def test_more_lines_than_query_parameters(
    territories, tmp_path, low_parameter_limit, django_capture_on_commit_callbacks
):
    rows = [
        {"slug": f"s{n}", "name": f"Structure {n}", "kind": "cae", "territories": "dep-53"}
        for n in range(LINES)
    ]
    path = csv_file(tmp_path, "structures.csv", rows)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_directory", str(path), "--model", "structures", stdout=io.StringIO())
    assert Structure.objects.count() == LINES
    # Again: every line now finds its entry (the lookup of existing entries by slug).
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_directory", str(path), "--model", "structures", stdout=out)
    assert f"{LINES} sans changement" in out.getvalue()
