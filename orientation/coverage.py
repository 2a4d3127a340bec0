"""How many programmes serve each département, per stage: the data of the map ``/carte/``.

The counts answer the question collectivity staff ask of the map — "where is nothing listed
at this stage?" (the *zones blanches*) — with the same rule as the territory pages
(:meth:`programmes.models.ProgrammeQuerySet.serving`), applied to every département at once.
"""

import json
from collections import defaultdict
from functools import lru_cache

from django.urls import reverse

from essmap import paths
from essmap.cache import for_this_content
from programmes.models import Programme, ServedArea, Stage
from territories.models import Territory, TerritoryKind, printable, territory_key

MAP_FILE = paths.MAPS_DIR / "departements.json"

# Kinds that may lie inside a département, or straddle several (an EPCI, a PNR or a Pays
# across a border has no département among its containers, only its member communes do).
LOCAL_KINDS = [
    TerritoryKind.COMMUNE,
    TerritoryKind.EPCI,
    TerritoryKind.PNR,
    TerritoryKind.PAYS,
    TerritoryKind.GROUPING,
]
GROUPING_KINDS = [k for k in LOCAL_KINDS if k != TerritoryKind.COMMUNE]

LISTED_TERRITORIES = 20000

STAGE_COLUMNS = [f"stage_{stage.value}" for stage in Stage]

# Colour buckets of the map, by number of programmes: (lowest, highest or None, class, legend).
BUCKETS = [
    (0, 0, "zone-blanche", "aucun dispositif (zone blanche)"),
    (1, 2, "niveau-1", "1 ou 2 dispositifs"),
    (3, 5, "niveau-2", "3 à 5 dispositifs"),
    (6, None, "niveau-3", "6 dispositifs ou plus"),
]


def parse_stage(raw):
    """The stage asked by ``?etape=`` and an error message: ``(Stage, None)`` when valid,
    ``(Stage.IDEE, "…")`` for an unknown value; no value means the idée stage."""
    raw = (raw or "").strip()
    if not raw:
        return Stage.IDEE, None
    if raw in Stage.values:
        return Stage(raw), None
    shown = printable(raw)[:40]
    return Stage.IDEE, (
        f"L’étape « {shown} » n’existe pas : les étapes sont idee, creation et developpement."
    )


