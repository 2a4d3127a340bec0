from django import template

from curation import history, roles
from curation.dashboard import stale_counts_by_region
from programmes.models import Programme, Structure

register = template.Library()


@register.filter
def history_author(record):
    """Who made a version, « ancien gestionnaire » for a deleted member (curation/history.py)."""
    return history.author(record)


@register.inclusion_tag("admin/_freshness_dashboard.html")
def freshness_dashboard():
    """Stale entries per région, linking to the filtered queues."""
    rows = stale_counts_by_region(Structure.objects.all(), Programme.objects.all())
    return {
        "rows": rows,
        "total_structures": Structure.objects.stale().count(),
        "total_programmes": Programme.objects.stale().count(),
    }


@register.inclusion_tag("admin/_dead_ends_dashboard.html", takes_context=True)
def dead_ends_dashboard(context):
    """Published structures nobody can reach, directly or through a network: one task each,
    linking to the entry to edit (a regional editor sees those of their scope)."""
    structures = Structure.objects.dead_ends()
    scope = roles.scope_of(context["request"].user)
    if scope is not None:
        structures = structures.in_scope(scope)
    return {"structures": list(structures.select_related("kind").order_by("name", "pk"))}
