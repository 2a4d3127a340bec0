"""The generic list of the directory: filtered (a ``FilterSet`` bound to the address),
paginated, and answering ``?format=json`` and ``?format=csv`` as well as HTML. The lists of
programmes and structures (``orientation.views.lists``) say only their query, their filters and
how an entry is written."""

from django.conf import settings
from django.shortcuts import redirect
from django_filters.views import FilterView

from essmap.http import (
    WORDS_MAX_LENGTH,
    FriendlyHttp404,
    csv_response,
    json_response,
    url_integer,
    words_kept,
)
from essmap.templatetags.french import count_label
from orientation.formats import FormatsMixin
from orientation.parameters import Param
from territories.forms import MAX_LENGTH
from territories.models import attach_departements
from territories.places import attach_query_keys, query_key
from territories.search import as_suggestion, autocomplete


class DirectoryListView(FormatsMixin, FilterView):
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
        raw = self.request.GET.get(Param.PAGE_SIZE)
        size = url_integer(raw, default=settings.ESSMAP_PAGE_SIZE)
        # With keywords the results are ranked by relevance, the costliest search: a smaller
        # largest page (a larger ``par_page`` is brought down to it, as one beyond 500 is).
        words = (self.request.GET.get(Param.WORDS) or "").strip()
        largest = (
            settings.ESSMAP_MAX_PAGE_SIZE_WITH_WORDS if words else settings.ESSMAP_MAX_PAGE_SIZE
        )
        return max(1, min(size, largest))

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        # An absent or empty page is the first; anything but ASCII digits, none (a 404).
        number = url_integer(self.request.GET.get(Param.PAGE) or "1", default=0)
        if not 1 <= number <= paginator.num_pages:
            raise FriendlyHttp404(
                "Cette page de résultats n’existe pas : la recherche compte "
                f"{count_label(paginator.num_pages, 'page', feminine=True)}."
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        words = request.GET.get(Param.WORDS) or ""
        if len(words.strip()) > WORDS_MAX_LENGTH:
            # Only the start of a long text is read: the address says so, and every link of
            # the page built from it stays within the site's limit.
            query = request.GET.copy()
            query[Param.WORDS] = words_kept(words)
            return redirect(f"{request.path}?{query.urlencode()}")
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = self.filterset.is_valid()
        territory = self.filterset.form.cleaned_data.get(Param.TERRITORY) if valid else None
        if territory and request.GET.get(Param.TERRITORY) != query_key(territory):
            # A name typed or picked from the suggestions, or a postal code, becomes the
            # territory's code, so the address a person shares stays short and stable.
            query = request.GET.copy()
            query[Param.TERRITORY] = query_key(territory)
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
        if "territory_choices" in context:
            body["territory_suggestions"] = [
                {**as_suggestion(territory), "url": f"{self.request.path}?{query}"}
                for territory, query in context["territory_choices"]
            ]
        return json_response(body, status=200 if valid else 400)

    def json_extra(self, context):
        """Keys a list adds to its JSON beside ``results``."""
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop(Param.PAGE, None)
        query.pop(Param.OUTPUT, None)
        context["query_string"] = query.urlencode()
        if Param.TERRITORY in self.filterset.errors:
            context["territory_choices"] = self.territory_choices(query)
            # Only a choice to make (a name or a postal code shared by several): no failure.
            errors = self.filterset.form.errors.as_data()
            context["territory_unknown"] = territory_unknown(errors)
            context["territory_to_choose"] = bool(context["territory_choices"]) and all(
                name == Param.TERRITORY and error.code == "ambiguous"
                for name, field_errors in errors.items()
                for error in field_errors
            )
        return context

    def territory_choices(self, query):
        return territory_choices(self.filterset.form.fields[Param.TERRITORY], query)


def territory_unknown(errors):
    """Whether the place typed named no territory at all (rather than several): its choices
    are then names close to it, offered as « Vouliez-vous dire… ? »."""
    return any(error.code == "unknown" for error in errors.get(Param.TERRITORY, []))


def territory_choices(field, query):
    """Likely territories for a name (or a postal code) that ``field`` (a TerritoryField) did
    not resolve to one, each with its own link: ``query`` with that territory. For a name
    that matches none, the autocomplete's: names starting so, else names close to it (a typo,
    see territories.search.close_names)."""
    typed = query.get(Param.TERRITORY, "")
    candidates = field.resolve(typed) if len(typed) <= MAX_LENGTH else []
    if len(candidates) < 2:
        candidates = autocomplete(typed)
    attach_query_keys(attach_departements(candidates))
    choices = []
    for territory in candidates:
        choice = query.copy()
        choice[Param.TERRITORY] = query_key(territory)
        choices.append((territory, choice.urlencode()))
    return choices
