from django import template
from django.conf import settings

from audience.counts import last_90_days

register = template.Library()


@register.inclusion_tag("audience/_counts.html")
def structure_audience(structure):
    """The structure's counts of the last 90 days, for « Ma structure » (one query)."""
    return {
        "structure": structure,
        "counts": last_90_days(structure),
        "retention_days": settings.ESSMAP_AUDIENCE_RETENTION_DAYS,
    }
