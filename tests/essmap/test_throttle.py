"""Expensive searches are throttled (issue 23, item 8): each client may have
``ESSMAP_SEARCH_RATE`` list pages computed per period, then a French 429 (JSON to JSON requests)
with ``Retry-After``; what the page cache answers is free; with keywords a page holds at most
``ESSMAP_MAX_PAGE_SIZE_WITH_WORDS`` results (essmap/throttle.py, orientation/views/directory.py)."""

import pytest
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.test import Client

from essmap import throttle
from tests.conftest import make_programme

pytestmark = pytest.mark.django_db

CLIENT = "192.0.2.7"


@pytest.fixture(autouse=True)
def fresh_counts(settings, monkeypatch):
    """No search counted yet; two computed pages a minute per client, each computed at once
    (one unit, however slow the machine running the tests), all in the same minute."""
    settings.ESSMAP_SEARCH_RATE = "2/m"
    monkeypatch.setattr(throttle, "clock", lambda: 0.0)
    # One window for the whole test: a real minute could end between two of its requests.
    monkeypatch.setattr(throttle, "wall_clock", lambda: 1_800_000_000.0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(territories, settings):
    """Five programmes found by one word; at most three a page with keywords."""
    settings.ESSMAP_MAX_PAGE_SIZE_WITH_WORDS = 3
    for number in range(5):
        make_programme(f"Incubateur coopératif {number}", territories=[territories["dep53"]])
    return territories


def get(url, address=CLIENT, **extra):
    return Client().get(url, REMOTE_ADDR=address, **extra)


@pytest.mark.parametrize("path", ["/programmes/", "/structures/"])
def test_a_client_beyond_the_rate_gets_a_french_429(territories, path):
    assert get(f"{path}?q=un").status_code == 200
    assert get(f"{path}?q=deux").status_code == 200
    refused = get(f"{path}?q=trois")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    body = refused.content.decode()
    assert "<title>Trop de recherches" in body
    assert "Trop de recherches depuis votre connexion" in body
    assert "au plus" in body
    # Another client is not affected.
    assert get(f"{path}?q=trois", address="198.51.100.1").status_code == 200


def test_the_json_answer_is_json(territories):
    get("/programmes/?q=un&format=json")
    get("/programmes/?q=deux&format=json")
    refused = get("/programmes/?q=trois&format=json")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "Trop de recherches nouvelles depuis votre connexion" in refused.json()["error"]
    assert refused["Retry-After"]


def test_the_widget_counts_too(territories):
    for words in ("un", "deux"):
        assert get(f"/widget/dep-53/?q={words}").status_code == 200
    assert get("/widget/dep-53/?q=trois").status_code == 429


def test_pages_the_cache_answers_are_not_counted(territories, settings):
    settings.ESSMAP_PAGE_CACHE = True
    for _ in range(6):
        assert get("/programmes/?territoire=dep-53").status_code == 200
        assert get("/programmes/?territoire=dep-53&format=json").status_code == 200
    # Two pages computed so far: the next new one is refused, and that refusal is not kept.
    assert get("/programmes/?q=nouveau").status_code == 429
    assert get("/programmes/?q=nouveau", address="198.51.100.1").status_code == 200


def test_an_empty_rate_means_no_limit(territories, settings):
    settings.ESSMAP_SEARCH_RATE = ""
    for number in range(5):
        assert get(f"/programmes/?q=mot{number}").status_code == 200


def test_with_keywords_a_larger_page_is_brought_down_to_the_largest(directory):
    page = get("/programmes/?q=incubateur&par_page=500&format=json").json()
    assert page["count"] == 5
    assert len(page["results"]) == 3
    assert page["num_pages"] == 2
    second = get(
        "/programmes/?q=incubateur&par_page=500&page=2&format=json", address="198.51.100.2"
    )
    assert len(second.json()["results"]) == 2
    html = get("/programmes/?q=incubateur&par_page=500", address="198.51.100.3").content.decode()
    assert "Page 1 sur 2" in html


def test_without_keywords_a_page_still_holds_up_to_500(directory):
    page = get("/programmes/?territoire=dep-53&par_page=500&format=json").json()
    assert page["count"] == 5
    assert len(page["results"]) == 5
    # Blank keywords are no keywords.
    blank = get("/programmes/?q=+&par_page=500&format=json", address="198.51.100.2").json()
    assert len(blank["results"]) == 5


def test_a_slow_page_counts_for_more(territories, settings, monkeypatch):
    """A page that took 1.2 s to compute costs five units (one, plus one per quarter second)."""
    settings.ESSMAP_SEARCH_RATE = "6/m"
    clock = iter([100.0, 101.2, 200.0, 200.1])
    monkeypatch.setattr(throttle, "clock", lambda: next(clock))
    assert get("/programmes/?q=lent").status_code == 200
    assert get("/programmes/?q=rapide").status_code == 200
    assert get("/programmes/?q=encore").status_code == 429


def test_the_rendering_of_a_page_is_counted(settings, monkeypatch, rf):
    """A list's TemplateResponse does most of its work when rendered: that time counts."""
    settings.ESSMAP_SEARCH_RATE = "3/m"
    now = [0.0]
    monkeypatch.setattr(throttle, "clock", lambda: now[0])

    class SlowToRender(TemplateResponse):
        def render(self):
            now[0] += 1.0  # a second of rendering: four more units
            return super().render()

    view = throttle.throttled(lambda request: SlowToRender(request, "429.html", {}))
    assert view(rf.get("/programmes/?q=un", REMOTE_ADDR=CLIENT)).status_code == 200
    assert view(rf.get("/programmes/?q=deux", REMOTE_ADDR=CLIENT)).status_code == 429
