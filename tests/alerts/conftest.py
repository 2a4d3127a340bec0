import datetime

import pytest
from django.core.cache import cache

from alerts.models import Subscription
from tests.conftest import make_programme, make_structure

SITE = "https://essmap.example.fr"
MAYENNE_IDEA = "etape=idee&territoire=53147"
# A Monday: the digest covers the seven days before it.
MONDAY = datetime.date(2026, 11, 30)
WEEK_BEFORE = MONDAY - datetime.timedelta(days=7)
LONG_AGO = datetime.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def alert_settings(settings):
    """A known site address and rates, and no request counted before each test."""
    settings.ESSMAP_SITE_URL = SITE
    settings.ESSMAP_ALERT_RATE = "5/h"
    settings.ESSMAP_ALERT_RECIPIENT_RATE = "3/d"
    settings.ESSMAP_ALERT_GLOBAL_RATE = "200/h"
    settings.ESSMAP_ALERT_UNSUBSCRIBE_MAILTO = "desabonnement@essmap.example.fr"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def week(territories):
    """Programmes around the week before MONDAY: two news for Mayenne at the idea stage (one
    published, one verified again), and four that must not be in its digest."""
    t = territories
    coodem = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    landes = make_structure("Incubateur des Landes", territories=[t["dep40"]], commune=t["herm"])
    day = WEEK_BEFORE + datetime.timedelta(days=2)
    return {
        "new": make_programme(
            "Fabrique a projets",
            operators=[coodem],
            territories=[t["dep53"]],
            first_published_on=day,
            verified_on=day,
        ),
        "verified": make_programme(
            "Couveuse mayennaise",
            operators=[coodem],
            territories=[t["dep53"]],
            first_published_on=LONG_AGO,
            verified_on=day + datetime.timedelta(days=1),
        ),
        "old": make_programme(
            "Ancien dispositif",
            operators=[coodem],
            territories=[t["dep53"]],
            first_published_on=LONG_AGO,
            verified_on=LONG_AGO,
        ),
        "elsewhere": make_programme(
            "Incubation landaise",
            operators=[landes],
            territories=[t["dep40"]],
            first_published_on=day,
            verified_on=day,
        ),
        "other_stage": make_programme(
            "Developpement mayennais",
            stages=("developpement",),
            operators=[coodem],
            territories=[t["dep53"]],
            first_published_on=day,
            verified_on=day,
        ),
        "today": make_programme(
            "Publie ce lundi",
            operators=[coodem],
            territories=[t["dep53"]],
            first_published_on=MONDAY,
            verified_on=MONDAY,
        ),
    }


def subscribe(email="camille@example.fr", query=MAYENNE_IDEA, since=WEEK_BEFORE, **fields):
    return Subscription.objects.create(
        email=email,
        query=query,
        confirmed_at=datetime.datetime.combine(since, datetime.time(9), datetime.UTC),
        covered_until=since,
        **fields,
    )
