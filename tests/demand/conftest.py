import pytest
from django.test import Client

from demand import middleware
from tests.conftest import make_programme, make_structure

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def purged_today(monkeypatch):
    """The once-a-day purge is tested on its own: a search costs its one write."""
    from django.utils import timezone

    monkeypatch.setattr(middleware, "_purged_on", timezone.localdate())


@pytest.fixture
def browser():
    return Client(HTTP_USER_AGENT=FIREFOX)


def client_at(address, user_agent=FIREFOX):
    """A browser at ``address``: another client for the counting (demand.counting.client_of)."""
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)


@pytest.fixture
def coodem(territories):
    """A CAE of Mayenne and its creation-stage programme: searches there find something."""
    structure = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=("creation",), operators=[structure])
    return structure
