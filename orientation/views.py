"""The orientation pages: the home search form, the lists of programmes and structures with
their filters, facets and ways out, a territory's orientation sheet and the coverage map. Each
answers in HTML, JSON or CSV through ``essmap.http``."""

from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django_filters.views import FilterView

from essmap.http import (
    FriendlyHttp404,
    csv_response,
    json_response,
    note_search,
    requested_format,
    unknown_format,
    url_integer,
)
from essmap.templatetags.french import count_label
from orientation import accompaniment, coverage
from orientation.facets import facet_counts, label_choices
from orientation.filters import ProgrammeFilterSet, StructureFilterSet, ways_out
from programmes import exports
from programmes.models import STAGE_FIELDS, STAGE_HELP, Programme, Stage, Structure
from programmes.models.programmes import published_structure_links
from territories.forms import MAX_LENGTH
from territories.models import SCALE, TerritoryKind, attach_departements
from territories.places import attach_query_keys, by_key_for_links, demand_area, query_key
from territories.search import autocomplete

NATIONAL_SCALE = SCALE[TerritoryKind.COUNTRY]


def home(request):
    form = ProgrammeFilterSet(queryset=Programme.objects.none()).form
    counts = {
        "programmes": Programme.objects.published().current().count(),
        "structures": Structure.objects.published().count(),
    }
    return render(
        request,
        "orientation/home.html",
        {"form": form, "stage_help": STAGE_HELP, "counts": counts},
    )


# ---------------------------------------------------------------------------
# Lists


