import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from members.models import Membership, Role
from tests.conftest import make_structure

SITE = "https://essmap.example.fr"


@pytest.fixture(autouse=True)
def member_settings(settings):
    """A known site address and rates, and no request counted before each test."""
    settings.ESSMAP_SITE_URL = SITE
    settings.ESSMAP_SIGN_IN_RATE = "10/h"
    settings.ESSMAP_SIGN_IN_RECIPIENT_RATE = "5/h"
    settings.ESSMAP_CLAIM_RATE = "5/h"
    settings.ESSMAP_INVITATIONS_PER_DAY = 10
    cache.clear()
    yield
    cache.clear()


def make_member(email, structure, role=Role.MANAGER):
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        username=email, email=email
    )
    Membership.objects.create(user=user, structure=structure, role=role)
    return user


@pytest.fixture
def coop(db):
    return make_structure(
        "Coopérative des Monts", website="https://www.coop-monts.fr/accueil", slug="coop-monts"
    )


@pytest.fixture
def other(db):
    return make_structure("Incubateur du Val", website="https://val.example.org", slug="val")


def link_in(message):
    """The sign-in link of an e-mail, as a path with its query."""
    found = re.search(r"https://essmap\.example\.fr(/connexion/lien/\?\S+)", message.body)
    assert found, message.body
    return found.group(1)
