"""A small, hand-made but real slice of French territories, and builders for entries."""

import datetime
import fcntl
import os
import re
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction

from curation.roles import ensure_groups
from essmap import cache as essmap_cache
from programmes.models import (
    Format,
    Programme,
    ProgrammeStructure,
    Public,
    PublicationStatus,
    Sector,
    Structure,
    StructureKind,
)
from search import documents as search_index
from search.models import SearchSynonym
from territories.models import Territory, TerritoryKind


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are built for every request, as tests change data inside a transaction that
    never commits (so the content version never changes); tests/essmap/test_page_cache.py
    turns the cache on. What a process keeps per content version is forgotten between tests:
    a version committed by an earlier test may come back.

    The search budget (essmap/throttle.py) is off too, as the page cache it sits under:
    every test is the same client, whose budget a live server's tests would spend in the
    cache table (which no rollback or flush empties), and its cache reads are not a page's
    own queries. tests/essmap/test_throttle.py turns it on."""
    settings.ESSMAP_PAGE_CACHE = False
    settings.ESSMAP_SEARCH_RATE = ""
    essmap_cache._memo.clear()


@pytest.fixture(scope="session", autouse=True)
def database_features_known(django_db_setup, django_db_blocker):
    """Django asks SQLite once per process whether it has JSON (a savepoint and a query):
    asked here, before any test, so that it never lands in the one a query count measures."""
    with django_db_blocker.unblock():
        connection.features.supports_json_field  # noqa: B018 (a cached property, read to fill it)


def make_territory(kind, code, name, containers=(), population=None):
    territory = Territory.objects.create(kind=kind, code=code, name=name, population=population)
    france = Territory.objects.get(key="FR")
    territory.containers.add(france, *containers)
    return territory


def ensure_migration_rows():
    """The rows data migrations create (France, vocabularies) are truncated by transactional
    tests; put them back the way the migrations do (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.utils.module_loading import import_string

    synonyms = import_string("programmes.migrations.0005_search_documents.SYNONYMS")
    # A flush empties every table at once, and each test's transaction rolls back whole: with
    # France, a vocabulary, the synonyms and the three groups there, all the rows are. Four
    # queries rather than about seventy, for every test that builds territories.
    if (
        Territory.objects.filter(key="FR").exists()
        and Public.objects.exists()
        and SearchSynonym.objects.count() >= len(synonyms)
        and Group.objects.count() >= 3
    ):
        return
    # One transaction: after a transactional test's flush (every browser test's), the content
    # version (essmap/cache.py) changes once at its commit rather than after each of about
    # seventy writes (700 queries, about a second, down to a third).
    with transaction.atomic():
        import_string("territories.migrations.0003_france.create_france")(apps, None)
        import_string("programmes.migrations.0002_vocabularies.create_vocabularies")(apps, None)
        for expressions in synonyms:
            SearchSynonym.objects.get_or_create(expressions=expressions)
        ensure_groups(apps)


def _forget_database_rows():
    """What the process keeps of a database's rows: content types, by primary key, which
    differ from one database to another once a transactional test's flush made them again
    (and the shipped data's database may have been made by another xdist worker)."""
    ContentType.objects.clear_cache()


def _use_database(name):
    """Point the default connection at the database ``name`` (the next query connects)."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    _forget_database_rows()


@contextmanager
def _connected_to(name):
    before = connection.settings_dict["NAME"]
    _use_database(name)
    try:
        yield
    finally:
        _use_database(before)


def _copy_postgresql_database(source, target):
    """``target`` made anew as a copy of ``source`` (``CREATE DATABASE … TEMPLATE``: the
    files copied, not the rows written again). No one may be connected to ``source``."""
    connection.close()
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


# The xdist workers of one run share the PostgreSQL database ``load_shipped_data`` filled:
# it is marked with the run's identifier (the same in every worker), and rebuilt when it
# bears another one (a former run's, left by an interrupted run).
RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def shipped_database_name(test_database):
    """``test_essmap_shipped`` for the test databases ``test_essmap_gw0``, ``test_essmap_gw1``…
    (pytest-xdist's suffixes) and for ``test_essmap``."""
    return re.sub(r"_gw[0-9]+$", "", test_database) + "_shipped"


def _load_postgresql_once(test_database, loaded):
    """``loaded`` holds the shipped data for this run: the first worker to get here makes it
    (a copy of its migrated, empty test database, then ``load_shipped_data``) while the others
    wait for it (an advisory lock) rather than loading the same files at the same time."""
    connection.close()
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [loaded])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [loaded],
            )
            found = cursor.fetchone()
            if found is None or found[0] != RUN:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(loaded)} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {quote(loaded)} TEMPLATE {quote(test_database)}")
                with _connected_to(loaded):
                    load_shipped()
                cursor.execute(f"COMMENT ON DATABASE {quote(loaded)} IS %s", [RUN])
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [loaded])


def _drop_postgresql_databases(names):
    connection.close()
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")


