from django import template

from curation.dashboard import stale_counts_by_region
from programmes.models import Programme, Structure

register = template.Library()


@register.inclusion_tag("admin/_freshness_dashboard.html")
def freshness_dashboard():
    """Stale entries per région, linking to the filtered queues."""
    rows = stale_counts_by_region(Structure.objects.all(), Programme.objects.all())
    return {
        "rows": rows,
        "total_structures": Structure.objects.stale().count(),
        "total_programmes": Programme.objects.stale().count(),
    }
