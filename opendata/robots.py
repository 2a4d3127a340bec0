"""``/robots.txt``: what crawlers may skip, and where the sitemap is (docs/url-contract.md,
« Référencement et partage »)."""

from django.http import HttpResponse
from django.urls import reverse

# Forms and their thank-you pages, the administration, the autocomplete and the health probe
# are of no use in a search result. The JSON and CSV of a page say what its HTML says: the
# ``format`` parameter (first or later in the query string) keeps crawlers on the HTML.
DISALLOWED = [
    "/admin/",
    "/proposer/",
    "/signaler/",
    "/sante/",
    "/territoires/autocomplete/",
    # « Ajouter à ma sélection » on every card: a redirect to a personal, noindex page.
    "/selection/ajouter/",
    "/*?format=",
    "/*&format=",
]


def robots_txt(request):
    # Absolute, from the request's host (ALLOWED_HOSTS vouches for it), as the format asks.
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED),
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
