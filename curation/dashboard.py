"""The admin index's freshness dashboard: stale entries per région."""

from territories.models import Territory, TerritoryKind


def stale_counts_by_region(structures, programmes):
    """[(région, stale structures, stale programmes)], régions with nothing stale left out.

    An entry counts in every région it is located in or serves a territory within — the rule of
    ``EntryQuerySet.in_scope``, read here as (entry, territory) pairs so that every région is
    counted at once: a fixed number of queries (seven) whatever the number of régions."""
    Link = Territory.containers.through
    pairs = [structures.stale().locations(), programmes.stale().locations()]
    regions = {t.pk: t for t in Territory.objects.filter(kind=TerritoryKind.REGION)}
    involved = {territory for found in pairs for _, territory in found}
    region_of = {pk: {pk} for pk in involved if pk in regions}
    for territory, region in Link.objects.filter(
        from_territory__in=involved, to_territory__in=list(regions)
    ).values_list("from_territory_id", "to_territory_id"):
        region_of.setdefault(territory, set()).add(region)
    counts = {}
    for column, found in enumerate(pairs):
        seen = set()
        for entry, territory in found:
            for region in region_of.get(territory, ()):
                if (entry, region) not in seen:
                    seen.add((entry, region))
                    counts.setdefault(region, [0, 0])[column] += 1
    return [(regions[pk], *counts[pk]) for pk in sorted(counts, key=lambda pk: regions[pk].name)]
