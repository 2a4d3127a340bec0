"""How many programmes each filter value would give, shown beside the value.

Each facet is counted on the results of every *other* active filter (so ticking "idée" does
not hide how many "création" programmes there are). The filters that are not facets
(territory, keywords, rurality, partial coverage) run once, in SQL, as the *base* set; the
facets' values of the base set are read in two queries, and every facet is then counted in
Python from those rows. Two queries whatever the number of facets and of results, instead of
one query re-running every filter per facet.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import CharField, Value

from essmap.cache import for_this_content
from programmes.models import (
    STAGE_FIELDS,
    Programme,
    ProgrammeStatus,
    ProgrammeStructure,
    StructureRole,
)

FACETS = ("etape", "type", "public", "secteur", "modalite", "type_structure", "gratuit", "statut")
# Facets whose values a programme has several of, read from its links.
LINKED = {
    "public": (Programme.publics.through, "public__value"),
    "secteur": (Programme.sectors.through, "sector__value"),
    "modalite": (Programme.formats.through, "format__value"),
}


EMPTY = frozenset()


@dataclass(slots=True)
class Row:
    """What the facets need to know of one programme of the base set."""

    stages: set
    kind: str | None
    is_free: bool | None
    status: str
    values: dict = field(default_factory=dict)  # linked facet -> set of values

    def facet_values(self, facet):
        if facet == "etape":
            return self.stages
        if facet == "type":
            return {self.kind} if self.kind else EMPTY
        if facet == "gratuit":
            return {"oui"} if self.is_free else ({"non"} if self.is_free is False else EMPTY)
        if facet == "statut":
            return {self.status}
        return self.values.get(facet, EMPTY)


def _base_rows(base):
    """{programme id: Row} for the base set, in two queries."""
    ids = base.order_by().values("pk")
    fields = ["pk", "kind__value", "is_free", "status", *STAGE_FIELDS.values()]
    rows = {}
    for pk, kind, is_free, status, *stages in Programme.objects.filter(pk__in=ids).values_list(
        *fields
    ):
        chosen = {str(stage) for stage, on in zip(STAGE_FIELDS, stages, strict=True) if on}
        rows[pk] = Row(stages=chosen, kind=kind, is_free=is_free, status=status)
    # The second query repeats the base search as a subquery: cheap since "where it serves"
    # is one indexed lookup (programmes.ServedArea), where listing thousands of ids is not.
    parts = [
        through.objects.filter(programme__in=ids)
        .annotate(facet=Value(facet, output_field=CharField()))
        .values_list("programme_id", "facet", value)
        for facet, (through, value) in LINKED.items()
    ]
    parts.append(
        ProgrammeStructure.objects.filter(programme__in=ids, role=StructureRole.OPERATOR)
        .annotate(facet=Value("type_structure", output_field=CharField()))
        .values_list("programme_id", "facet", "structure__kind__value")
    )
    for pk, facet, value in parts[0].union(*parts[1:], all=True):
        if pk in rows and value is not None:
            rows[pk].values.setdefault(facet, set()).add(value)
    return rows


def _chosen(filterset):
    """{facet: the values chosen in the search}, empty when the facet is not used."""
    data = filterset.form.cleaned_data
    chosen = {}
    for facet in FACETS:
        value = data.get(facet)
        if facet == "gratuit":
            chosen[facet] = {value} if value else set()
        else:
            chosen[facet] = set(value or ())
    return chosen


def _passes(row, facet, chosen, include_ended):
    wanted = chosen[facet]
    if facet == "statut" and not wanted:
        # Without a chosen status, ended programmes are hidden unless asked for.
        return include_ended or row.status != ProgrammeStatus.ENDED
    return not wanted or bool(row.facet_values(facet) & wanted)


# Parameters that change the page shown, not the set counted.
NOT_COUNTED = {"page", "par_page", "tri", "format"}


def facet_counts(filterset):
    """{facet: {value: count}} for a bound, valid ProgrammeFilterSet: counted once per
    content version and search (the pages, orders and formats of one search share them; the
    bare list counts 20,000 programmes)."""
    _ = filterset.qs  # the search decides how its words are read first; its facets follow it
    data = filterset.data
    search = sorted(
        (name, value) for name in data if name not in NOT_COUNTED for value in data.getlist(name)
    )
    key = hashlib.sha256(repr(search).encode()).hexdigest()
    return for_this_content(f"facets:{key}", lambda: _count(filterset))


def _count(filterset):
    data = filterset.data.copy()
    for facet in FACETS:
        data.pop(facet, None)
    data.setlist("statut", ProgrammeStatus.values)  # the base set keeps ended programmes
    base = filterset.derived(data)
    if not base.is_valid():
        return {facet: {} for facet in FACETS}
    rows = _base_rows(base.qs).values()
    chosen = _chosen(filterset)
    include_ended = bool(filterset.form.cleaned_data.get("termines"))
    # Which facets' choices each programme passes, as bits: it counts for a facet when it
    # passes every other one (for "statut", all statuses count).
    every = (1 << len(FACETS)) - 1
    bit = {facet: 1 << i for i, facet in enumerate(FACETS)}
    passed = [
        (row, sum(bit[f] for f in FACETS if _passes(row, f, chosen, include_ended))) for row in rows
    ]
    counts = {}
    for facet in FACETS:
        counter = {}
        for row, mask in passed:
            if mask | bit[facet] == every:
                for value in row.facet_values(facet):
                    counter[value] = counter.get(value, 0) + 1
        counts[facet] = counter
    return counts


def label_choices(form, counts):
    """Write each value's count into the form's choice labels: "Idée (12)"."""
    for facet, by_value in counts.items():
        field = form.fields[facet]
        field.choices = [
            (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
            for value, label in field.choices
        ]
