"""Audience counters: a structure's page views (its own page, its programmes' pages), contact
clicks, additions to a selection and appearances in answers by stage, each once per client and
day, with nothing about the client stored; « Ma structure »'s summary; the purge."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audience import counts
from audience.models import DailyCount, Event
from essmap import privacy
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def visitor(address="203.0.113.5", user_agent=FIREFOX):
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)


def counted(structure, event=Event.VIEW, stage=None):
    rows = DailyCount.objects.filter(structure=structure, event=event)
    if stage is not None:
        rows = rows.filter(stage=stage)
    return sum(rows.values_list("count", flat=True))


@pytest.fixture
def coop(territories):
    return make_structure(
        "Coop des Landes",
        territories=[territories["dep53"]],
        commune=territories["laval"],
        email="info@coop.example",
        phone="+33243000000",
        website="https://coop.example/",
    )


def test_a_page_view_counts_once_per_client_and_day(coop):
    url = coop.get_absolute_url()
    camille = visitor()
    for _ in range(3):
        response = camille.get(url)
        assert response.status_code == 200
        # What the view told the counting stays on the server.
        assert "X-Essmap-Shown" not in response
    assert counted(coop) == 1
    visitor("203.0.113.6").get(url)
    assert counted(coop) == 2
    # Crawlers, scripts, the JSON and signed-in people are not the public's views.
    visitor(user_agent="Googlebot/2.1").get(url)
    visitor(user_agent="curl/8.5").get(url)
    visitor("203.0.113.7").get(url + "?format=json")
    signed_in = visitor("203.0.113.8")
    signed_in.cookies["sessionid"] = "x"
    signed_in.get(url)
    assert counted(coop) == 2


def test_the_next_day_counts_again(coop, rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.5")
    monday = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)
    assert counts.record(request, [coop.pk], Event.VIEW, now=monday) == 1
    assert counts.record(request, [coop.pk], Event.VIEW, now=monday) == 0
    assert counts.record(request, [coop.pk], Event.VIEW, now=monday + datetime.timedelta(1)) == 1
    assert list(DailyCount.objects.order_by("day").values_list("day", "count")) == [
        (datetime.date(2026, 11, 30), 1),
        (datetime.date(2026, 12, 1), 1),
    ]


def test_a_programme_page_counts_for_each_published_operator(coop, territories):
    partner = make_structure("Partenaire", territories=[territories["dep53"]])
    draft = make_structure("Brouillon", published=False)
    programme = make_programme("Couveuse", operators=[coop, partner, draft])
    visitor().get(programme.get_absolute_url())
    assert (counted(coop), counted(partner), counted(draft)) == (1, 1, 0)


def test_a_cached_page_is_counted_too(coop, settings):
    settings.ESSMAP_PAGE_CACHE = True
    url = coop.get_absolute_url()
    visitor("203.0.113.5").get(url)
    served_from_cache = visitor("203.0.113.6").get(url)
    assert "X-Essmap-Shown" not in served_from_cache
    assert counted(coop) == 2


def test_no_personal_data_in_the_table(coop):
    visitor("198.51.100.23").get(coop.get_absolute_url())
    fields = {f.name for f in DailyCount._meta.get_fields()}
    assert fields == {"id", "structure", "day", "event", "stage", "count"}
    row = DailyCount.objects.values_list().get()
    client_hash = privacy.address_hash(
        type("R", (), {"META": {"REMOTE_ADDR": "198.51.100.23"}})(),
        counts.CLIENT_PURPOSE,
        day=timezone.localdate(),
    )
    for value in row:
        assert "198.51.100" not in str(value)
        assert client_hash[:16] not in str(value)


def test_answers_count_each_structure_named_by_stage(coop, territories):
    make_programme(
        "Idee en Mayenne", stages=("idee",), territories=[territories["dep53"]], operators=[coop]
    )
    camille = visitor()
    camille.get("/programmes/?territoire=53130&etape=idee")
    camille.get("/programmes/?territoire=53130&etape=idee")  # the same answer, the same day
    assert counted(coop, Event.ANSWER, "idee") == 1
    camille.get("/programmes/?territoire=53130")  # no stage: counted apart
    assert counted(coop, Event.ANSWER, "") == 1
    # A list without a search is no answer.
    visitor("203.0.113.9").get("/programmes/")
    assert counted(coop, Event.ANSWER) == 2


def test_the_structure_list_answers_count_too(coop):
    other = make_structure("Autre coop")
    visitor().get("/structures/?territoire=53130&etape=creation")
    assert counted(coop, Event.ANSWER, "creation") == 1
    assert counted(other, Event.ANSWER) == 0
    visitor().get("/structures/")  # no search
    assert counted(coop, Event.ANSWER) == 1


def test_adding_to_a_selection_counts_the_structures_added(coop):
    programme = make_programme("Couveuse", operators=[coop])
    camille = visitor()
    camille.get(f"/selection/ajouter/?d={programme.slug}")
    assert counted(coop, Event.SELECTION) == 1
    camille.get(f"/selection/ajouter/?s={coop.slug}")  # the same structure, the same day
    assert counted(coop, Event.SELECTION) == 1
    visitor(user_agent="python-requests/2").get(f"/selection/ajouter/?s={coop.slug}")
    assert counted(coop, Event.SELECTION) == 1


def test_a_contact_beacon_counts_and_a_link_goes_to_the_recorded_contact(coop):
    base = f"/structures/{coop.slug}/contact"
    camille = visitor()
    beacon = camille.post(f"{base}/telephone/")
    assert beacon.status_code == 204
    camille.post(f"{base}/telephone/")
    assert counted(coop, Event.PHONE) == 1
    assert camille.get(f"{base}/telephone/")["Location"] == "tel:+33243000000"
    assert camille.get(f"{base}/courriel/")["Location"] == "mailto:info@coop.example"
    # Never an open redirect: the address says which contact, never where to go.
    gone = camille.get(f"{base}/site/?next=https://evil.example/&url=https://evil.example/")
    assert gone["Location"] == "https://coop.example/"
    assert (counted(coop, Event.EMAIL), counted(coop, Event.WEBSITE)) == (1, 1)


def test_a_contact_the_structure_has_not_is_a_french_404(coop, territories):
    bare = make_structure("Sans contact")
    draft = make_structure("Brouillon", published=False, phone="+33243000001")
    for url in (
        f"/structures/{bare.slug}/contact/telephone/",
        f"/structures/{coop.slug}/contact/fax/",
        f"/structures/{draft.slug}/contact/telephone/",
        "/structures/inconnue/contact/site/",
    ):
        response = visitor().get(url)
        assert response.status_code == 404, url
        assert "Location" not in response
    assert not DailyCount.objects.exists()


def test_the_structure_page_links_its_contacts_to_the_beacon(coop):
    page = visitor().get(coop.get_absolute_url()).text
    assert 'href="tel:+33243000000"' in page
    assert f'data-audience="/structures/{coop.slug}/contact/telephone/"' in page
    assert "js/audience" in page


def test_last_90_days_and_the_inclusion_tag(coop):
    today = timezone.localdate()
    rows = [
        (today, Event.VIEW, "", 5),
        (today - datetime.timedelta(days=89), Event.VIEW, "", 2),
        (today - datetime.timedelta(days=90), Event.VIEW, "", 100),  # before the 90 days
        (today, Event.PHONE, "", 1),
        (today, Event.WEBSITE, "", 2),
        (today, Event.SELECTION, "", 3),
        (today, Event.ANSWER, "idee", 4),
        (today, Event.ANSWER, "creation", 6),
        (today, Event.ANSWER, "", 1),
    ]
    DailyCount.objects.bulk_create(
        DailyCount(structure=coop, day=d, event=e, stage=s, count=n) for d, e, s, n in rows
    )
    other = make_structure("Autre")
    DailyCount.objects.create(structure=other, day=today, event=Event.VIEW, count=50)
    found = counts.last_90_days(coop)
    assert found["views"] == 7
    assert (found["phone"], found["email"], found["website"], found["contacts"]) == (1, 0, 2, 3)
    assert found["selections"] == 3
    assert found["answers"] == 11
    assert [n for _, n in found["answers_by_stage"]] == [4, 6]
    html = Template("{% load audience %}{% structure_audience structure %}").render(
        Context({"structure": coop})
    )
    assert "7 vues" in html
    assert "3 clics" in html
    assert "11 apparitions" in html


def test_purge_erases_counts_older_than_the_retention(coop, settings, capsys):
    settings.ESSMAP_AUDIENCE_RETENTION_DAYS = 400
    today = timezone.localdate()
    for days in (0, 400, 401):
        DailyCount.objects.create(
            structure=coop, day=today - datetime.timedelta(days=days), event=Event.VIEW, count=1
        )
    call_command("purge_audience")
    assert "1 compteur effacé" in capsys.readouterr().out
    assert DailyCount.objects.count() == 2


def test_the_cost_of_a_counted_view_on_a_cached_page(coop, settings):
    """A view counted: the cache read, the cache writes of the database cache, one statement
    on the counters; a repeated view: the cache read only."""
    settings.ESSMAP_PAGE_CACHE = True
    url = coop.get_absolute_url()
    visitor("203.0.113.1").get(url)  # computed and cached
    with CaptureQueriesContext(connection) as uncounted:
        visitor(user_agent="curl/8").get(url)
    camille = visitor("203.0.113.2")
    with CaptureQueriesContext(connection) as first:
        camille.get(url)
    with CaptureQueriesContext(connection) as again:
        camille.get(url)
    writes = [q["sql"] for q in first.captured_queries if "audience_dailycount" in q["sql"]]
    assert len(writes) == 1
    assert writes[0].startswith("INSERT")
    assert len(again) == len(uncounted) + 1
    # With the database cache, inside the test's transaction: the read, the cache write (the
    # cull's count, a savepoint, its select and insert, the savepoint's release), the counter
    # (with its savepoint and release). Outside a transaction, no savepoints: 6.
    assert len(first) == len(uncounted) + 9


def test_a_client_naming_hundreds_of_structures_a_day_stops_counting(rf, coop, monkeypatch):
    monkeypatch.setattr(counts, "MOST_A_DAY", 3)
    request = rf.get("/", REMOTE_ADDR="203.0.113.50")
    many = [make_structure(f"Structure {n}").pk for n in range(3)]
    assert counts.record(request, many, Event.ANSWER) == 3
    assert counts.record(request, [coop.pk], Event.ANSWER) == 0
    # Another client, or another event, is counted.
    assert counts.record(rf.get("/", REMOTE_ADDR="203.0.113.51"), [coop.pk], Event.ANSWER) == 1
    assert counts.record(request, [coop.pk], Event.VIEW) == 1