class DirectoryListView(FilterView):
    """A filtered, paginated list that also answers ``?format=json`` and ``?format=csv``.

    JSON gives the page shown in HTML (same filters, order and page); CSV gives every
    result in the same order, up to ``ESSMAP_CSV_MAX_ROWS``.
    """

    strict = True
    export_fields = []
    csv_name = "essmap"

    def as_dict(self, obj):
        raise NotImplementedError

    def export_rows(self, queryset):
        return (self.as_dict(obj) for obj in queryset)

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so default rules (e.g. hiding ended programmes) apply to a bare URL.
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_paginate_by(self, queryset):
        raw = self.request.GET.get("par_page")
        size = url_integer(raw, default=settings.ESSMAP_PAGE_SIZE)
        return max(1, min(size, settings.ESSMAP_MAX_PAGE_SIZE))

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        # An absent or empty page is the first; anything but ASCII digits, none (a 404).
        number = url_integer(self.request.GET.get("page") or "1", default=0)
        if not 1 <= number <= paginator.num_pages:
            raise FriendlyHttp404(
                "Cette page de résultats n’existe pas : la recherche compte "
                f"{count_label(paginator.num_pages, 'page', feminine=True)}."
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        self.output_format = requested_format(request)
        if self.output_format is None:
            return unknown_format()
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = self.filterset.is_valid()
        territory = self.filterset.form.cleaned_data.get("territoire") if valid else None
        if territory and request.GET.get("territoire") != query_key(territory):
            # A name typed or picked from the suggestions, or a postal code, becomes the
            # territory's code, so the address a person shares stays short and stable.
            query = request.GET.copy()
            query["territoire"] = query_key(territory)
            return redirect(f"{request.path}?{query.urlencode()}")
        self.object_list = self.filterset.qs if valid else self.filterset.queryset.none()
        if self.output_format == "csv":
            rows = self.export_rows(self.object_list[: settings.ESSMAP_CSV_MAX_ROWS])
            return csv_response(self.csv_name, self.export_fields, rows)
        try:
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        except FriendlyHttp404 as error:
            if self.output_format == "json":
                return json_response({"error": str(error)}, status=404)
            raise
        if self.output_format == "json":
            return self.render_json(context, valid)
        return self.render_to_response(context)

    def render_json(self, context, valid):
        page = context["page_obj"]
        body = {
            "count": page.paginator.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "results": [self.as_dict(obj) for obj in context["object_list"]],
            # With keywords: "all" when the results contain every word, "closest" when too
            # few did and results are ranked by how many of the words they contain.
            "text_match": getattr(self.filterset.text_query, "mode", None),
            **self.json_extra(context),
        }
        if not valid:
            body["errors"] = {
                field: [str(e) for e in errors] for field, errors in self.filterset.errors.items()
            }
        return json_response(body, status=200 if valid else 400)

    def json_extra(self, context):
        """Keys a list adds to its JSON beside ``results``."""
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context["query_string"] = query.urlencode()
        if "territoire" in self.filterset.errors:
            context["territory_choices"] = self.territory_choices(query)
            # Only a choice to make (a name or a postal code shared by several): no failure.
            errors = self.filterset.form.errors.as_data()
            context["territory_to_choose"] = bool(context["territory_choices"]) and all(
                name == "territoire" and error.code == "ambiguous"
                for name, field_errors in errors.items()
                for error in field_errors
            )
        return context

    def territory_choices(self, query):
        return territory_choices(self.filterset.form.fields["territoire"], query)


def territory_choices(field, query):
    """Likely territories for a name (or a postal code) that ``field`` (a TerritoryField) did
    not resolve to one, each with its own link: ``query`` with that territory."""
    typed = query.get("territoire", "")
    candidates = field.resolve(typed) if len(typed) <= MAX_LENGTH else []
    if len(candidates) < 2:
        candidates = autocomplete(typed)
    attach_query_keys(attach_departements(candidates))
    choices = []
    for territory in candidates:
        choice = query.copy()
        choice["territoire"] = query_key(territory)
        choices.append((territory, choice.urlencode()))
    return choices


class SearchPaginator(Paginator):
    """Counts a search's results and, with a place, its local ones (``local_count``: those
    serving the place more closely than the whole of France) in the same query: national
    programmes answer every place, so only the others tell whether a place lacks support
    (as ``national=non`` does on the map), for the count of unmet demand."""

    local = Q(reach_scale__lt=NATIONAL_SCALE)

    def __init__(self, *args, territory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_place = territory is not None and territory.kind != TerritoryKind.COUNTRY
        self.local_count = None

    @cached_property
    def count(self):
        if not self.by_place:
            return super().count
        totals = self.object_list.aggregate(total=Count("pk"), local=Count("pk", filter=self.local))
        self.local_count = totals["local"]
        return totals["total"]


def local_results(page):
    """What a search found near its place (every result without a place, or for France)."""
    paginator = page.paginator
    total = paginator.count
    return total if paginator.local_count is None else paginator.local_count


def listed_programmes():
    """What the programme list searches, before its filters (shared with the widget)."""
    return Programme.objects.published().for_listing().order_by("name", "pk")


class ProgrammeListView(DirectoryListView):
    filterset_class = ProgrammeFilterSet
    template_name = "orientation/programme_list.html"
    export_fields = exports.PROGRAMME_FIELDS
    csv_name = "essmap-dispositifs"

    def get_queryset(self):
        return listed_programmes()

    def get_paginator(self, queryset, per_page, **kwargs):
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        return SearchPaginator(queryset, per_page, territory=data.get("territoire"), **kwargs)

    def as_dict(self, obj):
        return exports.programme_as_dict(obj, self.request)

    def export_rows(self, queryset):
        return exports.programme_rows(queryset, self.request)

    def json_extra(self, context):
        # Structures answering the place and stage, apart from the programmes (not counted).
        return {
            "structures": [
                exports.accompaniment_as_dict(structure, self.request)
                for structure in context["accompaniments"]
            ]
        }

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        if any(data.get(name) for name in self.filterset.filters if name != "tri"):
            # Said to the counting of unmet demand (the demand app), which reads it even when
            # the page comes from the page cache: what the place has, and where.
            found = local_results(context["page_obj"])
            note_search(response, found, demand_area(data.get("territoire")))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stage_help"] = STAGE_HELP
        valid = self.filterset.is_valid()
        context["accompaniments"] = accompaniment.for_search(self.filterset) if valid else []
        if self.output_format == "html" and valid:
            data = self.filterset.form.cleaned_data
            if data.get("territoire"):
                context["sheet_url"] = sheet_url(data["territoire"], data.get("etape"))
            label_choices(self.filterset.form, facet_counts(self.filterset))
            if not context["page_obj"].paginator.count:
                context["ways_out"] = ways_out(self.filterset)
        return context


class StructureListView(DirectoryListView):
    filterset_class = StructureFilterSet
    template_name = "orientation/structure_list.html"
    export_fields = exports.STRUCTURE_FIELDS
    csv_name = "essmap-structures"

    def get_queryset(self):
        return (
            Structure.objects.published()
            .select_related("kind", "commune")
            .with_network_to_call()
            .prefetch_related("territories", "publics", "sectors")
            .order_by("name", "pk")
        )

    def as_dict(self, obj):
        return exports.structure_as_dict(obj, self.request)


# ---------------------------------------------------------------------------
# A territory's orientation sheet


def chosen_stages(values):
    """The stages of ``?etape=`` that exist, once each, in the order given."""
    return list(dict.fromkeys(Stage(v) for v in values or () if v in Stage.values))


def sheet_url(territory, stages=()):
    """A territory's sheet as reached from a search: it keeps the stages chosen, and opens on
    the first (``/territoires/53147/?etape=creation#etape-creation``)."""
    url = territory.get_absolute_url()
    stages = chosen_stages(stages)
    if not stages:
        return url
    query = QueryDict(mutable=True)
    query.setlist("etape", [stage.value for stage in stages])
    return f"{url}?{query.urlencode()}#etape-{stages[0].value}"


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


def stage_groups(programmes, per_stage, stages=tuple(Stage), chosen=()):
    """The first ``per_stage`` programmes of each of ``stages`` (most local, then nearest
    first: the order of ``orientation_sheet``), with how many there are in all, and the number
    of programmes open at any stage — in two queries whatever their number."""
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
            "help": STAGE_HELP[stage],
            "programmes": [entries[pk] for pk in by_stage[stage][:per_stage]],
            "count": len(by_stage[stage]),
            "chosen": stage in chosen,
        }
        for stage in stages
    ]
    return groups, len({pk for ids in by_stage.values() for pk in ids})


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
    if requested_format(request, ("html", "csv")) == "csv":
        rows = exports.programme_rows(programmes, request)
        file_name = f"essmap-{slugify(territory.key)}-{territory.slug}"
        return csv_response(file_name, exports.PROGRAMME_FIELDS, rows)
    # Most local first: the sheet shows the first few of each stage, and links to the list of
    # them all (a région can have thousands, a sheet is meant to be read and printed). The
    # stage chosen in the search the sheet was opened from is marked (see sheet_url).
    chosen = chosen_stages(request.GET.getlist("etape"))
    stages, programme_count = stage_groups(programmes, SHEET_PER_STAGE, chosen=chosen)
    structures_by_stage = accompaniment.by_stage(territory, SHEET_ACCOMPANIMENTS)
    for group in stages:
        group["structures"] = structures_by_stage[group["stage"]]
    structures = list(
        Structure.objects.published()
        .serving(territory)
        .with_distance_from(territory)
        .select_related("kind", "commune")
        .order_by(F("distance_km").asc(nulls_last=True), "name")[: SHEET_STRUCTURES + 1]
    )
    return render(
        request,
        "orientation/territory_sheet.html",
        {
            "territory": territory,
            "stages": stages,
            "gaps": [
                group["stage"]
                for group in stages
                if not group["programmes"] and not group["structures"]
            ],
            "programme_count": programme_count,
            "structures": structures[:SHEET_STRUCTURES],
            "more_structures": len(structures) > SHEET_STRUCTURES,
            "containers": containers,
            "today": date.today(),
            "share_url": request.build_absolute_uri(territory.get_absolute_url()),
            "list_key": query_key(territory),
            "print_chosen_url": print_url(territory, chosen) if chosen else "",
        },
    )


