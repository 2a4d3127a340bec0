"""Structures as answers (issue 12 §2): a support structure — a CAE, a couveuse, an
incubator, a Fabrique à initiatives, a DLA — is itself whom a person should call. Beside the
programmes, a search and a territory's sheet show the structures whose **general
accompaniment** (``Structure.general_stage_*``, where ``StructureServedArea`` says) covers the
place and the stage: one query each, never a funder or a collectivity
(``StructureQuerySet.general_accompaniment``)."""

from orientation.parameters import Param
from programmes.models import Stage, Structure

# How many a search shows above nothing else: the most local few.
SEARCH_LIMIT = 5
# How many structures a sheet reads at most (most local first), before grouping by stage.
SHEET_READ_LIMIT = 60


def for_search(filterset):
    """The few structures answering a valid programme search's place and stages (``[]`` when
    it chose neither): the same place (``partiel`` included), stages, structure kind and
    rural choice; keywords do not narrow them (a standing offer answers any project)."""
    data = filterset.form.cleaned_data
    territory = data.get(Param.TERRITORY)
    stages = list(dict.fromkeys(data.get(Param.STAGE) or ()))
    if territory is None and not stages:
        return []
    structures = Structure.objects.general_accompaniment(
        territory, stages, partly=bool(data.get(Param.PARTLY))
    )
    if data.get(Param.STRUCTURE_KIND):
        structures = structures.filter(kind__value__in=data[Param.STRUCTURE_KIND])
    if data.get(Param.RURAL):
        structures = structures.in_rural_territory()
    return list(structures[:SEARCH_LIMIT])


def by_stage(territory, per_stage, stages=tuple(Stage)):
    """{stage: the first ``per_stage`` structures whose general accompaniment covers it in
    ``territory``}, most local then nearest first — in one query."""
    groups = {Stage(stage): [] for stage in stages}
    for structure in Structure.objects.general_accompaniment(territory)[:SHEET_READ_LIMIT]:
        for stage in structure.general_stages:
            if stage in groups and len(groups[stage]) < per_stage:
                groups[stage].append(structure)
    return groups
