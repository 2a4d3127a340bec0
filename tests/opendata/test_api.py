"""The public API against its own contract: the OpenAPI document of ``/api/openapi.json`` is
valid OpenAPI 3.1 (schemathesis loads it), and every operation whose address exists in this
build is fuzzed through the whole Django stack (WSGI, no server): no 5xx, and every answer has
a documented status, content type and body.

Bounded for CI: ``SCHEMATHESIS_MAX_EXAMPLES`` per operation (40 by default, a few hundred
requests in all), derandomized so that a run is reproducible. ``make fuzz`` sends many more
to a gunicorn server with the schemathesis command line."""

import copy
import os

import jsonschema_rs
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from essmap.wsgi import application
from opendata import openapi
from programmes.models import (
    Format,
    ProgrammeKind,
    Public,
    PublicationStatus,
    Sector,
    StructureKind,
)
from tests.conftest import make_programme, make_structure

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    # Other methods than GET: 405 with Allow (see essmap.http.read_only).
    unsupported_method,
]


@pytest.fixture
def directory(territories):
    """A few published entries with links, territories, a draft and an archived one, so that
    lists, entries and the map answer with real content."""
    coop = make_structure(
        "Coopérative de Mayenne",
        territories=[territories["dep53"]],
        commune=territories["mayenne"],
        website="https://coop.example.org",
        general_stage_creation=True,
    )
    incubator = make_structure(
        "Incubateur Landes", kind="incubateur", territories=[territories["na"]]
    )
    programme = make_programme(
        "Incubateur rural",
        stages=("idee", "creation"),
        territories=[territories["dep53"]],
        operators=[coop],
        publics=("jeunes",),
        formats=("collectif",),
        is_free=True,
    )
    make_programme("Pépinière des Landes", stages=("idee",), operators=[incubator])
    make_programme("Brouillon", published=False)
    archived = make_programme("Ancien")
    archived.publication_status = PublicationStatus.ARCHIVED
    archived.save()
    return {"programme": programme, "structure": coop, "archived": archived}


@pytest.fixture
def connection_kept():
    """What Django's test client does around its requests: through the WSGI application,
    the end of each request would close the database connection (outside autocommit, as in
    a test's transaction), and PostgreSQL would lose the test's data with it. SQLite's
    in-memory test database ignores the close, which is why only PostgreSQL showed it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def exists(path):
    """Whether this build answers ``path``: the open data files come from another part of
    essmap, and their operations are left out until their views exist."""
    try:
        resolve(path.replace("{slug}", "x"))
    except Resolver404:
        return False
    return True


# The document as the app serves it to a client of http://localhost (schemathesis's WSGI
# host), with the slugs of the entries of ``directory`` as examples; that it is the document
# really served is checked below. Built from data, without the database, as tests are
# collected.
DOCUMENT = openapi.document("http://localhost", "incubateur-rural", "cooperative-de-mayenne")
MISSING = [path for path in DOCUMENT["paths"] if not exists(path)]
schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT))
if MISSING:
    schema = schema.exclude(path=MISSING)
schema.app = application


def test_the_document_is_valid_openapi_3_1():
    schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT)).validate()
    for name, component in DOCUMENT["components"]["schemas"].items():
        assert jsonschema_rs.meta.is_valid(component), name


VOCABULARIES = {
    ("/programmes/", "type"): ProgrammeKind,
    ("/programmes/", "type_structure"): StructureKind,
    ("/programmes/", "modalite"): Format,
    ("/structures/", "type"): StructureKind,
}


@pytest.mark.parametrize("path", ["/programmes/", "/structures/"])
def test_the_vocabulary_examples_are_values_a_list_accepts(db, path):
    """Found by ``make fuzz``: ``secteur=agriculture``, an example of the document, was
    refused (the value is ``agriculture-alimentation``)."""
    by_name = {"public": Public, "secteur": Sector}
    for parameter in DOCUMENT["paths"][path]["get"]["parameters"]:
        model = VOCABULARIES.get((path, parameter["name"])) or by_name.get(parameter["name"])
        if model is None:
            continue
        examples = parameter["schema"]["items"]["examples"]
        known = set(model.objects.values_list("value", flat=True))
        assert set(examples) <= known, (parameter["name"], set(examples) - known)


def test_the_document_served_is_the_one_fuzzed(client, directory):
    response = client.get("/api/openapi.json", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response.json() == DOCUMENT
    assert response.json()["info"]["license"]["name"] == "Licence Ouverte 2.0 (Etalab)"


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, directory, connection_kept):
    case.call_and_validate(checks=CHECKS)
