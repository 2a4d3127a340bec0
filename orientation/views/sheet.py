"""A territory's orientation sheet (``/territoires/<code>/``, HTML or CSV) and its one-page
print (``/territoires/<code>/imprimer/``): for each stage of a project, the most local
programmes and the structures whose general accompaniment covers it."""

from django.db.models import F
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from essmap.http import FriendlyHttp404, csv_response, requested_format
from orientation import accompaniment, also_here
from orientation.parameters import Param, chosen_stages
from programmes import exports
from programmes.models import STAGE_FIELDS, STAGE_HELP, Programme, Stage, Structure
from programmes.models.programmes import published_structure_links
from territories.models import attach_departements
from territories.places import by_key_for_links, query_key


def sheet_address(territory, stages=()):
    """The address of a territory's sheet of ``stages`` (``/territoires/53147/?etape=idee``),
    of all three when none."""
    url = territory.get_absolute_url()
    query = QueryDict(mutable=True)
    query.setlist(Param.STAGE, [Stage(stage).value for stage in stages])
    return f"{url}?{query.urlencode()}" if stages else url


def sheet_url(territory, stages=()):
    """A territory's sheet as reached from a search: it keeps the stages chosen (it shows
    those only), and opens on the first (``/territoires/53147/?etape=creation#etape-creation``)."""
    stages = chosen_stages(stages)
    if not stages:
        return territory.get_absolute_url()
    return f"{sheet_address(territory, stages)}#etape-{stages[0].value}"


# How many programmes a sheet shows per stage, how many structures whose general
# accompaniment covers the stage, and how many structures in all.
SHEET_PER_STAGE = 15
SHEET_ACCOMPANIMENTS = 5
SHEET_STRUCTURES = 30


def _sheet_territory(key):
    """The territory of a sheet's address; 404 in French when there is none."""
    territory = by_key_for_links(key)
    if territory is None:
        raise FriendlyHttp404(f"Aucun territoire ne porte le code « {key[:70]} ».")
    return territory


def stage_groups(programmes, per_stage, stages=tuple(Stage)):
    """The first ``per_stage`` programmes of each of ``stages`` (most local, then nearest
    first: the order of ``orientation_sheet``), with how many there are in all — in two queries
    whatever their number. Returns the groups, the number of programmes of each stage (all
    three, for the links to each) and the number of programmes open at any of ``stages``."""
    # The ordering annotations are selected too: PostgreSQL refuses to order by a constant
    # (no distance without coordinates) unless it is a selected column.
    ordered_ids = programmes.prefetch_related(None).values_list(
        "reach_scale", "distance_km", "pk", *STAGE_FIELDS.values()
    )
    by_stage = {stage: [] for stage in Stage}
    for _reach, _distance, pk, *flags in ordered_ids:
        for stage, flag in zip(Stage, flags, strict=True):
            if flag:
                by_stage[stage].append(pk)
    shown = {pk for stage in stages for pk in by_stage[stage][:per_stage]}
    entries = {p.pk: p for p in programmes.filter(pk__in=shown)} if shown else {}
    groups = [
        {
            "stage": stage,
            "number": list(Stage).index(stage) + 1,
            "help": STAGE_HELP[stage],
            "programmes": [entries[pk] for pk in by_stage[stage][:per_stage]],
            "count": len(by_stage[stage]),
        }
        for stage in stages
    ]
    counts = {stage: len(ids) for stage, ids in by_stage.items()}
    return groups, counts, len({pk for stage in stages for pk in by_stage[stage]})


def stage_links(territory, counts, chosen):
    """The links at the top of a sheet: the whole sheet, then each stage's own page
    (``?etape=``, a stable address), with its number of programmes; the one shown is current."""
    return [
        {
            "label": "Toutes les étapes",
            "url": sheet_address(territory),
            "count": None,
            "current": not chosen,
        },
        *(
            {
                "label": stage.label,
                "url": sheet_address(territory, [stage]),
                "count": counts[stage],
                "current": chosen == [stage],
            }
            for stage in Stage
        ),
    ]