def _sqlite_copy(source):
    """The whole of the SQLite database of the connection ``source``, page by page, in a new
    database in memory (sqlite's backup API)."""
    copy = sqlite3.connect(":memory:")
    source.backup(copy)
    return copy


def shipped_file():
    """Where the xdist workers of a SQLite run leave the shipped data's database for each
    other (``_load_sqlite_once``); the controller removes it at the end."""
    return Path(tempfile.gettempdir()) / f"essmap-test-shipped-{RUN}.sqlite3"


def _load_sqlite_once():
    """The shipped data in the test database, and a copy of it in memory for the next modules.
    Under xdist the first worker to get here loads them and writes the database to
    ``shipped_file``; the others wait for it (a file lock) and read it rather than loading the
    same files at the same time."""
    if not XDIST_WORKER:
        load_shipped()
        return _sqlite_copy(connection.connection)
    path = shipped_file()
    with path.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        if path.exists():
            written = sqlite3.connect(path)
            copy = _sqlite_copy(written)
            written.close()
            copy.backup(connection.connection)
            _forget_database_rows()
            return copy
        load_shipped()
        copy = _sqlite_copy(connection.connection)
        partial = path.with_suffix(".partial")
        written = sqlite3.connect(partial)
        copy.backup(written)
        written.close()
        partial.rename(path)
        return copy


def load_shipped():
    ensure_migration_rows()
    call_command("load_shipped_data", verbosity=0)


# What ``load_shipped_data`` gave, kept once per process (one per xdist worker): on
# PostgreSQL the name of a database holding it, on SQLite a copy of the database in memory.
_shipped = {}


def pytest_configure(config):
    """In xdist's controller, the run's identifier is chosen here (xdist passes it on to the
    workers), so that the controller knows what they share (``pytest_sessionfinish``)."""
    if not XDIST_WORKER and getattr(config.option, "testrunuid", "") is None:
        config.option.testrunuid = RUN


def pytest_sessionfinish(session):
    """In xdist's controller, once every worker is done: remove what the workers shared, the
    shipped data's database (PostgreSQL, ``_load_postgresql_once``) or file (SQLite,
    ``_load_sqlite_once``), if one of them made it."""
    if XDIST_WORKER or not session.config.pluginmanager.has_plugin("dsession"):
        return
    path = shipped_file()
    for leftover in (path, path.with_suffix(".lock"), path.with_suffix(".partial")):
        leftover.unlink(missing_ok=True)
    if connection.vendor != "postgresql":
        return
    import psycopg

    loaded = shipped_database_name(connection.creation._get_test_db_name())
    s = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    ) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{loaded}" WITH (FORCE)')


@pytest.fixture(scope="session")
def shipped_databases(django_db_setup, django_db_blocker):
    """The PostgreSQL databases ``shipped_data`` makes, dropped at the end of the session
    (before the test database)."""
    made = []
    yield made
    if made:
        with django_db_blocker.unblock():
            _drop_postgresql_databases(made)


@contextmanager
def shipped_database(made):
    """The test database holds the national reference and the shipped content for the time of
    the block, and afterwards is exactly what it was (history rows, links, sequences,
    everything a loader's signals wrote): the loaded data never go through it.

    On PostgreSQL ``load_shipped_data`` (about 15 s) runs once per run, into a copy of a
    migrated, empty test database, ``test_essmap_shipped``, which the xdist workers share
    (``_load_postgresql_once``); each block then works on a fresh copy of that one,
    ``<test database>_module``, made by ``CREATE DATABASE … TEMPLATE`` (about a second), and
    the connection goes back to the test database after it. On SQLite (a database in memory)
    the command runs once per run too (``_load_sqlite_once``); the test database is kept aside
    page by page (sqlite's backup API), the loaded data are copied over it the same way, then
    it is copied back.

    It used to delete every row and write back 200,000 kept rows, then delete them and write
    back the rows from before, for each module: 8 to 15 s a module on PostgreSQL."""
    if connection.vendor == "postgresql":
        test_database = connection.settings_dict["NAME"]
        loaded = shipped_database_name(test_database)
        working = f"{test_database}_module"
        if "database" not in _shipped:
            _load_postgresql_once(test_database, loaded)
            if not XDIST_WORKER:  # else the controller drops it, once every worker is done
                made.append(loaded)
            _shipped["database"] = loaded
        _copy_postgresql_database(loaded, working)
        if working not in made:
            made.append(working)
        with _connected_to(working):
            yield
        return
    connection.ensure_connection()
    before = _sqlite_copy(connection.connection)
    try:
        if "database" in _shipped:
            _shipped["database"].backup(connection.connection)
            _forget_database_rows()
        else:
            _shipped["database"] = _load_sqlite_once()
        yield
    finally:
        connection.ensure_connection()
        before.backup(connection.connection)
        before.close()
        _forget_database_rows()


