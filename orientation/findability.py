"""Whether every support structure can be found where it serves (issue 24, item 8): for each
published structure that accompanies (not a funder or a collectivity,
``NOT_ACCOMPANYING_KINDS``), the programme list ``/programmes/`` is asked what a person gets
there — for each territory the structure serves, without a stage and with each stage, one page
of ``ANSWER_PAGE_SIZE`` — and the structure is looked for in it: as the operator a programme
card names (« Porté par »), among the structures whose general accompaniment answers
(``orientation.accompaniment.for_search``), or « Aussi sur votre territoire »
(``orientation.also_here``). Those found in none are *unreached*, each with why.

``manage.py unreached_structures`` prints them; ``tests/content/test_findability_shipped.py``
holds the shipped content to it, with its reasoned allow-list."""

from dataclasses import dataclass

from django.test import RequestFactory

from orientation.parameters import Param
from programmes.models import (
    NOT_ACCOMPANYING_KINDS,
    ProgrammeStatus,
    PublicationStatus,
    ServedArea,
    Stage,
    Structure,
    StructureRole,
)
from territories.models import Territory
from territories.places import query_key

# The page size asked, as the measurement did (``par_page=200``).
ANSWER_PAGE_SIZE = 200
# Each place is asked without a stage, then at each stage.
ASKED_STAGES = (None, *Stage)

# Why a structure is found nowhere, in French (the command prints them; tests name them).
NO_PLACE = (
    "ni territoire desservi, ni siège, ni dispositif en cours servant un territoire : "
    "aucune réponse ne peut la nommer"
)
NO_PROGRAMME = "aucun dispositif publié ni accompagnement général déclaré"
ENDED = "ses dispositifs sont terminés"
ELSEWHERE = "ses dispositifs servent d’autres territoires ou ne sont pas publiés"
CROWDED = "présente sur son territoire, mais au-delà des structures que la réponse montre"


@dataclass(frozen=True)
class Unreached:
    structure: Structure
    places: tuple  # the territories asked (its own, else its seat)
    reason: str


def asked_places(structure):
    """Where a person would look for ``structure``: the territories it says it serves; when
    it lists none, its seat commune (where a person meets it); with no seat either, where the
    published, current programmes it takes part in serve (``StructureQuerySet.present_in``)."""
    places = list(structure.territories.all())
    if not places and structure.commune is not None:
        places = [structure.commune]
    if not places:
        places = list(
            Territory.objects.filter(
                pk__in=ServedArea.objects.filter(
                    approximate=False,
                    programme__structure_links__structure=structure,
                    programme__publication_status=PublicationStatus.PUBLISHED,
                )
                .exclude(programme__status=ProgrammeStatus.ENDED)
                .values("territory")
            ).order_by("pk")
        )
    return places


def _answer(view, territory, stage):
    """The structures a person sees in ``/programmes/`` for ``territory`` and ``stage`` (one
    page of ``ANSWER_PAGE_SIZE``): the programmes' operators, the structures whose general
    accompaniment answers, and those « aussi sur votre territoire »."""
    query = {Param.TERRITORY: query_key(territory), Param.PAGE_SIZE: str(ANSWER_PAGE_SIZE)}
    if stage is not None:
        query[Param.STAGE] = stage.value
    request = RequestFactory().get("/programmes/", query)
    response = view(request)
    context = getattr(response, "context_data", None) or {}
    found = set()
    for programme in context.get("object_list", ()):
        found.update(structure.pk for structure in programme.operators)
    found.update(structure.pk for structure in context.get("accompaniments", ()))
    found.update(structure.pk for structure in context.get("also_here", ()))
    return found


def reason_unreached(structure):
    """Why ``structure``, found in no answer where it serves, is not."""
    places = asked_places(structure)
    if not places:
        return NO_PLACE
    if any(Structure.objects.filter(pk=structure.pk).present_in(t).exists() for t in places):
        return CROWDED
    links = [
        link.programme
        for link in structure.programme_links.all()
        if link.role == StructureRole.OPERATOR
        and link.programme.publication_status == PublicationStatus.PUBLISHED
    ]
    if not links and not structure.general_stages:
        return NO_PROGRAMME
    if links and all(p.status == ProgrammeStatus.ENDED for p in links):
        return ENDED
    if links and not structure.general_stages:
        return ELSEWHERE
    return CROWDED


def support_structures():
    """The published structures that accompany (the ones a person should be able to find)."""
    return (
        Structure.objects.published()
        .exclude(kind__value__in=NOT_ACCOMPANYING_KINDS)
        .select_related("kind", "commune")
        .prefetch_related("territories", "programme_links__programme")
        .order_by("name", "pk")
    )


def unreached_structures(structures=None):
    """The support structures (all published ones by default) found in no answer of the
    programme list for the places they serve, each with why: a list of :class:`Unreached`.
    Each place and stage is asked once, whatever the number of structures serving it."""
    # Imported here: the views import what this module's callers do not need.
    from orientation.views.lists import ProgrammeListView

    view = ProgrammeListView.as_view()
    answers = {}
    unreached = []
    for structure in structures if structures is not None else support_structures():
        places = asked_places(structure)
        found = False
        for territory in places:
            for stage in ASKED_STAGES:
                key = (territory.pk, stage)
                if key not in answers:
                    answers[key] = _answer(view, territory, stage)
                if structure.pk in answers[key]:
                    found = True
                    break
            if found:
                break
        if not found:
            unreached.append(Unreached(structure, tuple(places), reason_unreached(structure)))
    return unreached
