"""« Aussi sur votre territoire » (issue 24 §8): a structure that serves a place is findable
there, even when nothing it declares answers the stage asked — no programme recensé, only
programmes that have ended or serve elsewhere, no general accompaniment declared. Beside the
programmes and the structures whose general accompaniment answers
(``orientation.accompaniment``), a search and a territory's sheet list, briefly, the other
support structures present in the place (``StructureQuerySet.present_in``): the most local
first, then the national networks on one line. Never a funder or a collectivity
(``NOT_ACCOMPANYING_KINDS``): they reach a person only through the programmes they run."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, F, Value, When, Window
from django.db.models.functions import RowNumber

from orientation.parameters import Param
from programmes.models import NOT_ACCOMPANYING_KINDS, Programme, Structure
from territories.models import SCALE, TerritoryKind

# How many local structures are listed (a link leads to them all), and national networks.
LOCAL_LIMIT = 15
NATIONAL_LIMIT = 15
NATIONAL_SCALE = SCALE[TerritoryKind.COUNTRY]


@dataclass
class AlsoHere:
    """The structures « aussi sur votre territoire »: ``local`` (most local, then nearest
    first), whether there are ``more`` of them than listed, and the ``national`` networks."""

    local: list = field(default_factory=list)
    national: list = field(default_factory=list)
    more: bool = False

    def __bool__(self):
        return bool(self.local or self.national)

    def __iter__(self):
        yield from self.local
        yield from self.national


def structures(territory, stages=(), partly=False, shown=(), kinds=(), rural=False):
    """The support structures present in ``territory`` that nothing else of the answer names:
    they run no current programme serving it at ``stages`` (any stage when none) and are not
    among ``shown`` (the structures already answering, by id); of ``kinds`` (structure kind
    values) and seated in a rural commune (``rural``) when asked. One query."""
    if territory is None:
        return AlsoHere()
    answering = Programme.objects.published().current().serving(territory, partly)
    answering = answering.at_stage(*stages)
    present = (
        Structure.objects.published()
        .present_in(territory, partly)
        .exclude(kind__value__in=NOT_ACCOMPANYING_KINDS)
        .exclude(pk__in=list(shown))
        .exclude(pk__in=Structure.objects.operating(answering).values("pk"))
        .with_presence_scale(territory)
        .with_distance_from(territory)
        .with_network_to_call()
        .select_related("kind", "commune")
    )
    if kinds:
        present = present.filter(kind__value__in=kinds)
    if rural:
        present = present.in_rural_territory()
    ordering = [F("presence_scale").asc()]
    if territory.latitude is not None and territory.longitude is not None:
        ordering.append(F("distance_km").asc(nulls_last=True))
    ordering += [F("name").asc(), F("pk").asc()]
    # Local and national ones, each in its order and up to its limit (and one more, to tell
    # whether there are more), in one query: a row number within each of the two groups.
    national = Case(
        When(presence_scale__gte=NATIONAL_SCALE, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    present = present.annotate(
        national=national,
        rank=Window(RowNumber(), partition_by=[national], order_by=ordering),
    ).filter(rank__lte=max(LOCAL_LIMIT, NATIONAL_LIMIT) + 1)
    found = AlsoHere()
    for structure in present.order_by("national", *ordering):
        if structure.national:
            found.national.append(structure)
        elif territory.kind != TerritoryKind.COUNTRY:
            # The whole of France: only its national networks are « aussi » there.
            found.local.append(structure)
    found.more = len(found.local) > LOCAL_LIMIT or len(found.national) > NATIONAL_LIMIT
    found.local = found.local[:LOCAL_LIMIT]
    found.national = found.national[:NATIONAL_LIMIT]
    return found


def for_search(filterset, shown=()):
    """« Aussi sur votre territoire » for a valid programme search: its place (``partiel``
    included), stages, structure kind and rural choice, as ``accompaniment.for_search``
    reads them; keywords do not narrow it (whom to ask is not what a text says)."""
    data = filterset.form.cleaned_data
    territory = data.get(Param.TERRITORY)
    if territory is None:
        return AlsoHere()
    found = structures(
        territory,
        list(dict.fromkeys(data.get(Param.STAGE) or ())),
        partly=bool(data.get(Param.PARTLY)),
        shown=shown,
        kinds=data.get(Param.STRUCTURE_KIND) or (),
        rural=bool(data.get(Param.RURAL)),
    )
    return found
