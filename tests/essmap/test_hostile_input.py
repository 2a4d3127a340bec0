"""The defects a probe of hostile requests found (issue 14), each answered without a 5xx:
a forged Host, Unicode digits in numbers, an over-long admin login, a login lockout behind a
proxy, a body too large, a draft's JSON, the CSRF failure page."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

from essmap.http import url_integer
from tests.conftest import make_programme, make_structure

BAD_HOSTS = ["evil.example", "[::1]", "", "localhost:abc", "essmap.example.fr.evil.example"]
UNICODE_DIGITS = ["²", "①", "¹²³", "٣", "߂", "١٠"]


@pytest.fixture
def raw_client():
    """A client that sees the 500 a visitor would, rather than the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", ["/", "/programmes/?format=json", "/admin/login/", "/nulle/"])
def test_a_forged_host_gets_a_french_400_page(raw_client, settings, db, host, path):
    settings.ALLOWED_HOSTS = ["essmap.example.fr"]
    response = raw_client.get(path, HTTP_HOST=host)
    assert response.status_code == 400
    if "format=json" in path:
        assert response.json() == {"error": "Requête incorrecte."}
    else:
        assert "Requête incorrecte" in response.content.decode()


def test_error_pages_link_by_path_only(raw_client, settings, db):
    """The layout of error pages names no host: the request's may be the forged one."""
    settings.ALLOWED_HOSTS = ["essmap.example.fr"]
    body = raw_client.get("/", HTTP_HOST="evil.example").content.decode()
    assert "http://" not in body
    assert "https://" not in body
    assert 'href="/programmes/"' in body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        ("007", 7),
        ("", None),
        ("²", None),
        ("①", None),
        ("¹²³", None),
        ("٣", None),
        ("1e3", None),
        ("-1", None),
        (" 1", None),
        ("1234567", None),
        (None, None),
    ],
)
def test_url_integer_reads_ascii_digits_only(raw, expected):
    assert url_integer(raw) == expected


@pytest.mark.parametrize("value", UNICODE_DIGITS)
@pytest.mark.parametrize("parameter", ["page", "par_page"])
@pytest.mark.parametrize("path", ["/programmes/", "/structures/", "/programmes/?format=json"])
def test_unicode_digits_in_page_numbers_are_not_numbers(
    raw_client, territories, value, parameter, path
):
    separator = "&" if "?" in path else "?"
    response = raw_client.get(f"{path}{separator}{parameter}={value}")
    # A page that is not a number does not exist (404); a page size that is not one is the
    # default size.
    assert response.status_code == (404 if parameter == "page" else 200)


@pytest.mark.parametrize("value", UNICODE_DIGITS)
@pytest.mark.parametrize(
    "address",
    [
        "/admin/territories/territory/?departement={}",
        "/admin/territories/territory/?membres={}",
        "/admin/programmes/programme/?region={}",
        "/admin/programmes/programme/?departement={}",
        "/admin/programmes/structure/?region={}",
    ],
)
def test_unicode_digits_in_admin_filters_are_ignored(admin_client, territories, value, address):
    admin_client.raise_request_exception = False
    assert admin_client.get(address.format(value)).status_code == 200


def test_an_overlong_admin_username_is_refused_in_french(raw_client, db):
    response = raw_client.post("/admin/login/", {"username": "a" * 300, "password": "x" * 20})
    assert response.status_code == 200
    assert "150 caractères au plus" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="aaaa").exists()


def test_an_overlong_admin_password_is_refused_before_hashing(raw_client, db):
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    response = raw_client.post("/admin/login/", {"username": "curatrice", "password": "x" * 5000})
    assert response.status_code == 200
    assert "1024 caractères au plus" in response.content.decode()


def test_behind_a_proxy_the_lockout_counts_the_client_not_the_proxy(client, settings, db):
    """Five wrong passwords from one client lock that client out, not every curator behind
    the same proxy (django-axes reads the same client address as the rate limit)."""
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "curatrice", "password": "mauvais"},
            HTTP_X_REAL_IP="198.51.100.7",
            **proxy,
        )
    attacker = client.post(
        "/admin/login/",
        {"username": "curatrice", "password": "le-bon-mot-de-passe"},
        HTTP_X_REAL_IP="198.51.100.7",
        **proxy,
    )
    assert attacker.status_code == 429
    curator = Client().post(
        "/admin/login/",
        {"username": "curatrice", "password": "le-bon-mot-de-passe"},
        HTTP_X_REAL_IP="203.0.113.9",
        **proxy,
    )
    assert curator.status_code == 302  # logged in: her address is not locked
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_malformed_proxy_header_falls_back_to_the_connection(client, settings, db):
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    client.post(
        "/admin/login/",
        {"username": "personne", "password": "mauvais"},
        HTTP_X_REAL_IP="<script>",
        REMOTE_ADDR="10.0.0.2",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]


def test_a_body_over_the_upload_limit_gets_413(raw_client, db):
    response = raw_client.post(
        "/admin/login/",
        b"username=" + b"a" * 3_000_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()


def test_a_drafts_json_is_a_json_404(raw_client, territories):
    draft = make_programme("Brouillon", published=False)
    response = raw_client.get(f"/programmes/{draft.slug}/?format=json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_json_requests_get_json_errors(raw_client, territories):
    assert raw_client.get("/programmes/?format=json&page=99").json()["error"]
    missing = raw_client.get("/structures/inconnue/?format=json")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")


def test_the_csrf_failure_page_is_french_in_the_sites_layout(territories):
    csrf_client = Client(enforce_csrf_checks=True)
    coop = make_structure("Coop")
    response = csrf_client.post(f"/signaler/structure/{coop.slug}/", {"message": "Fermée"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulaire expiré" in body
    assert 'class="site-header"' in body
    assert "Forbidden" not in body


def test_a_permission_denied_page_is_french(client, db):
    client.force_login(User.objects.create_user("lectrice", is_staff=True))
    response = client.get("/admin/programmes/programme/add/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
