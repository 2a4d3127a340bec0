"""When a search finds nothing: nearby searches that do find something (« Élargir à … »,
« Sans le critère … », « À l’étape … »), each with its count."""

from orientation.parameters import YES, Param
from programmes.models import Stage
from territories.models import Territory, TerritoryKind, attach_departements
from territories.places import query_key

# Criteria never offered as « Sans le critère »: they have their own way out, or choose nothing.
OWN_WAY_OUT = {Param.TERRITORY, Param.WORDS, Param.STAGE, Param.ORDER, Param.PARTLY}


def ways_out(filterset, limit=8):
    """Returns [(sentence, query string, count)]: the same search over the territories that
    contain the chosen one (département, région…), without each active criterion, and at the
    other stages. Each is counted (one count per way out, and only when there were no
    results)."""
    data = filterset.data
    territory = filterset.form.cleaned_data.get(Param.TERRITORY)
    candidates = []
    if territory is not None:
        wider = sorted(
            (t for t in territory.containers.all() if t.scale > territory.scale),
            key=lambda t: t.scale,
        )
        attach_departements(wider[:2])  # their labels name them
        for container in wider[:2]:
            filterset.resolved_territories.setdefault(container.key, [container])
            candidates.append(
                (
                    f"Élargir à {container.label}",
                    {Param.TERRITORY: container.key, Param.PARTLY: YES},
                )
            )
    if data.get(Param.WORDS):
        words = data[Param.WORDS]
        candidates.append((f"Sans les mots-clés « {words[:60]} »", {Param.WORDS: None}))
    for name, field in filterset.form.fields.items():
        if name in OWN_WAY_OUT or not data.get(name):
            continue
        candidates.append((f"Sans le critère « {field.label} »", {name: None}))
    chosen = set(data.getlist(Param.STAGE)) if hasattr(data, "getlist") else set()
    if chosen:
        for stage in Stage:
            if stage not in chosen:
                candidates.append((f"À l’étape {stage.label.lower()}", {Param.STAGE: stage.value}))
    found = []
    for sentence, change in candidates[:limit]:
        query = data.copy()
        query.pop(Param.PAGE, None)
        for name, value in change.items():
            query.pop(name, None)
            if value is not None:
                query[name] = value
        other = filterset.derived(query)
        if Param.WORDS in change:
            other.text_query = None
        if other.is_valid():
            count = other.qs.count()
            if count:
                found.append((sentence, query.urlencode(), count))
    return found


def city_parts_with_more(filterset, count):
    """A search on a city with arrondissements (Paris, Lyon, Marseille): the arrondissements
    whose own search finds more than the city's ``count``, because something serves only them
    (issue 24), as [(label, query string, count)], in code order. One query for the
    arrondissements that some entry of the list names (none for a commune read with its
    ``has_parts``, which says it has none), then one count each."""
    territory = filterset.form.cleaned_data.get(Param.TERRITORY)
    if territory is None or territory.kind != TerritoryKind.COMMUNE:
        return []
    # Read with territories.places.with_parts (five digits typed, a key): a commune that
    # contains none, as all but three do, costs no query here.
    if not getattr(territory, "has_parts", True):
        return []
    model = filterset.queryset.model
    named = set(
        model.territories.through.objects.filter(
            territory__containers=territory,
            territory__kind=TerritoryKind.COMMUNE,
            territory__is_current=True,
            **{f"{model._meta.model_name}__in": filterset.queryset.values("pk")},
        ).values_list("territory_id", flat=True)
    )
    if not named:
        return []
    parts = list(Territory.objects.filter(pk__in=named))
    found = []
    for part in sorted(parts, key=lambda p: p.code):
        key = query_key(part)
        filterset.resolved_territories.setdefault(key, [part])
        query = filterset.data.copy()
        query.pop(Param.PAGE, None)
        query[Param.TERRITORY] = key
        other = filterset.derived(query)
        if other.is_valid():
            part_count = other.qs.count()
            if part_count > count:
                found.append((part.name, query.urlencode(), part_count))
    return found
