"""How many programmes each filter value would give, shown beside the value.

Each facet is counted on the results of every *other* active filter (so ticking "idée" does
not hide how many "création" programmes there are), in one query per facet: the number of
queries is fixed whatever the number of results.
"""

from django.db.models import Count, Q

from programmes.models import (
    STAGE_FIELDS,
    Programme,
    ProgrammeStatus,
    ProgrammeStructure,
    StructureRole,
)

# facet (URL parameter) -> how to count a queryset of programmes, as {value: count}
COUNTERS = {
    "etape": lambda qs: qs.aggregate(
        **{stage: Count("pk", filter=Q(**{field: True})) for stage, field in STAGE_FIELDS.items()}
    ),
    "type": lambda qs: _grouped(qs, "kind__value"),
    "public": lambda qs: _grouped(qs, "publics__value"),
    "secteur": lambda qs: _grouped(qs, "sectors__value"),
    "modalite": lambda qs: _grouped(qs, "formats__value"),
    "type_structure": lambda qs: dict(
        ProgrammeStructure.objects.filter(programme__in=qs, role=StructureRole.OPERATOR)
        .values_list("structure__kind__value")
        .annotate(n=Count("programme", distinct=True))
    ),
    "gratuit": lambda qs: qs.aggregate(
        oui=Count("pk", filter=Q(is_free=True)), non=Count("pk", filter=Q(is_free=False))
    ),
    "statut": lambda qs: _grouped(qs, "status"),
}


def _grouped(qs, field):
    return dict(qs.values_list(field).annotate(n=Count("pk", distinct=True)).order_by())


def facet_counts(filterset):
    """{facet: {value: count}} for a bound, valid ProgrammeFilterSet."""
    counts = {}
    for facet, count in COUNTERS.items():
        data = filterset.data.copy()
        data.pop(facet, None)
        if facet == "statut":  # without it ended programmes are hidden: count them too
            data.setlist("statut", ProgrammeStatus.values)
        others = filterset.derived(data)
        matching = Programme.objects.filter(pk__in=others.qs.order_by().values("pk"))
        counts[facet] = {key: n for key, n in count(matching).items() if key is not None}
    return counts


def label_choices(form, counts):
    """Write each value's count into the form's choice labels: "Idée (12)"."""
    for facet, by_value in counts.items():
        field = form.fields[facet]
        if hasattr(field, "queryset"):
            field.label_from_instance = lambda obj, by_value=by_value: (
                f"{obj.label} ({by_value.get(obj.value, 0)})"
            )
        else:
            field.choices = [
                (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
                for value, label in field.choices
            ]
