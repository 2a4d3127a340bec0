"""The home search form and the two lists: ``/programmes/`` (with facets, the structures that
answer the place and stage, and the ways out of an empty search) and ``/structures/``."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.functional import cached_property

from orientation import accompaniment, also_here, extensions
from orientation.facets import facet_counts, label_choices
from orientation.filters import ProgrammeFilterSet, StructureFilterSet
from orientation.parameters import Param
from orientation.views.directory import DirectoryListView
from orientation.views.sheet import sheet_url
from orientation.ways_out import city_parts_with_more, ways_out
from programmes import exports, shown
from programmes.models import STAGE_HELP, Programme, Structure
from territories.models import SCALE, TerritoryKind
from territories.places import demand_area, query_key

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


class SearchPaginator(Paginator):
    """Counts a search's results and, with a place, its local ones (``local_count``: those
    serving the place more closely than the whole of France) in the same query: national
    programmes answer every place, so only the others tell whether a place lacks support
    (as the map does unless ``national=oui``), for the count of unmet demand."""

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


def answered_structures(context):
    """The structures an answer names: those running the programmes of its page (their
    published structures, prefetched for the cards), then the structures answering the place
    and stage themselves."""
    ids = [
        link.structure_id
        for programme in context["page_obj"].object_list
        for link in programme.structure_links.all()
    ]
    return ids + [structure.pk for structure in context["accompaniments"]]


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
        return SearchPaginator(queryset, per_page, territory=data.get(Param.TERRITORY), **kwargs)

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
            ],
            # Structures present in the place that nothing above names (issue 24 §8).
            "also_here": [
                exports.presence_as_dict(structure, self.request)
                for structure in context["also_here"]
            ],
        }

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        if any(data.get(name) for name in self.filterset.filters if name != Param.ORDER):
            # Said to whoever counts searches (orientation.extensions: the demand app), even
            # when the page comes from the page cache: what the place has, and where.
            found = local_results(context["page_obj"])
            area = demand_area(data.get(Param.TERRITORY))
            extensions.note_search(response, extensions.SearchOutcome(found, area))
            # The structures this answer names (audience/: appearances by stage), said like the
            # search's outcome so that a page from the cache says it too.
            shown.note_shown(response, shown.ANSWER, answered_structures(context))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stage_help"] = STAGE_HELP
        valid = self.filterset.is_valid()
        context["accompaniments"] = accompaniment.for_search(self.filterset) if valid else []
        context["also_here"] = (
            also_here.for_search(self.filterset, [s.pk for s in context["accompaniments"]])
            if valid
            else also_here.AlsoHere()
        )
        if self.output_format == "html" and valid:
            data = self.filterset.form.cleaned_data
            if data.get(Param.TERRITORY):
                context["sheet_url"] = sheet_url(data[Param.TERRITORY], data.get(Param.STAGE))
                context["territory_key"] = query_key(data[Param.TERRITORY])
                context["city_parts"] = city_parts_with_more(
                    self.filterset, context["page_obj"].paginator.count
                )
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

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        if any(data.get(name) for name in self.filterset.filters if name != Param.ORDER):
            # The structures of this answer's page (audience/), as the programme list does.
            ids = [structure.pk for structure in context["page_obj"].object_list]
            shown.note_shown(response, shown.ANSWER, ids)
        return response
