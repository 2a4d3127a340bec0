"""« Demandes sans réponse »: the page ``/demandes/`` and its CSV, and the layer
``?couche=demandes`` of the coverage map ``/carte/`` (registered with orientation in
``DemandConfig.ready``: see ``orientation.extensions``).

Neither goes through the page cache: the counts change with every search, not with the
content, and each is one or two aggregate queries over the counter rows.
"""

from django.shortcuts import render
from django.urls import reverse

from demand import counting, reports
from essmap.http import csv_response
from orientation import coverage
from orientation.formats import with_formats
from orientation.parameters import Param
from programmes.models import STAGE_HELP, Stage
from territories.models import TerritoryKind, territory_key

CSV_FIELDS = [
    "jour",
    "code",
    "territoire",
    "etape",
    "recherches",
    "zero_resultat",
    "peu_de_resultats",
]


# ``?couche=`` of /carte/ for this layer.
MAP_LAYER = "demandes"


@with_formats("html", "csv")
def demand_page(request, output):
    # Opportunistic: no keyword (nor client hash) older than the retention is ever shown or
    # kept for long, even without the cron.
    counting.purge()
    if output == "csv":
        rows = (
            {
                "jour": row["day"].isoformat(),
                "code": row["area"],
                "territoire": row["area_label"],
                "etape": row["stage"] or "",
                "recherches": row["searches"],
                "zero_resultat": row["zero"],
                "peu_de_resultats": row["few"],
            }
            for row in reports.daily()
        )
        return csv_response("essmap-demandes", CSV_FIELDS, rows)
    first, last = reports.period()
    return render(
        request,
        "demand/demand_page.html",
        {
            "first": first,
            "last": last,
            "rows": reports.table(),
            "keywords": reports.top_keywords(),
            "retention_days": counting.RETENTION_DAYS,
            "min_keyword_clients": reports.min_keyword_clients(),
            "few_results": counting.FEW_RESULTS,
        },
    )


# Colour buckets of the layer, by searches with no result: (lowest, highest or None, class,
# legend).
BUCKETS = [
    (0, 0, "demande-0", "aucune recherche sans résultat local"),
    (1, 4, "demande-1", "1 à 4 recherches sans résultat local"),
    (5, 19, "demande-2", "5 à 19 recherches sans résultat local"),
    (20, None, "demande-3", "20 recherches sans résultat local ou plus"),
]


def bucket_of(zero):
    for low, high, css_class, _legend in BUCKETS:
        if zero >= low and (high is None or zero <= high):
            return css_class
    raise ValueError(zero)


def demand_layer(request):
    """``/carte/?couche=demandes``: the départements by searches that found nothing local
    (orientation does not cache it: it follows the searches, not the content)."""
    raw = request.GET.get(Param.STAGE) or ""
    stage = Stage(raw) if raw in Stage.values else None
    counts, elsewhere = reports.by_departement(stage.value if stage else None)
    data = coverage.departement_map()
    shapes = data["departements"]
    rows = []
    for code in sorted(shapes, key=coverage.code_order):
        key = territory_key(TerritoryKind.DEPARTEMENT, code)
        numbers = counts.get(key, {"searches": 0, "zero": 0, "few": 0})
        rows.append(
            {
                "code": code,
                "name": shapes[code]["name"],
                "key": key,
                "searches": numbers["searches"],
                "zero": numbers["zero"],
                "few": numbers["few"],
                "url": reverse("orientation:territory_sheet", args=[key]),
                "bucket": bucket_of(numbers["zero"]),
                "path": shapes[code]["path"],
            }
        )
    legend = [
        {"css_class": css_class, "label": label, "count": 0} for _, _, css_class, label in BUCKETS
    ]
    for row in rows:
        next(item for item in legend if item["css_class"] == row["bucket"])["count"] += 1
    first, last = reports.period()
    return render(
        request,
        "demand/demand_map.html",
        {
            "stage": stage,
            "stage_label": f"à l’étape {stage.label.lower()}" if stage else "toutes étapes",
            "stages": [{"stage": s, "help": STAGE_HELP[s], "current": s == stage} for s in Stage],
            "rows": rows,
            "with_unmet": sum(1 for row in rows if row["zero"]),
            "elsewhere": elsewhere,
            "legend": legend,
            "view_box": data["viewBox"],
            "insets": coverage.insets(),
            "attribution": data["attribution"],
            "first": first,
            "last": last,
        },
    )
