"""What a page says about itself to search engines and to the sites it is shared on
(docs/url-contract.md, « Référencement et partage »): ``{% canonical_url %}`` for
``<link rel="canonical">`` and ``og:url``; ``{% capture %}`` so that a page writes its
description once for both the description meta and ``og:description``.

The canonical address is the page's own, absolute from the request's host (ALLOWED_HOSTS
vouches for it; the page cache keys pages by host), keeping only the parameters that make it a
different page: a list's filters and page number, the map's stage and scope. Sorting, page
size (and the page number with it), export format, tracking tags and the sheet's stage (a part of
the whole sheet) are dropped; the kept
parameters come in a stable order (names, then values, sorted), so that two links to the same
list name one page. Pages are named as strings: the foundation imports no app.
"""

from django import template
from django.http import QueryDict

register = template.Library()

PROGRAMME_FILTERS = (
    "territoire",
    "etape",
    "q",
    "type",
    "type_structure",
    "public",
    "secteur",
    "modalite",
    "gratuit",
    "statut",
    "termines",
    "rural",
    "partiel",
)
STRUCTURE_FILTERS = ("territoire", "q", "type", "public", "secteur", "rural", "partiel")
CANONICAL_PARAMETERS = {
    "orientation:programme_list": (*PROGRAMME_FILTERS, "page"),
    "orientation:structure_list": (*STRUCTURE_FILTERS, "page"),
    # With its layers (?couche=, orientation.extensions), e.g. « Demandes sans réponse ».
    "orientation:coverage_map": ("etape", "national", "couche"),
}


def canonical_query(view_name, query):
    """The query string of the canonical address of a page of ``view_name`` asked with
    ``query`` (a QueryDict): "" when no parameter is kept."""
    canonical = QueryDict(mutable=True)
    for name in sorted(CANONICAL_PARAMETERS.get(view_name, ())):
        values = sorted({value.strip() for value in query.getlist(name) if value.strip()})
        # A page number counts pages of the default size: with another size, the list's
        # first page at the default size stands for it.
        if name == "page" and (values == ["1"] or query.get("par_page")):
            continue
        if values:
            canonical.setlist(name, values)
    return canonical.urlencode()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    query = canonical_query(match.view_name if match else "", request.GET)
    url = request.build_absolute_uri(request.path)
    return f"{url}?{query}" if query else url


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist  # named so, blocks inside stay overridable by child templates
        self.name = name

    def render(self, context):
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}`` renders its content once into ``name``.

    A ``{% block %}`` renders only once, so base.html captures the page's ``description`` block
    and writes it in both metas; the page no longer repeats it in an ``og_description`` block.
    The content is already rendered (escaped), hence safe. A few lines here rather than
    django-capture-tag, unmaintained since 2016."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("{% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
