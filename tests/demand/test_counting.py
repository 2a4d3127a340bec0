"""Searches on /programmes/ are counted once per client, place and stage an hour, anonymously,
in two statements — computed or served from the page cache — and never for robots, scripts,
exports or next pages."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from demand import counting, middleware
from demand.models import Outcome, RecentSearch, SearchCount
from tests.conftest import make_programme, make_structure
from tests.demand.conftest import FIREFOX, client_at

pytestmark = pytest.mark.django_db


def counts():
    return {(c.area, c.stage, c.outcome): c.searches for c in SearchCount.objects.all()}


def keywords():
    return {r.keywords for r in RecentSearch.objects.exclude(keywords="")}


def test_a_search_is_counted_once_in_its_departement(browser, coodem):
    response = browser.get("/programmes/?territoire=53147&etape=creation")
    assert response.status_code == 200
    assert counts() == {("dep-53", "creation", Outcome.FEW): 1}
    assert SearchCount.objects.get().day == timezone.localdate()


def test_the_headers_told_to_the_counting_are_never_sent(browser, coodem):
    response = browser.get("/programmes/?territoire=53147&etape=creation")
    assert "X-Essmap-Results" not in response
    assert "X-Essmap-Area" not in response
    bot = Client(HTTP_USER_AGENT="Googlebot/2.1").get("/programmes/?territoire=53147")
    assert "X-Essmap-Results" not in bot


def test_a_second_client_adds_to_the_same_row(browser, coodem):
    browser.get("/programmes/?territoire=53147&etape=creation")
    client_at("203.0.113.7").get("/programmes/?territoire=53130&etape=creation")
    assert counts() == {("dep-53", "creation", Outcome.FEW): 2}


def test_ten_identical_searches_of_one_client_in_an_hour_count_once(browser, coodem):
    for _ in range(10):
        browser.get("/programmes/?territoire=53147&etape=creation")
    assert counts() == {("dep-53", "creation", Outcome.FEW): 1}
    assert RecentSearch.objects.count() == 1


def test_the_same_searches_from_three_clients_count_three(coodem):
    for address in ("203.0.113.1", "203.0.113.2", "2001:db8:1::1"):
        visitor = client_at(address)
        for _ in range(10):
            visitor.get("/programmes/?territoire=53147&etape=creation")
    assert counts() == {("dep-53", "creation", Outcome.FEW): 3}


def test_one_client_counts_again_at_another_stage_place_or_hour(browser, coodem, monkeypatch):
    browser.get("/programmes/?territoire=53147&etape=creation")
    browser.get("/programmes/?territoire=53147&etape=idee")  # another stage
    browser.get("/programmes/?territoire=44109&etape=creation")  # another département
    browser.get("/programmes/?territoire=53130&etape=creation")  # the same one: not again
    assert sum(counts().values()) == 3
    later = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    browser.get("/programmes/?territoire=53147&etape=creation")
    assert sum(counts().values()) == 4


def test_one_address_is_one_client_whatever_its_user_agent(coodem):
    for version in range(5):
        user_agent = f"Mozilla/5.0 (X11; rv:{version}) Firefox/1{version}"
        client_at("203.0.113.9", user_agent).get("/programmes/?territoire=53147&etape=creation")
    assert sum(counts().values()) == 1


def test_the_client_hash_changes_every_day_and_is_never_the_address(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.5")
    today = timezone.localdate()
    first, second = counting.client_of(request, today), counting.client_of(request, today)
    assert first == second
    assert counting.client_of(request, today + timedelta(days=1)) != first
    # A keyed hash: 32 hexadecimal digits, where the address's dotted digits cannot appear (a
    # run of digits such as "203" may, by chance of the key).
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    other = rf.get("/", REMOTE_ADDR="203.0.113.6")
    assert counting.client_of(other, today) != first


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "curl/8.5.0",
        "Wget/1.21",
        "python-requests/2.32",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; SomeSpider/1.0)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0",
    ],
)
def test_robots_and_scripts_are_not_counted(coodem, user_agent):
    Client(HTTP_USER_AGENT=user_agent).get("/programmes/?territoire=53147")
    assert not SearchCount.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "/programmes/?territoire=53147&format=json",
        "/programmes/?territoire=53147&format=csv",
        "/programmes/?territoire=53147&par_page=1&page=2",
        "/programmes/",  # the list without any criterion: no search
        "/programmes/?territoire=Atlantis",  # not understood: the page asks again
        "/structures/?territoire=53147",
        "/territoires/53147/",
    ],
)
def test_exports_next_pages_and_other_pages_are_not_counted(browser, coodem, address):
    make_programme("Autre", stages=("creation",), operators=[coodem])
    browser.get(address)
    assert not SearchCount.objects.exists()


def test_head_is_not_counted(browser, coodem):
    assert browser.head("/programmes/?territoire=53147").status_code == 200
    assert not SearchCount.objects.exists()


def test_a_curator_with_a_session_is_not_counted(admin_client, coodem):
    admin_client.get("/programmes/?territoire=53147", HTTP_USER_AGENT=FIREFOX)
    assert not SearchCount.objects.exists()


@pytest.mark.parametrize("query", ["&page=1", "&page=", "&format=html", "&format="])
def test_the_first_page_in_html_asked_explicitly_is_counted(browser, coodem, query):
    browser.get(f"/programmes/?territoire=53147{query}")
    assert sum(counts().values()) == 1


def test_a_page_served_from_the_page_cache_is_counted_too(browser, coodem, settings):
    settings.ESSMAP_PAGE_CACHE = True
    first = browser.get("/programmes/?territoire=53147&etape=creation")
    again = client_at("203.0.113.7").get("/programmes/?territoire=53147&etape=creation")
    assert again.content == first.content
    assert "X-Essmap-Results" not in again
    assert counts() == {("dep-53", "creation", Outcome.FEW): 2}


def test_a_browser_revalidating_its_copy_is_counted_and_gets_a_304(browser, coodem, settings):
    settings.ESSMAP_PAGE_CACHE = True
    etag = browser.get("/programmes/?territoire=53147")["ETag"]
    other = client_at("203.0.113.7")
    again = other.get("/programmes/?territoire=53147", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert sum(counts().values()) == 2


def test_counting_costs_two_statements(browser, coodem, settings, django_assert_num_queries):
    settings.ESSMAP_PAGE_CACHE = True
    # Demand's own cost: the audience counts of the same page have theirs (tests/audience/).
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("audience.")]
    address = "/programmes/?territoire=53147&etape=creation"
    client_at("203.0.113.7").get(address)  # computed and cached
    bot = Client(HTTP_USER_AGENT="curl/8")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as not_counted:
        bot.get(address)
    with django_assert_num_queries(len(not_counted) + 2) as counted:
        browser.get(address)
    writes = [q["sql"] for q in counted.captured_queries if "demand_" in q["sql"]]
    assert len(writes) == 2
    assert all(sql.startswith("INSERT") for sql in writes)
    # Again within the hour: one statement, which writes nothing.
    with django_assert_num_queries(len(not_counted) + 1):
        browser.get(address)


def test_count_search_is_two_statements_and_one_when_repeated(db, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert counting.count_search(
            results=0, area="dep-53", client="a", stages=["idee"], text="Épicerie"
        )
    with django_assert_num_queries(2):
        assert counting.count_search(
            results=0, area="dep-53", client="b", stages=["idee"], text="épiceries !"
        )
    with django_assert_num_queries(1):
        assert not counting.count_search(
            results=0, area="dep-53", client="b", stages=["idee"], text="autre chose"
        )
    assert counts() == {("dep-53", "idee", Outcome.ZERO): 2}
    assert keywords() == {"epicerie", "epiceries"}


@pytest.mark.parametrize(
    ("results", "outcome"),
    [(0, Outcome.ZERO), (1, Outcome.FEW), (3, Outcome.FEW), (4, Outcome.SOME), (200, "oui")],
)
def test_outcome_buckets(results, outcome):
    assert counting.outcome_of(results) == outcome


@pytest.mark.parametrize(
    ("values", "stage"),
    [([], ""), (["idee"], "idee"), (["idee", "idee"], "idee"), (["idee", "creation"], "plusieurs")],
)
def test_stage_of_a_search(values, stage):
    assert counting.stage_of(values) == stage


@pytest.mark.parametrize(
    ("territory", "area"),
    [
        ("mayenne", "dep-53"),  # a commune: its département
        ("cc_mayenne", "dep-53"),  # an EPCI in one département
        ("dep44", "dep-44"),
        ("pdl", "reg-52"),  # a région counted as itself, not on the map
        ("FR", "FR"),
        ("pays_vignoble", "dep-44"),  # a Pays whose communes lie in one département
    ],
)
def test_the_area_of_a_search(browser, territories, territory, area):
    key = territories[territory].key
    browser.get(f"/programmes/?territoire={key}&etape=idee")
    assert [c.area for c in SearchCount.objects.all()] == [area]


def test_a_search_without_territory_is_counted_as_such(browser, coodem):
    browser.get("/programmes/?etape=idee")
    assert counts() == {("", "idee", Outcome.ZERO): 1}


def test_keywords_are_kept_normalised_and_only_for_zero_results(browser, coodem):
    browser.get("/programmes/?q=Je+cherche+une+Épicerie+à+Évron+!")
    browser.get("/programmes/?territoire=53147&etape=creation&q=CAE")
    assert counts() == {("", "", Outcome.ZERO): 1, ("dep-53", "creation", Outcome.FEW): 1}
    assert keywords() == {"epicerie evron"}


def test_keyword_normalisation():
    assert counting.normalised_keywords("Je voudrais ouvrir un TIERS-LIEU, un tiers lieu") == (
        "ouvrir tiers lieu"
    )
    assert counting.normalised_keywords("  le la de  ") == ""
    assert len(counting.normalised_keywords("mot" * 200)) <= counting.MAX_KEYWORDS_LENGTH


def test_the_counters_keep_no_address_user_agent_time_or_text():
    fields = {field.name for field in SearchCount._meta.get_fields()}
    assert fields == {"id", "day", "area", "stage", "outcome", "searches"}
    assert SearchCount._meta.get_field("day").get_internal_type() == "DateField"


def test_a_recent_search_keeps_a_daily_client_hash_not_the_address(coodem):
    client_at("198.51.100.23").get("/programmes/?q=introuvable")
    fields = {field.name for field in RecentSearch._meta.get_fields()}
    assert fields == {"id", "day", "hour", "client", "area", "stage", "keywords"}
    row = RecentSearch.objects.get()
    assert row.keywords == "introuvable"
    assert row.hour == timezone.localtime().hour
    assert "198.51" not in row.client
    assert len(row.client) == 32


def add(day, keywords="", client="c", hour=10):
    return RecentSearch.objects.create(
        day=day, hour=hour, client=client, area="dep-53", stage="idee", keywords=keywords
    )


def test_purge_erases_yesterdays_hashes_and_keywords_after_30_days(db):
    today = timezone.localdate()
    old, recent, yesterday = (today - timedelta(days=d) for d in (30, 29, 1))
    SearchCount.objects.create(day=old, area="dep-53", stage="idee", outcome="zero", searches=7)
    add(old, "epicerie", client="a")
    add(old, "", client="b")
    add(recent, "epicerie", client="a")
    add(recent, "", client="b")
    add(yesterday, "", client="y")
    add(today, "", client="t")
    call_command("purge_demand", stdout=open("/dev/null", "w"))
    call_command("purge_demand", stdout=open("/dev/null", "w"))  # idempotent
    rows = {(r.day, r.keywords) for r in RecentSearch.objects.all()}
    assert rows == {(recent, "epicerie"), (today, "")}
    assert SearchCount.objects.get().searches == 7  # the counts stay


def test_the_first_search_of_the_day_purges(browser, coodem, monkeypatch):
    monkeypatch.setattr(middleware, "_purged_on", None)
    add(timezone.localdate() - timedelta(days=40), "epicerie")
    browser.get("/programmes/?q=introuvable")
    assert keywords() == {"introuvable"}
    assert middleware._purged_on == timezone.localdate()


@pytest.mark.parametrize(
    "typed",
    ["%00%01", "%ED%A0%80+%C3%A9picerie", "①②③ ٣", "' OR 1=1 --", "{{ 7*7 }}", "x" * 300],
)
def test_hostile_keywords_are_counted_as_normalised_words(browser, coodem, typed):
    response = browser.get(f"/programmes/?q={typed}")
    assert response.status_code in (200, 400)
    for words in keywords():
        assert set(words) <= set("abcdefghijklmnopqrstuvwxyz ")


def test_a_grouping_across_departements_is_counted_as_several(browser, territories):
    pays = territories["pays_vignoble"]
    pays.containers.add(territories["dep44"])
    territories["lesperon40"].containers.add(pays)
    browser.get(f"/programmes/?territoire={pays.key}")
    assert [c.area for c in SearchCount.objects.all()] == ["plusieurs"]


@pytest.fixture
def national(territories):
    network = make_structure("Réseau national", territories=[territories["FR"]])
    for name in ("Accompagnement partout", "Prêt partout", "Formation partout", "Club partout"):
        make_programme(name, stages=("creation",), operators=[network])
    return network


def test_with_a_place_national_programmes_are_not_local_results(browser, national):
    # Four national programmes answer, but nothing of the place itself: a gap.
    browser.get("/programmes/?territoire=53147&etape=creation")
    assert counts() == {("dep-53", "creation", Outcome.ZERO): 1}


def test_local_programmes_count_beside_national_ones(browser, national, coodem):
    browser.get("/programmes/?territoire=53147&etape=creation")
    assert counts() == {("dep-53", "creation", Outcome.FEW): 1}


def test_without_a_place_every_result_counts(browser, national):
    browser.get("/programmes/?etape=creation")
    assert counts() == {("", "creation", Outcome.SOME): 1}


def test_local_results_beyond_the_page_shown_are_counted(browser, national, coodem):
    # One per page, national ones first by name ("pertinence" keeps local first: sort by
    # name so that the page shown holds none of the place's own programmes).
    browser.get("/programmes/?territoire=53147&etape=creation&tri=nom&par_page=1")
    assert counts() == {("dep-53", "creation", Outcome.FEW): 1}
