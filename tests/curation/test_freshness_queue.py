"""The curators' freshness queue (EntryQuerySet.freshness_queue, admin « fraîcheur : à vérifier
d’abord »): never verified first, then the most consulted, then the oldest check; an entry just
published or confirmed by its structure waits for nothing."""

import datetime

import pytest
from django.utils import timezone

from audience.models import DailyCount, Event
from programmes.models import Programme, Structure
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 3, 1)


def views(structure, n, days_ago=1):
    DailyCount.objects.create(
        structure=structure,
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        event=Event.VIEW,
        count=n,
    )


@pytest.fixture
def queue():
    today = timezone.localdate()
    s = {
        "never_quiet": make_structure("A jamais verifiee", verified_on=None),
        "never_read": make_structure("Z jamais verifiee lue", verified_on=None),
        "old_read": make_structure(
            "B verifiee en 2022, lue", verified_on=datetime.date(2022, 5, 1)
        ),
        "older_quiet": make_structure("C verifiee en 2020", verified_on=LONG_AGO),
        "old_quiet": make_structure("D verifiee en 2022", verified_on=datetime.date(2022, 5, 1)),
        "new": make_structure("E publiee hier", verified_on=None),
        "confirmed": make_structure(
            "F confirmee par la structure",
            verified_on=LONG_AGO,
            confirmed_by_structure_on=today - datetime.timedelta(days=20),
        ),
        "fresh": make_structure(
            "G verifiee le mois dernier", verified_on=today - datetime.timedelta(30)
        ),
    }
    Structure.objects.exclude(pk=s["new"].pk).update(first_published_on=LONG_AGO)
    Structure.objects.filter(pk=s["new"].pk).update(
        first_published_on=today - datetime.timedelta(1)
    )
    views(s["never_read"], 40)
    views(s["old_read"], 30)
    views(s["old_read"], 5, days_ago=10)
    # Views older than the 90 days weigh nothing.
    views(s["old_quiet"], 500, days_ago=200)
    return s


def test_the_queue_order_and_what_waits_for_nothing(queue):
    order = list(Structure.objects.freshness_queue().values_list("name", flat=True))
    assert order == [
        "Z jamais verifiee lue",
        "A jamais verifiee",
        "B verifiee en 2022, lue",
        "C verifiee en 2020",
        "D verifiee en 2022",
    ]
    consulted = dict(Structure.objects.freshness_queue().values_list("name", "queue_consulted"))
    assert consulted["B verifiee en 2022, lue"] == 35


def test_a_programme_is_as_consulted_as_its_operators(queue):
    quiet = make_programme(
        "Dispositif calme", operators=[queue["older_quiet"]], verified_on=LONG_AGO
    )
    read = make_programme("Dispositif lu", operators=[queue["old_read"]], verified_on=LONG_AGO)
    Programme.objects.update(first_published_on=LONG_AGO)
    assert list(Programme.objects.freshness_queue().values_list("pk", flat=True)) == [
        read.pk,
        quiet.pk,
    ]


def test_the_admin_list_keeps_the_queue_order(admin_client, queue):
    page = admin_client.get("/admin/programmes/structure/?fraicheur=file").text
    positions = [page.index(name) for name in ("Z jamais", "A jamais", "B verifiee", "D verifiee")]
    assert positions == sorted(positions)
    assert "E publiee hier" not in page
    assert "F confirmee" not in page
    # A column the curator sorts by wins.
    by_name = admin_client.get("/admin/programmes/structure/?fraicheur=file&o=1").text
    assert by_name.index("A jamais") < by_name.index("Z jamais")
