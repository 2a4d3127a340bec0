"""Issue 23, item 7: nobody writes on « Demandes sans réponse » alone. A keyword is shown only
when enough distinct clients typed it on two days or more, and contact details (phone numbers,
e-mails, web addresses) are neither kept nor shown."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from demand import counting, reports
from demand.models import RecentSearch
from tests.demand.conftest import client_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_day(monkeypatch):
    """Move the clock ``days_ago`` days back (the hour stays)."""
    real_now = timezone.now

    def move(days_ago):
        moment = real_now() - timedelta(days=days_ago)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


def page(client):
    return client.get("/demandes/").content.decode()


def shown():
    return [item["keywords"] for item in reports.top_keywords()]


def test_the_issue_three_requests_of_one_address_put_nothing_on_the_page(client, coodem):
    spammer = Client(HTTP_USER_AGENT="Mozilla/5.0")
    for _ in range(3):
        assert spammer.get("/programmes/?q=arnaquezz+0899123456").status_code == 200
    text = page(client)
    assert "arnaquezz" not in text
    assert "0899123456" not in text
    # Nothing of it is even kept: a phone number in the text keeps no keyword.
    assert not RecentSearch.objects.exclude(keywords="").exists()


def test_one_address_coming_back_every_day_never_writes_on_the_page(client, coodem, on_day):
    for days_ago in (5, 4, 3, 2, 1, 0):
        on_day(days_ago)
        for _ in range(3):
            client_at("198.51.100.4", "Mozilla/5.0").get("/programmes/?q=arnaquezz")
    on_day(0)
    assert "arnaquezz" not in page(client)


def test_clients_of_one_day_only_are_not_enough(client, coodem):
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"):
        client_at(address).get("/programmes/?q=garage+solidaire")
    assert "garage solidaire" not in page(client)


def test_a_keyword_typed_by_enough_clients_on_two_days_is_shown(client, coodem, on_day):
    on_day(2)
    client_at("203.0.113.1").get("/programmes/?q=Garage+solidaire")
    client_at("203.0.113.2").get("/programmes/?q=garage+solidaire+!")
    on_day(0)
    client_at("203.0.113.1").get("/programmes/?q=garages+solidaires")  # other words
    assert "garage solidaire" not in page(client)
    client_at("2001:db8:5::1").get("/programmes/?q=un+garage+solidaire")
    assert "« garage solidaire » : 3 recherches" in page(client)


def test_the_number_of_clients_is_a_setting(client, coodem, on_day, settings):
    settings.ESSMAP_DEMAND_KEYWORD_CLIENTS = 4
    on_day(1)
    client_at("203.0.113.1").get("/programmes/?q=epicerie")
    client_at("203.0.113.2").get("/programmes/?q=epicerie")
    on_day(0)
    client_at("203.0.113.3").get("/programmes/?q=epicerie")
    assert "« epicerie »" not in page(client)
    assert "par au moins 4 connexions différentes" in page(client)
    client_at("203.0.113.4").get("/programmes/?q=epicerie")
    assert "« epicerie » : 4 recherches" in page(client)


def test_repeated_searches_of_one_client_count_once_for_the_keyword(client, coodem, on_day):
    on_day(1)
    for _ in range(5):
        client_at("203.0.113.1").get("/programmes/?q=epicerie")
    client_at("203.0.113.2").get("/programmes/?q=epicerie")
    on_day(0)
    client_at("203.0.113.3").get("/programmes/?q=epicerie")
    assert "« epicerie » : 3 recherches" in page(client)


CONTACT_DETAILS = [
    "arnaquezz 0899123456",
    "appelez le 08 99 12 34 56",
    "tel 06.12.34.56.78",
    "06-12-34-56-78 epicerie",
    "+33 6 12 34 56 78",
    "+33612345678",
    "0033 6 12 34 56 78",
    "０８９９１２３４５６ arnaque",
    "ecrire a jean.dupont@example.org",
    "jean dupont @ gmail.com",
    "jean point dupont arobase gmail point com",
    "voir https://arnaque.example/promo",
    "voir http:// arnaque",
    "www.arnaque-gratuite.fr",
    "arnaque-gratuite.fr offre",
    "site arnaque.com",
]


@pytest.mark.parametrize("typed", CONTACT_DETAILS)
def test_contact_details_are_never_kept(typed):
    assert counting.normalised_keywords(typed) == ""


@pytest.mark.parametrize("typed", CONTACT_DETAILS[::5])
def test_contact_details_typed_by_many_never_reach_the_page(client, coodem, on_day, typed):
    for days_ago in (1, 0):
        on_day(days_ago)
        for number in range(4):
            client_at(f"203.0.113.{number}").get("/programmes/", {"q": typed})
    assert not RecentSearch.objects.exclude(keywords="").exists()
    assert "Aucun mot-clé n’a été cherché" in page(client)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Épicerie solidaire à Évron", "epicerie solidaire evron"),
        ("zéro déchet", "zero dechet"),
        ("tiers-lieu 53", "tiers lieu"),  # no word with a digit: "53", "2030", "covid19"
        ("ess 2030 covid19", "ess"),
        ("SCOP, SCIC", "scop scic"),
        ("L’économie sociale et solidaire", "economie sociale solidaire"),
    ],
)
def test_ordinary_keywords_are_kept_without_numbers(typed, kept):
    assert counting.normalised_keywords(typed) == kept


def test_keywords_stored_before_are_checked_again_when_shown(db):
    # Rows written by an older version, or by hand: the page checks what it shows too.
    for days_ago in (1, 0):
        day = timezone.localdate() - timedelta(days=days_ago)
        for number in range(3):
            for words in ("appelez 0899123456", "contact gmail", "epicerie"):
                RecentSearch.objects.create(
                    day=day, hour=10, client=f"{days_ago}-{number}-{words}", keywords=words
                )
    assert shown() == ["epicerie"]
