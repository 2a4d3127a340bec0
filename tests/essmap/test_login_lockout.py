"""The admin login lockout beyond django-axes's one count (essmap/lockout.py, issue 23): password
spraying — a few passwords on many usernames — is locked out, from one address (the address)
or from many (the username, but not from an address it has logged in from before)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

ADDRESS_LOCKED = "Trop de tentatives de connexion échouées depuis cette adresse."
USERNAME_LOCKED = "pour ce compte, depuis plusieurs adresses"


@pytest.fixture
def behind_nginx(settings, db):
    # Hundreds of logins: the fast hasher (every failure hashes, even for an unknown name).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    settings.ESSMAP_TRUSTED_PROXY_COUNT = 1
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    User.objects.create_user("lectrice", password="un-autre-mot-de-passe", is_staff=True)
    return settings


def login(username, address, password="mauvais", spoofed="203.0.113.1"):  # noqa: S107
    return Client().post(
        "/admin/login/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=f"{spoofed}, {address}",
        REMOTE_ADDR="10.0.0.2",
    )


def test_80_attempts_on_20_names_from_one_client_lock_its_address(behind_nginx):
    """Four passwords on each of 20 names, below the 5 of each (name, address) pair, and the
    first value of X-Forwarded-For new each time: the 30th failure locks the address."""
    statuses = []
    for attempt in range(80):
        name = f"compte{attempt % 20}"
        response = login(name, "198.51.100.7", spoofed=f"203.0.113.{attempt}")
        statuses.append(response.status_code)
    assert statuses == [200] * 29 + [429] * 51
    assert ADDRESS_LOCKED in response.content.decode()
    refused = login("curatrice", "198.51.100.7", password="le-bon-mot-de-passe")
    assert refused.status_code == 429
    assert login("curatrice", "192.0.2.10", password="le-bon-mot-de-passe").status_code == 302


def test_spraying_from_many_addresses_locks_the_names_but_not_their_usual_connection(
    behind_nginx,
):
    # The curator has logged in from her usual connection before.
    assert login("curatrice", "192.0.2.10", password="le-bon-mot-de-passe").status_code == 302
    statuses = {"curatrice": [], "personne": []}
    for attempt in range(30):  # two attempts per name from each of 15 addresses
        for name, seen in statuses.items():
            seen.append(login(name, f"198.51.100.{attempt // 2}").status_code)
    assert statuses["curatrice"] == statuses["personne"] == [200] * 29 + [429]
    # From anywhere else, the right password is refused for an hour.
    locked = login("curatrice", "203.0.113.50", password="le-bon-mot-de-passe")
    assert locked.status_code == 429
    assert USERNAME_LOCKED in locked.content.decode()
    assert login("personne", "203.0.113.51").status_code == 429
    # Knowing her username is not enough to lock her out of her usual connection.
    assert login("curatrice", "192.0.2.10", password="le-bon-mot-de-passe").status_code == 302
    assert login("lectrice", "203.0.113.50", password="un-autre-mot-de-passe").status_code == 302


def test_the_pair_lockout_is_unchanged_and_wide_ones_can_be_turned_off(behind_nginx):
    behind_nginx.ESSMAP_LOGIN_ADDRESS_FAILURE_LIMIT = 0
    behind_nginx.ESSMAP_LOGIN_USERNAME_FAILURE_LIMIT = 0
    statuses = [login(f"compte{n % 20}", "198.51.100.7").status_code for n in range(40)]
    assert statuses == [200] * 40
    statuses = [login("curatrice", "198.51.100.8").status_code for _ in range(6)]
    assert statuses == [200] * 4 + [429] * 2
