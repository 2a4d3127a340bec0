"""What the counted searches say, as the page ``/demandes/``, its CSV and the map layer read
it: each an aggregate query or two over ``SearchCount``, whatever the number of searches."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from demand.counting import RETENTION_DAYS, displayable
from demand.models import (
    ANY_STAGE,
    FRANCE,
    NO_TERRITORY,
    SEVERAL,
    SEVERAL_STAGES,
    Outcome,
    RecentSearch,
    SearchCount,
)
from orientation.coverage import code_order
from programmes.models import Stage
from territories.models import Territory

# A keyword is shown only when typed by settings.ESSMAP_DEMAND_KEYWORD_CLIENTS clients (a client
# a day: the hash changes every day), on this many days at least, and by two clients at least
# on one of them: one address, even coming back every day, never writes on the page.
MIN_KEYWORD_DAYS = 2
MIN_CLIENTS_ONE_DAY = 2
TOP_KEYWORDS = 20

SUMS = {
    # Not "searches": an annotation may not take the name of the field it sums.
    "total": Sum("searches"),
    "zero": Sum("searches", filter=Q(outcome=Outcome.ZERO), default=0),
    "few": Sum("searches", filter=Q(outcome=Outcome.FEW), default=0),
}
STAGE_LABELS = {
    ANY_STAGE: "sans étape choisie",
    SEVERAL_STAGES: "plusieurs étapes",
    **{stage.value: stage.label.lower() for stage in Stage},
}
AREA_LABELS = {
    NO_TERRITORY: "Sans territoire",
    SEVERAL: "Plusieurs départements",
    FRANCE: "France entière",
}


def period():
    """The first and last days counted (None, None before the first search)."""
    days = SearchCount.objects.aggregate(first=Min("day"), last=Max("day"))
    return days["first"], days["last"]


def area_order(area):
    """Départements in code order, then régions, then the rest."""
    if area.startswith("dep-"):
        return (0, code_order(area[4:]))
    if area.startswith("reg-"):
        return (1, (int(area[4:]) if area[4:].isdigit() else 0, area))
    return (2, (list(AREA_LABELS).index(area) if area in AREA_LABELS else 9, area))


def area_labels(areas):
    """The name of each area, in one query: « Mayenne (53) », « Pays de la Loire (région) »."""
    keys = [area for area in areas if area not in AREA_LABELS]
    names = dict(Territory.objects.filter(key__in=keys).values_list("key", "name"))
    labels = {}
    for area in areas:
        if area in AREA_LABELS:
            labels[area] = AREA_LABELS[area]
        elif area.startswith("dep-"):
            labels[area] = f"{names.get(area, 'Département')} ({area[4:]})"
        elif area.startswith("reg-"):
            labels[area] = f"{names.get(area, area)} (région)"
        else:
            labels[area] = names.get(area, area)
    return labels


def _labelled(rows):
    rows = list(rows)
    labels = area_labels({row["area"] for row in rows})
    for row in rows:
        row["searches"] = row.pop("total")
        row["area_label"] = labels[row["area"]]
        if "stage" in row:
            row["stage_label"] = STAGE_LABELS.get(row["stage"], row["stage"])
    return rows


def table():
    """One row per area and stage over the whole period: searches, with 0 result, with few."""
    rows = _labelled(SearchCount.objects.values("area", "stage").annotate(**SUMS).order_by())
    stage_order = list(STAGE_LABELS)
    rows.sort(key=lambda r: (area_order(r["area"]), stage_order.index(r["stage"])))
    return rows


def daily():
    """The same per day (the CSV), oldest first."""
    rows = _labelled(SearchCount.objects.values("day", "area", "stage").annotate(**SUMS).order_by())
    stage_order = list(STAGE_LABELS)
    rows.sort(key=lambda r: (r["day"], area_order(r["area"]), stage_order.index(r["stage"])))
    return rows


def min_keyword_clients():
    return max(settings.ESSMAP_DEMAND_KEYWORD_CLIENTS, MIN_CLIENTS_ONE_DAY)


def top_keywords(today=None):
    """The keywords of the zero-result searches of the last RETENTION_DAYS days that enough
    distinct clients typed on enough days (see MIN_KEYWORD_DAYS), most searched first: one
    aggregate query, one row per keyword and day."""
    today = today or timezone.localdate()
    per_day = (
        RecentSearch.objects.filter(day__gt=today - timedelta(days=RETENTION_DAYS))
        .exclude(keywords="")
        .values("keywords", "day")
        .annotate(clients=Count("client", distinct=True), searches=Count("id"))
        .order_by()
    )
    keywords = {}
    for row in per_day:
        seen = keywords.setdefault(
            row["keywords"], {"days": 0, "clients": 0, "most_one_day": 0, "searches": 0}
        )
        seen["days"] += 1
        seen["clients"] += row["clients"]
        seen["most_one_day"] = max(seen["most_one_day"], row["clients"])
        seen["searches"] += row["searches"]
    shown = [
        {"keywords": words, "searches": seen["searches"]}
        for words, seen in keywords.items()
        if seen["clients"] >= min_keyword_clients()
        and seen["days"] >= MIN_KEYWORD_DAYS
        and seen["most_one_day"] >= MIN_CLIENTS_ONE_DAY
        # Not kept in the first place (counting.normalised_keywords); checked again here.
        and displayable(words)
    ]
    shown.sort(key=lambda row: (-row["searches"], row["keywords"]))
    return shown[:TOP_KEYWORDS]


def by_departement(stage=None):
    """``{"dep-53": {"searches", "zero", "few"}}`` at one stage (every search when None), and
    the searches counted elsewhere (régions, France, several départements, no territory)."""
    rows = SearchCount.objects.all()
    if stage:
        rows = rows.filter(stage=stage)
    counts = {}
    elsewhere = 0
    for row in rows.values("area").annotate(**SUMS).order_by():
        row["searches"] = row.pop("total")
        if row["area"].startswith("dep-"):
            counts[row["area"]] = row
        else:
            elsewhere += row["searches"]
    return counts, elsewhere