def departement_coverage(include_national=True):
    """Count, for every département, the published, current programmes serving it per stage.

    Returns ``{departement_key: {stage_value: {"total": int, "whole": int}}}``, for example
    ``{"dep-53": {"idee": {"total": 5, "whole": 3}, "creation": {…}, "developpement": {…}}}``,
    with an entry for every département in the database (zeros included) and every stage.

    Which programmes: ``Programme.objects.published().current()`` (published, not ended), at
    a stage when its ``stage_<stage>`` flag is set. Which territories a programme covers: its
    served areas (``programmes.ServedArea``: the ones it lists, or, when it lists none, those
    of its operating structures), as ``ProgrammeQuerySet.serving`` reads them.

    A programme counts once for a département when one of its territories

    * is the département or contains it (its région, France…): ``whole`` coverage — these are
      the programmes the territory page of the département lists;
    * lies inside it (a commune, an EPCI… whose ``containers`` include the département), or has
      member communes in it (an EPCI, PNR, Pays or grouping across a border): partial coverage,
      counted in ``total`` only. ``total - whole`` is the number of partial-only programmes.

    With ``include_national=False``, programmes covering all of France are left out, so that
    the map shows where nothing *local* (communal to régional) is listed.

    A grouping whose member communes are not loaded (``membership_complete`` unset) and that no
    département contains reaches no département, as it reaches no page through ``serving``.

    Always three SQL queries, whatever the number of programmes, territories or départements:
    the départements with their containers, the (programme, territory) coverage pairs, and the
    départements the local coverage territories lie in or reach through their members. The
    rest is combined in Python. The map reads it once per content version
    (:func:`essmap.cache.for_this_content`).
    """
    programmes = Programme.objects.published().current().values("pk")

    # 1. Départements and everything that contains them (LEFT JOIN: one row per container).
    departements = {}
    wholly_covered_by = defaultdict(set)  # territory id -> ids of the départements it covers
    for dep_id, key, container_id in (
        Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT)
        .values_list("pk", "key", "containers")
        .order_by()
    ):
        departements[dep_id] = key
        wholly_covered_by[dep_id].add(dep_id)
        if container_id is not None:
            wholly_covered_by[container_id].add(dep_id)

    # 2. (programme, territory, stage flags…): where each programme is available.
    columns = [f"programme__{c}" for c in STAGE_COLUMNS]
    areas = ServedArea.objects.filter(programme__in=programmes)
    coverage = defaultdict(set)  # programme id -> territory ids
    stages_of = {}  # programme id -> stage values
    for programme_id, territory_id, *flags in areas.values_list(
        "programme_id", "territory_id", *columns
    ):
        coverage[programme_id].add(territory_id)
        stages_of[programme_id] = [s.value for s, flag in zip(Stage, flags, strict=True) if flag]

    # 3. Départements the local coverage territories lie in, or reach through their members.
    # Named rather than repeated as a subquery: PostgreSQL misjudges the subquery's size and
    # walked all 140,000 commune memberships (0.6 s); SQLite takes 32,766 parameters at most.
    coverage_territories = set().union(*coverage.values())
    if len(coverage_territories) > LISTED_TERRITORIES:
        coverage_territories = areas.values("territory_id")
    memberships = Territory.containers.through.objects
    inside = memberships.filter(
        from_territory__in=coverage_territories,
        from_territory__kind__in=LOCAL_KINDS,
        to_territory__kind=TerritoryKind.DEPARTEMENT,
    ).values_list("from_territory_id", "to_territory_id")
    through_members = memberships.filter(
        to_territory__in=coverage_territories,
        to_territory__kind__in=GROUPING_KINDS,
        from_territory__containers__kind=TerritoryKind.DEPARTEMENT,
    ).values_list("to_territory_id", "from_territory__containers")
    partly_covered_by = defaultdict(set)  # territory id -> ids of départements it touches
    for territory_id, dep_id in inside.order_by().union(through_members.order_by()):
        partly_covered_by[territory_id].add(dep_id)

    counts = {
        key: {stage.value: {"total": 0, "whole": 0} for stage in Stage}
        for key in departements.values()
    }
    national = {
        pk
        for pk, containers in wholly_covered_by.items()
        if len(containers) == len(departements) > 1
    }
    for programme_id, territories in coverage.items():
        stages = stages_of[programme_id]
        if not stages or (not include_national and territories & national):
            continue
        whole = set().union(*(wholly_covered_by.get(t, ()) for t in territories))
        partial = set().union(*(partly_covered_by.get(t, ()) for t in territories)) - whole
        for dep_id in whole | partial:
            key = departements.get(dep_id)
            if key is None:
                continue
            for stage in stages:
                counts[key][stage]["total"] += 1
                if dep_id in whole:
                    counts[key][stage]["whole"] += 1
    return counts


@lru_cache(maxsize=1)
def departement_map():
    """The outlines of ``essmap/fixtures/maps/departements.json``, built by
    ``tools/build_departement_map.py``."""
    with MAP_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def bucket_of(total):
    """The colour bucket (class, legend) of a number of programmes."""
    for low, high, css_class, legend in BUCKETS:
        if total >= low and (high is None or total <= high):
            return css_class, legend
    raise ValueError(total)


def code_order(code):
    """Sort key putting département codes in the usual order: 01…19, 2A, 2B, 21…95, 971…"""
    return (int(code), "") if code.isdigit() else (int(code[:-1] + "0"), code[-1])


def map_rows(stage, include_national=True):
    """One row per département of the map, in code order, with its counts at ``stage``.

    Each row: ``code``, ``name``, ``key``, ``total``, ``whole``, ``partial``, ``url`` (path of
    the territory page), ``bucket`` (CSS class), ``path`` (SVG outline). A département missing
    from the database (a partial test database) counts 0.
    """
    stage = Stage(stage)
    counts = for_this_content(
        f"departement-coverage:{int(include_national)}",
        lambda: departement_coverage(include_national),
    )
    rows = []
    shapes = departement_map()["departements"]
    for code in sorted(shapes, key=code_order):
        shape = shapes[code]
        key = territory_key(TerritoryKind.DEPARTEMENT, code)
        numbers = counts.get(key, {}).get(stage.value, {"total": 0, "whole": 0})
        rows.append(
            {
                "code": code,
                "name": shape["name"],
                "key": key,
                "total": numbers["total"],
                "whole": numbers["whole"],
                "partial": numbers["total"] - numbers["whole"],
                "url": reverse("orientation:territory_sheet", args=[key]),
                "bucket": bucket_of(numbers["total"])[0],
                "path": shape["path"],
            }
        )
    return rows


def insets():
    """The overseas boxes of the map, each with its département's code, name and geometry."""
    data = departement_map()
    boxes = []
    for code, box in data["insets"].items():
        x, y, width, height = (float(n) for n in box.split())
        boxes.append(
            {
                "code": code,
                "name": data["departements"][code]["name"],
                "x": x,
                "y": y,
                "width": width,
                "height": height,
            }
        )
    return boxes
