"""The pages of one entry: a programme's or a structure's, in HTML or JSON."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from essmap.http import FriendlyHttp404, json_response, requested_format, unknown_format
from programmes import exports, shown
from programmes.models import (
    Person,
    PersonProgramme,
    Programme,
    ProgrammeStructure,
    PublicationStatus,
    Structure,
)
from programmes.models.programmes import published_structure_links


class EntryDetailView(DetailView):
    """A directory entry's page; ``?format=json`` gives the same entry as the list's JSON, and
    410 Gone once it is archived; any other format is a 400."""

    def get(self, request, *args, **kwargs):
        output = requested_format(request, ("html", "json"))
        if output is None:
            # As the lists do: ``?format=csv`` or a typo is refused, not answered in HTML.
            return unknown_format(("html", "json"))
        self.object = self.get_object()
        if output == "json":
            if self.object.publication_status == PublicationStatus.ARCHIVED:
                return json_response(
                    {"error": "Cette fiche est archivée : elle n’est plus proposée."}, status=410
                )
            if self.object.publication_status != PublicationStatus.PUBLISHED:
                raise FriendlyHttp404("Cette fiche n’est pas publiée.")
            entry = self.as_dict(self.object, request)
            return json_response(
                entry
                | {
                    "sources": exports.sources_as_list(self.object),
                    # What its structure's team wrote itself, and when (« Ma structure »).
                    "declared_by_structure": dict(sorted(self.object.declared_fields.items())),
                }
            )
        response = self.render_to_response(self.get_context_data(object=self.object))
        if self.object.publication_status != PublicationStatus.PUBLISHED:
            response["X-Robots-Tag"] = "noindex"
        else:
            # Said to whoever counts audiences (programmes/shown.py), cached page or not.
            shown.note_shown(response, shown.PAGE, self.structures_shown(self.object))
        return response


class ProgrammeDetailView(EntryDetailView):
    as_dict = staticmethod(exports.programme_as_dict)

    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    @staticmethod
    def structures_shown(programme):
        """Its published structures (prefetched): a programme's page is one of theirs."""
        return [link.structure_id for link in programme.structure_links.all()]

    def get_queryset(self):
        published = Programme.objects.published()
        visible = Programme.objects.visible_to(self.request.user)
        return visible.select_related("kind").prefetch_related(
            published_structure_links(),
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

    @staticmethod
    def structures_shown(structure):
        return [structure.pk]

    def get_queryset(self):
        published = Structure.objects.published()
        visible = Structure.objects.visible_to(self.request.user)
        # The network to call (up the chain of networks) is a column of the page's query.
        return (
            visible.select_related("kind", "commune")
            .with_network_to_call()
            .prefetch_related(
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
        )
