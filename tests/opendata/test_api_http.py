"""The public API over HTTP: its page, CORS on the read-only JSON addresses only, and the
methods they answer."""

import pytest

from tests.conftest import make_programme, make_structure

ORIGIN = "https://collectivite.example.fr"


@pytest.fixture
def entries(territories):
    coop = make_structure("Coopérative de Mayenne", territories=[territories["dep53"]])
    programme = make_programme(
        "Incubateur rural", territories=[territories["dep53"]], operators=[coop]
    )
    return programme, coop


@pytest.fixture
def api_paths(entries):
    programme, coop = entries
    return [
        "/api/openapi.json",
        "/programmes/?format=json",
        "/structures/?format=json&territoire=dep-53",
        f"/programmes/{programme.slug}/?format=json",
        f"/structures/{coop.slug}/?format=json",
        "/carte/?format=json",
        "/territoires/autocomplete/?q=Mayenne",
        "/donnees/structures.json",
        "/donnees/services.json",
    ]


def test_json_addresses_may_be_read_from_any_site(client, api_paths):
    for path in api_paths:
        response = client.get(path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert "Access-Control-Allow-Credentials" not in response, path


def test_errors_carry_the_cors_headers_too(client, territories):
    """A script reading the API must be able to read why it was refused."""
    response = client.get("/programmes/?format=json&etape=demain", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etape" in response.json()["errors"]


def test_a_preflight_is_answered_for_reading_only(client, api_paths):
    response = client.options(
        "/programmes/?format=json",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/proposer/", "/", "/territoires/53147/", "/sante/"]
)
def test_admin_forms_and_other_pages_get_no_cors(client, territories, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(path, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "Access-Control-Allow-Origin" not in preflight


def test_reporting_an_entry_gets_no_cors(client, entries):
    _, coop = entries
    response = client.get(f"/signaler/structure/{coop.slug}/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_the_read_only_addresses_refuse_other_methods_with_405(client, api_paths):
    """Found by schemathesis: TRACE /carte/, /territoires/autocomplete/ and the data·inclusion
    files answered 200, and a POST to a list got the CSRF check's 403 instead of the methods
    it takes."""
    for path in api_paths:
        for method in ("post", "put", "delete", "trace"):
            response = getattr(client, method)(path)
            assert response.status_code == 405, (method, path)
            assert response["Allow"] == "GET, HEAD", (method, path)


def test_an_entry_refuses_an_unknown_format(client, entries):
    """Found by schemathesis: ``/programmes/<slug>/?format=csv`` answered the HTML page, where
    the lists answer 400."""
    programme, coop = entries
    for path in (f"/programmes/{programme.slug}/", f"/structures/{coop.slug}/"):
        response = client.get(path, {"format": "csv"})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert client.get(path).status_code == 200


def test_the_api_page_presents_every_operation_with_real_examples(client, entries):
    programme, _ = entries
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>API publique</h1>" in page
    assert 'href="/api/openapi.json"' in page
    assert "Licence Ouverte 2.0" in page
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in page
    assert f"http://testserver/programmes/{programme.slug}/?format=json" in page
    for path in ("/programmes/", "/structures/{slug}/", "/carte/", "/territoires/autocomplete/"):
        assert f"<code>GET {path}</code>" in page
    assert page.count("<caption") >= 8
    assert "Access-Control-Allow-Origin: *" in page
    # The document's `code` marks are shown as code, and its examples beside each parameter.
    assert "`" not in page
    assert "texte, par exemple <code>dep-53</code>" in page
    assert "nombre entier" in page


def test_the_document_names_its_own_server(client, territories):
    response = client.get("/api/openapi.json", HTTP_HOST="localhost")
    assert response.json()["servers"][0]["url"] == "http://localhost"
    assert response.json()["openapi"].startswith("3.1")
