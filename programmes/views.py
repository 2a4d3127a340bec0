from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.generic import DetailView
from django_filters.views import FilterView

from essmap.views import FriendlyHttp404
from programmes import exports
from programmes.facets import facet_counts, label_choices
from programmes.filters import ProgrammeFilterSet, StructureFilterSet, ways_out
from programmes.models import (
    STAGE_HELP,
    Person,
    PersonProgramme,
    Programme,
    ProgrammeStructure,
    PublicationStatus,
    Structure,
)
from territories.forms import MAX_LENGTH, resolve
from territories.search import autocomplete

OUTPUT_FORMATS = {"html", "json", "csv"}


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

    @property
    def output_format(self):
        return self.request.GET.get("format", "html") or "html"

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so default rules (e.g. hiding ended programmes) apply to a bare URL.
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_paginate_by(self, queryset):
        raw = self.request.GET.get("par_page", "")
        size = int(raw) if raw.isdigit() else settings.ESSMAP_PAGE_SIZE
        return max(1, min(size, settings.ESSMAP_MAX_PAGE_SIZE))

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get("page", "1") or "1"
        number = int(raw) if raw.isdigit() and len(raw) < 7 else 0
        if not 1 <= number <= paginator.num_pages:
            raise FriendlyHttp404(
                f"Cette page de résultats n’existe pas : la recherche compte "
                f"{paginator.num_pages} page{'s' if paginator.num_pages > 1 else ''}."
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        if self.output_format not in OUTPUT_FORMATS:
            return HttpResponse(
                "Format inconnu : utilisez format=json ou format=csv.",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = self.filterset.is_valid()
        territory = self.filterset.form.cleaned_data.get("territoire") if valid else None
        if territory and request.GET.get("territoire") != territory.key:
            # A name typed or picked from the suggestions becomes the territory's code, so
            # the address a person shares stays short and stable.
            query = request.GET.copy()
            query["territoire"] = territory.key
            return redirect(f"{request.path}?{query.urlencode()}")
        self.object_list = self.filterset.qs if valid else self.filterset.queryset.none()
        if self.output_format == "csv":
            return self.render_csv()
        try:
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        except FriendlyHttp404 as error:
            if self.output_format == "json":
                return JsonResponse({"error": str(error)}, status=404)
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
        }
        if not valid:
            body["errors"] = {
                field: [str(e) for e in errors] for field, errors in self.filterset.errors.items()
            }
        return JsonResponse(
            body, status=200 if valid else 400, json_dumps_params={"ensure_ascii": False}
        )

    def render_csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        rows = (self.as_dict(obj) for obj in self.object_list[: settings.ESSMAP_CSV_MAX_ROWS])
        return exports.write_csv(response, self.export_fields, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context["query_string"] = query.urlencode()
        if "territoire" in self.filterset.errors:
            context["territory_choices"] = self.territory_choices(query)
        return context

    def territory_choices(self, query):
        """Likely territories for a name that did not resolve, each with its own link."""
        typed = query.get("territoire", "")
        candidates = resolve(typed) if len(typed) <= MAX_LENGTH else []
        if len(candidates) < 2:
            candidates = autocomplete(typed)
        choices = []
        for territory in candidates:
            choice = query.copy()
            choice["territoire"] = territory.key
            choices.append((territory, choice.urlencode()))
        return choices


def _published_structure_links():
    return Prefetch(
        "structure_links",
        queryset=ProgrammeStructure.objects.filter(
            structure__publication_status=PublicationStatus.PUBLISHED
        )
        .select_related("structure")
        .order_by("role", "structure__name"),
    )


class ProgrammeListView(DirectoryListView):
    filterset_class = ProgrammeFilterSet
    template_name = "programmes/programme_list.html"
    export_fields = exports.PROGRAMME_FIELDS
    csv_name = "essmap-dispositifs"

    def get_queryset(self):
        return Programme.objects.published().for_listing().order_by("name", "pk")

    def as_dict(self, obj):
        return exports.programme_as_dict(obj, self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stage_help"] = STAGE_HELP
        if self.output_format == "html" and self.filterset.is_valid():
            label_choices(self.filterset.form, facet_counts(self.filterset))
            if not context["page_obj"].paginator.count:
                context["ways_out"] = ways_out(self.filterset)
        return context


class StructureListView(DirectoryListView):
    filterset_class = StructureFilterSet
    template_name = "programmes/structure_list.html"
    export_fields = exports.STRUCTURE_FIELDS
    csv_name = "essmap-structures"

    def get_queryset(self):
        return (
            Structure.objects.published()
            .select_related("kind", "commune")
            .prefetch_related("territories", "publics", "sectors")
            .order_by("name", "pk")
        )

    def as_dict(self, obj):
        return exports.structure_as_dict(obj, self.request)


class EntryDetailView(DetailView):
    """A directory entry's page; ``?format=json`` gives the same entry as the list's JSON, and
    410 Gone once it is archived."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.GET.get("format") == "json":
            if self.object.publication_status == PublicationStatus.ARCHIVED:
                return JsonResponse(
                    {"error": "Cette fiche est archivée : elle n’est plus proposée."}, status=410
                )
            if self.object.publication_status != PublicationStatus.PUBLISHED:
                raise FriendlyHttp404("Cette fiche n’est pas publiée.")
            return JsonResponse(
                self.as_dict(self.object, request), json_dumps_params={"ensure_ascii": False}
            )
        response = self.render_to_response(self.get_context_data(object=self.object))
        if self.object.publication_status != PublicationStatus.PUBLISHED:
            response["X-Robots-Tag"] = "noindex"
        return response


class ProgrammeDetailView(EntryDetailView):
    as_dict = staticmethod(exports.programme_as_dict)

    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        published = Programme.objects.published()
        visible = Programme.objects.visible_to(self.request.user)
        return visible.select_related("kind").prefetch_related(
            _published_structure_links(),
            "territories",
            "formats",
            "publics",
            "sectors",
            Prefetch("next_steps", queryset=published.order_by("name")),
            Prefetch("previous_steps", queryset=published.order_by("name")),
            Prefetch("citations__document"),
            Prefetch(
                "person_links",
                queryset=PersonProgramme.objects.filter(person__is_public=True)
                .select_related("person__structure")
                .order_by("relation", "person__name"),
            ),
        )


class StructureDetailView(EntryDetailView):
    as_dict = staticmethod(exports.structure_as_dict)

    template_name = "programmes/structure_detail.html"
    context_object_name = "structure"

    def get_queryset(self):
        published = Structure.objects.published()
        visible = Structure.objects.visible_to(self.request.user)
        return visible.select_related("kind", "commune").prefetch_related(
            "territories",
            "publics",
            "sectors",
            Prefetch("partners", queryset=published.order_by("name")),
            Prefetch("networks", queryset=published.order_by("name")),
            Prefetch("network_members", queryset=published.order_by("name")),
            Prefetch("people", queryset=Person.objects.public().order_by("name")),
            Prefetch("citations__document"),
            Prefetch(
                "programme_links",
                queryset=ProgrammeStructure.objects.filter(
                    programme__publication_status=PublicationStatus.PUBLISHED
                )
                .select_related("programme")
                .order_by("programme__name"),
            ),
        )
