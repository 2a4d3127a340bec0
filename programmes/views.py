import re

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_ratelimit.core import is_ratelimited

from essmap.views import FriendlyHttp404
from programmes import exports
from programmes.facets import facet_counts, label_choices
from programmes.filters import ProgrammeFilterSet, StructureFilterSet, ways_out
from programmes.forms import ProposalForm, ReportForm
from programmes.models import (
    STAGE_HELP,
    Person,
    PersonProgramme,
    Programme,
    ProgrammeStructure,
    PublicationStatus,
    Structure,
    SuggestionKind,
)
from programmes.services import suggestions
from programmes.templatetags.directory import count_label
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
                "Cette page de résultats n’existe pas : la recherche compte "
                f"{count_label(paginator.num_pages, 'page', feminine=True)}."
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


# ---------------------------------------------------------------------------
# Suggestions from the public: forms, thanks (after a redirect), refusals in French


SUGGESTION_RATE_GROUP = "suggestions"
REPORTABLE = {"structure": Structure, "dispositif": Programme}
PERIODS = {"s": (1, "une seconde"), "m": (60, "une minute"), "h": (3600, "une heure")}
PERIODS["d"] = (86400, "une journée")


def suggestion_rate(group, request):
    """Submissions allowed per address, read at each request so tests can change it."""
    return settings.ESSMAP_SUGGESTION_RATE


def _body_size(request):
    try:
        return len(request.body)
    except RawPostDataException:  # a multipart body was streamed: trust the header
        return int(request.META.get("CONTENT_LENGTH") or 0)


def _refused(request, reason, status):
    # A rate reads "5/h" or "5/2h": the wait is at most one period.
    multiple, unit = re.fullmatch(r"\d+/(\d*)([smhd])", settings.ESSMAP_SUGGESTION_RATE).groups()
    seconds, words = PERIODS[unit]
    if multiple and multiple != "1":
        seconds, words = seconds * int(multiple), ""
    response = render(
        request,
        "programmes/suggestion_refused.html",
        {"reason": reason, "period": words},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(seconds)
    return response


def _suggestion_page(request, form_class, template, context, build, thanks_url):
    """GET shows the form; POST stores a valid suggestion and redirects to the thanks page.

    In order: body too large → 413; over the rate limit for the address (every POST counts)
    → 429; honeypot filled → the thanks page, nothing stored; errors → the form again."""
    if request.method == "POST":
        if _body_size(request) > settings.ESSMAP_SUGGESTION_MAX_BODY:
            return _refused(request, "size", 413)
        if is_ratelimited(
            request,
            group=SUGGESTION_RATE_GROUP,
            key="ip",
            rate=suggestion_rate,
            method="POST",
            increment=True,
        ):
            return _refused(request, "rate", 429)
        form = form_class(request.POST)
        if form.is_from_a_robot():
            return redirect(thanks_url)
        if form.is_valid():
            suggestions.record(build(form), request)
            return redirect(thanks_url)
    else:
        form = form_class()
    return render(request, template, {**context, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    return _suggestion_page(
        request,
        ProposalForm,
        "programmes/suggestion_form.html",
        {},
        lambda form: form.save(commit=False),
        reverse("programmes:propose_thanks"),
    )


def _reported_entry(kind, slug):
    model = REPORTABLE.get(kind)
    shown = [PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED]
    entry = model and model.objects.filter(slug=slug, publication_status__in=shown).first()
    if entry is None:
        raise FriendlyHttp404("Cette fiche n’existe pas ou n’est pas publiée.")
    return entry


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, kind, slug):
    entry = _reported_entry(kind, slug)

    def build(form):
        suggestion = form.save(commit=False)
        suggestion.kind = SuggestionKind.ERROR
        suggestion.name = entry.name
        if isinstance(entry, Structure):
            suggestion.structure = entry
        else:
            suggestion.programme = entry
        return suggestion

    return _suggestion_page(
        request,
        ReportForm,
        "programmes/report_form.html",
        {"entry": entry, "kind": kind},
        build,
        reverse("programmes:report_thanks", args=[kind, slug]),
    )


def propose_thanks(request):
    return render(request, "programmes/suggestion_thanks.html", {})


def report_thanks(request, kind, slug):
    return render(
        request, "programmes/suggestion_thanks.html", {"entry": _reported_entry(kind, slug)}
    )