def print_url(territory, stages=()):
    """The one-page print of a territory's sheet, of ``stages`` (all three when none)."""
    url = reverse("orientation:territory_print", args=[territory.key])
    query = QueryDict(mutable=True)
    query.setlist("etape", [Stage(stage).value for stage in stages])
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
    asked = request.GET.getlist("etape")
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
    groups, _ = stage_groups(programmes, per_stage, stages)
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
            "today": date.today(),
            "share_url": request.build_absolute_uri(territory.get_absolute_url()),
        },
    )


# ---------------------------------------------------------------------------
# Coverage map

COVERAGE_CSV_FIELDS = ["code", "name", "key", "total", "whole", "url"]


def coverage_map(request):
    """Carte des accompagnements: départements by number of programmes at one stage
    (``?etape=``, idée by default), as a map and a table, or ``?format=json`` / ``csv``.

    Counts come from :func:`orientation.coverage.departement_coverage` (fixed query count).
    An unknown stage falls back to idée with a notice in HTML, and is a 400 in JSON and CSV.
    """
    output = requested_format(request)
    if output is None:
        return unknown_format()
    stage, error = coverage.parse_stage(request.GET.get("etape"))
    if error and output == "json":
        return json_response({"errors": {"etape": [error]}}, status=400)
    if error and output == "csv":
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    # "national=non": only what is local to régional, where the real gaps show.
    include_national = request.GET.get("national") != "non"
    rows = coverage.map_rows(stage, include_national)
    if output in ("json", "csv"):
        records = [
            {field: row[field] for field in COVERAGE_CSV_FIELDS[:-1]}
            | {"url": request.build_absolute_uri(row["url"])}
            for row in rows
        ]
        if output == "json":
            return json_response(
                {"etape": stage.value, "national": include_national, "departements": records}
            )
        return csv_response(f"essmap-carte-{stage.value}", COVERAGE_CSV_FIELDS, records)
    data = coverage.departement_map()
    gaps = [row for row in rows if row["total"] == 0]
    legend = [
        {"css_class": css_class, "label": label, "count": 0}
        for _, _, css_class, label in coverage.BUCKETS
    ]
    for row in rows:
        next(item for item in legend if item["css_class"] == row["bucket"])["count"] += 1
    return render(
        request,
        "orientation/coverage_map.html",
        {
            "stage": stage,
            "stage_label": stage.label.lower(),
            "stages": [{"stage": s, "help": STAGE_HELP[s], "current": s == stage} for s in Stage],
            "include_national": include_national,
            "national_query": "" if include_national else "&national=non",
            "error": error,
            "rows": rows,
            "gaps": gaps,
            "covered_count": len(rows) - len(gaps),
            "legend": legend,
            "view_box": data["viewBox"],
            "insets": coverage.insets(),
            "attribution": data["attribution"],
        },
    )