@pytest.fixture(scope="module")
def shipped_data(shipped_databases, django_db_blocker):
    """The national reference and the shipped content (``load_shipped_data``, about 15 s),
    there for the module that asks for it, outside any test transaction: each test still rolls
    back its own changes. Afterwards the database is as it was (``shipped_database``).

    The command runs once per process; the next modules get a copy of what it wrote (about a
    second) rather than loading the same files again."""
    with django_db_blocker.unblock(), shipped_database(shipped_databases):
        yield


@pytest.fixture
def territories(db):
    """Pays de la Loire and Nouvelle-Aquitaine, with a few communes and one PNR-like grouping.

    Codes are the official ones (INSEE, SIREN) so tests read like real questions.
    """
    ensure_migration_rows()
    # One transaction, for the transactional tests (the browser's): see ensure_migration_rows.
    with transaction.atomic():
        t = {"FR": Territory.objects.get(key="FR")}
        K = TerritoryKind
        t["pdl"] = make_territory(K.REGION, "52", "Pays de la Loire")
        t["na"] = make_territory(K.REGION, "75", "Nouvelle-Aquitaine")
        t["ara"] = make_territory(K.REGION, "84", "Auvergne-Rhône-Alpes")
        t["dep53"] = make_territory(K.DEPARTEMENT, "53", "Mayenne", [t["pdl"]])
        t["dep44"] = make_territory(K.DEPARTEMENT, "44", "Loire-Atlantique", [t["pdl"]])
        t["dep40"] = make_territory(K.DEPARTEMENT, "40", "Landes", [t["na"]])
        t["dep07"] = make_territory(K.DEPARTEMENT, "07", "Ardèche", [t["ara"]])
        t["cc_mayenne"] = make_territory(
            K.EPCI, "200055887", "CC Mayenne Communauté", [t["dep53"], t["pdl"]]
        )
        t["mayenne"] = make_territory(
            K.COMMUNE, "53147", "Mayenne", [t["cc_mayenne"], t["dep53"], t["pdl"]], 12862
        )
        t["laval"] = make_territory(K.COMMUNE, "53130", "Laval", [t["dep53"], t["pdl"]], 49728)
        t["nantes"] = make_territory(K.COMMUNE, "44109", "Nantes", [t["dep44"], t["pdl"]], 323204)
        t["herm"] = make_territory(K.COMMUNE, "40123", "Herm", [t["dep40"], t["na"]], 1200)
        t["lesperon40"] = make_territory(
            K.COMMUNE, "40152", "Lesperon", [t["dep40"], t["na"]], 1300
        )
        t["lesperon07"] = make_territory(
            K.COMMUNE, "07142", "Lespéron", [t["dep07"], t["ara"]], 300
        )
        t["pays_vignoble"] = make_territory(K.PAYS, "vignoble-nantais", "Pays du Vignoble Nantais")
        t["nantes"].containers.add(t["pays_vignoble"])
    return t


def vocab(model, value):
    return model.objects.get(value=value)


def make_structure(name, kind="cae", territories=(), published=True, **fields):
    with transaction.atomic():  # one change of the content version (see ensure_migration_rows)
        structure = Structure.objects.create(
            name=name,
            kind=vocab(StructureKind, kind),
            publication_status=PublicationStatus.PUBLISHED
            if published
            else PublicationStatus.DRAFT,
            verified_on=fields.pop("verified_on", datetime.date(2021, 6, 1)),
            **fields,
        )
        structure.territories.set(territories)
        search_index.refresh_structure(structure)
    return structure


def make_programme(
    name,
    stages=("idee",),
    territories=(),
    operators=(),
    published=True,
    publics=(),
    sectors=(),
    formats=(),
    **fields,
):
    with transaction.atomic():  # one change of the content version
        programme = Programme.objects.create(
            name=name,
            publication_status=PublicationStatus.PUBLISHED
            if published
            else PublicationStatus.DRAFT,
            **{f"stage_{s}": True for s in stages},
            **fields,
        )
        programme.territories.set(territories)
        programme.publics.set([vocab(Public, v) for v in publics])
        programme.sectors.set([vocab(Sector, v) for v in sectors])
        programme.formats.set([vocab(Format, v) for v in formats])
        for structure in operators:
            ProgrammeStructure.objects.create(programme=programme, structure=structure)
        search_index.refresh_programme(programme)
    return programme


def admin_form_data(response):
    """The POST data an admin change form would send back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            data[name] = [getattr(v, "pk", v) for v in items]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        data[f"{management.prefix}-TOTAL_FORMS"] = management.initial["INITIAL_FORMS"]
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[inline_form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"essmap: base de données de test = {engine}"


# Modules whose tests share a fixture loaded once per module: under pytest-xdist's
# ``--dist loadgroup`` (``make test``) each such module goes whole to one worker, so the load
# is paid once, not once per worker that receives one of its tests. Other tests are spread one
# by one. First among the hooks: xdist reads the xdist_group marker in its own.
MODULE_SCOPED_FIXTURES = ("shipped_data",)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(name in item.fixturenames for name in MODULE_SCOPED_FIXTURES):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