def territory_sheet(request, key):
    territory = _sheet_territory(key)
    if territory.key != key:
        # Old INSEE codes and other spellings lead to the one current address.
        return redirect(territory, permanent=True)
    # What contains the territory, read once: listed on the sheet (groupings with their
    # départements) and what serves it (Territory.covering_ids).
    containers = attach_departements(territory.read_containers())
    containers.sort(key=lambda t: (t.scale, t.name))
    programmes = Programme.objects.orientation_sheet(territory)
    # HTML or CSV; any other ?format= shows the sheet, as it always has (a public behaviour),
    # hence no orientation.formats.with_formats here.
    if requested_format(request, ("html", "csv")) == "csv":
        rows = exports.programme_rows(programmes, request)
        file_name = f"essmap-{slugify(territory.key)}-{territory.slug}"
        return csv_response(file_name, exports.PROGRAMME_FIELDS, rows)
    # Most local first: the sheet shows the first few of each stage, and links to the list of
    # them all (a région can have thousands, a sheet is meant to be read and printed). With
    # stages chosen (?etape=, from a search through sheet_url or from the links at its top),
    # the sheet shows those only: all three make a page of 20,000 px on a phone; an unknown
    # stage is ignored, as lists do.
    asked = chosen_stages(request.GET.getlist(Param.STAGE))
    chosen = [stage for stage in Stage if stage in asked]
    shown = chosen or list(Stage)
    stages, counts, programme_count = stage_groups(programmes, SHEET_PER_STAGE, shown)
    structures_by_stage = accompaniment.by_stage(territory, SHEET_ACCOMPANIMENTS, shown)
    for group in stages:
        group["structures"] = structures_by_stage[group["stage"]]
    structures = list(
        Structure.objects.published()
        .serving(territory)
        .with_distance_from(territory)
        .select_related("kind", "commune")
        .order_by(F("distance_km").asc(nulls_last=True), "name")[: SHEET_STRUCTURES + 1]
    )
    stage_query = QueryDict(mutable=True)
    stage_query.setlist(Param.STAGE, [stage.value for stage in chosen])
    return render(
        request,
        "orientation/territory_sheet.html",
        {
            "territory": territory,
            "stages": stages,
            "stage_links": stage_links(territory, counts, chosen),
            "chosen": chosen,
            "gaps": [
                group["stage"]
                for group in stages
                if not group["programmes"] and not group["structures"]
            ],
            "programme_count": programme_count,
            "structures": structures[:SHEET_STRUCTURES],
            "more_structures": len(structures) > SHEET_STRUCTURES,
            "containers": containers,
            "today": timezone.localdate(),
            "share_url": request.build_absolute_uri(sheet_address(territory, chosen)),
            "list_key": query_key(territory),
            "stage_query": stage_query.urlencode(),
            "print_url": print_url(territory, chosen),
            # Present here, named by nothing above at the stages chosen (issue 24 §8).
            "also_here": also_here.structures(
                territory, chosen, shown={s.pk for g in stages for s in g["structures"]}
            ),
        },
    )


def print_url(territory, stages=()):
    """The one-page print of a territory's sheet, of ``stages`` (all three when none)."""
    url = reverse("orientation:territory_print", args=[territory.key])
    query = QueryDict(mutable=True)
    query.setlist(Param.STAGE, [Stage(stage).value for stage in stages])
    return f"{url}?{query.urlencode()}" if stages else url


# The one-page print of a sheet: the most local few per stage (A4, checked by
# tests/browser/test_print_sheet.py), more when a single stage is printed. Structures whose
# general accompaniment covers the stage take up to this many of those places (the page
# never grows), programmes the rest.
PRINT_PER_STAGE = 3
PRINT_ONE_STAGE = 6
PRINT_ACCOMPANIMENTS = 1
PRINT_ONE_STAGE_ACCOMPANIMENTS = 2


def territory_print(request, key):
    """A sheet a mairie can hand over: for each stage (``?etape=``, repeatable; all three by
    default) the few most local programmes, who runs them, how to reach them and their reach,
    with the date and the address of the full sheet — one A4 page."""
    territory = _sheet_territory(key)
    asked = request.GET.getlist(Param.STAGE)
    unknown = [value for value in asked if value not in Stage.values]
    if unknown:
        raise FriendlyHttp404(
            f"L’étape « {unknown[0][:40]} » n’existe pas : les étapes sont idee, creation et "
            "developpement."
        )
    stages = [stage for stage in Stage if stage.value in asked] or list(Stage)
    if territory.key != key:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        address = reverse("orientation:territory_print", args=[territory.key])
        return redirect(f"{address}{query}", permanent=True)
    per_stage = PRINT_PER_STAGE if len(stages) > 1 else PRINT_ONE_STAGE
    # Who runs each and how to reach them: nothing else of the sheet's prefetches is printed.
    programmes = (
        Programme.objects.orientation_sheet(territory)
        .prefetch_related(None)
        .prefetch_related(published_structure_links())
    )
    groups, _, _ = stage_groups(programmes, per_stage, stages)
    places = PRINT_ACCOMPANIMENTS if len(stages) > 1 else PRINT_ONE_STAGE_ACCOMPANIMENTS
    # A few more than the places: one already printed as a programme's operator is not
    # repeated (paper is short).
    candidates = accompaniment.by_stage(territory, places + per_stage, stages)
    for group in groups:
        printed = {s.pk for programme in group["programmes"] for s in programme.operators}
        structures = [s for s in candidates[group["stage"]] if s.pk not in printed][:places]
        group["structures"] = structures
        group["programmes"] = group["programmes"][: per_stage - len(structures)]
    choices = [
        {
            "label": "Toutes les étapes",
            "url": print_url(territory),
            "current": len(stages) == len(Stage),
        },
        *(
            {
                "label": f"Étape {stage.label.lower()}",
                "url": print_url(territory, [stage]),
                "current": stages == [stage],
            }
            for stage in Stage
        ),
    ]
    return render(
        request,
        "orientation/territory_print.html",
        {
            "territory": territory,
            "stages": groups,
            "choices": choices,
            "today": timezone.localdate(),
            # The sheet of the same stages.
            "share_url": request.build_absolute_uri(
                sheet_address(territory, stages if len(stages) < len(Stage) else ())
            ),
        },
    )
