"""The sitemap of every published public page, for search engines (docs/url-contract.md,
« Référencement et partage »): ``/sitemap.xml`` is an index of sections, each served (and
paginated when it passes ``limit`` addresses) by ``django.contrib.sitemaps``.

Every section reads its page of addresses in one query (plus the paginator's count), and its
latest change in one aggregate: the index never loads the entries themselves.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from programmes.models import Programme, PublicationStatus, Structure
from territories.models import Territory, TerritoryKind


class PagesSitemap(Sitemap):
    """The entry points: home, the two lists, the map, the open data and API pages; then the
    page for collectivities' websites and the pages saying who runs the site."""

    names = [
        "orientation:home",
        "orientation:programme_list",
        "orientation:structure_list",
        "orientation:coverage_map",
        "opendata:open_data",
        "api:page",
        "orientation:embed",
        "about",
        "legal_notice",
        "personal_data",
        "accessibility",
        "contact",
    ]

    def items(self):
        return [reverse(name) for name in self.names]

    def location(self, item):
        return item


class EntrySitemap(Sitemap):
    """Published entries, most recently changed first so that a crawler reading only the
    first page sees what changed; ``lastmod`` is when the entry was last saved (a new check
    date is a save too)."""

    model = None

    def items(self):
        return (
            self.model.objects.published().only("slug", "updated_at").order_by("-updated_at", "pk")
        )

    def lastmod(self, entry):
        return entry.updated_at

    def get_latest_lastmod(self):
        # One aggregate: Django's default would read every entry to find the latest.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ProgrammeSitemap(EntrySitemap):
    model = Programme


class StructureSitemap(EntrySitemap):
    model = Structure


def _published(relation):
    return Q(**{f"{relation}__publication_status": PublicationStatus.PUBLISHED})


class TerritorySitemap(Sitemap):
    """The sheets above the commune worth a search engine's visit: France, régions,
    départements, and every EPCI, PNR, Pays or grouping an entry serves (communes have their
    own section). No ``lastmod``: a sheet changes with any entry that serves it, which no
    single date tells."""

    def items(self):
        # The reverse names of Programme.territories and Structure.territories.
        wanted = (
            Q(kind__in=[TerritoryKind.COUNTRY, TerritoryKind.REGION, TerritoryKind.DEPARTEMENT])
            | Q(pk__in=Territory.objects.filter(_published("programme")).values("pk"))
            | Q(pk__in=Territory.objects.filter(_published("structure")).values("pk"))
        )
        return (
            Territory.objects.filter(wanted, is_current=True)
            .exclude(kind=TerritoryKind.COMMUNE)
            .only("key")
            .order_by("key")
        )


class CommuneSitemap(Sitemap):
    """Every current commune's sheet: it is what a person searching « accompagnement ESS
    <commune> » should find. About 35,000 addresses, 10,000 to a page so that each page stays
    quick to build; the page cache keeps them until the content changes."""

    limit = 10_000

    def items(self):
        return (
            Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True)
            .only("key")
            .order_by("key")
        )


SITEMAPS = {
    "pages": PagesSitemap,
    "dispositifs": ProgrammeSitemap,
    "structures": StructureSitemap,
    "territoires": TerritorySitemap,
    "communes": CommuneSitemap,
}
