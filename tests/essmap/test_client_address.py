"""The client's address behind proxies (issue 23): the value the trusted proxy added, counted
from the right, never one the client wrote; the login lockout counts that client, and a
victim's address placed in the header does not lock the victim out."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from essmap.http import client_address

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture
def behind_nginx(settings):
    """nginx in front: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``."""
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    settings.ESSMAP_TRUSTED_PROXY_COUNT = 1
    return settings


def address(forwarded, **meta):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, **{**PROXY, **meta})
    return client_address(request)


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("198.51.100.7", 1, "198.51.100.7"),
        ("203.0.113.1, 198.51.100.7", 1, "198.51.100.7"),  # the first value is the client's own
        ("203.0.113.1,198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7, 192.0.2.50", 2, "198.51.100.7"),  # a CDN, then nginx
        ("198.51.100.7", 2, "10.0.0.2"),  # did not come through both proxies
        ("203.0.113.1, <script>", 1, "10.0.0.2"),  # malformed: the connection, not the rest
        ("203.0.113.1, ", 1, "10.0.0.2"),
        ("", 1, "10.0.0.2"),
        ("2001:db8:1:2:3:4:5:6", 1, "2001:db8:1:2::"),  # an IPv6 client by its /64
        ("x" * 5000, 1, "10.0.0.2"),
    ],
)
def test_the_address_the_trusted_proxy_added(behind_nginx, forwarded, count, expected):
    behind_nginx.ESSMAP_TRUSTED_PROXY_COUNT = count
    assert address(forwarded) == expected


def test_a_single_value_header_and_no_header(settings):
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.ESSMAP_TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()
    assert client_address(factory.get("/", HTTP_X_REAL_IP="198.51.100.7", **PROXY)) == (
        "198.51.100.7"
    )
    settings.ESSMAP_CLIENT_IP_META_KEY = None
    assert address("198.51.100.7") == "10.0.0.2"  # no header configured: never read
    assert client_address(factory.get("/", REMOTE_ADDR="")) is None


def fail_login(client, username, forwarded, password="mauvais"):  # noqa: S107
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
        **PROXY,
    )


def test_rotating_the_spoofed_first_address_does_not_escape_the_lockout(behind_nginx, db):
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    for n in range(5):
        fail_login(Client(), "curatrice", f"203.0.113.{n}, 198.51.100.7")
    attacker = fail_login(
        Client(), "curatrice", "203.0.113.99, 198.51.100.7", password="le-bon-mot-de-passe"
    )
    assert attacker.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_victims_address_in_the_header_does_not_lock_her_out(behind_nginx, db):
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    victim = "192.0.2.44"
    for _ in range(10):
        fail_login(Client(), "curatrice", f"{victim}, 198.51.100.7")
    own = fail_login(Client(), "curatrice", victim, password="le-bon-mot-de-passe")
    assert own.status_code == 302  # logged in from her own connection
    assert not AccessAttempt.objects.filter(ip_address=victim).exists()
