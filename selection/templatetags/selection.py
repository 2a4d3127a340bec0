"""« Ajouter à ma sélection » on a card or an entry's page (docs/selection.md)."""

from urllib.parse import quote

from django import template
from django.urls import reverse

from programmes.models import Programme

register = template.Library()


@register.simple_tag(takes_context=True)
def add_to_selection_url(context, entry):
    """The link adding ``entry`` (a programme or a structure) to the visitor's selection, with
    the page it is on as the way back. The same for every visitor: pages stay cacheable."""
    kind = "d" if isinstance(entry, Programme) else "s"
    url = f"{reverse('selection:add')}?{kind}={quote(entry.slug)}"
    request = context.get("request")
    if request is not None:
        url += f"&retour={quote(request.get_full_path()[:1000], safe='')}"
    return url
