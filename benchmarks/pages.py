"""Time a fixed list of pages through the whole Django stack (middleware, views, templates).

Not a test: numbers to compare before and after a change, on the same database. Each page
is requested ``warmup`` times unmeasured, then ``runs`` times; for each run we record the
server time (``django.test.Client``, so no network), the number of SQL queries and the time
spent in them (``connection.execute_wrapper``).
"""

import statistics
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.test import Client

from programmes.models import Programme, ProgrammeStructure, Public, Structure, StructureRole
from territories.models import Territory, TerritoryKind


@dataclass
class Measure:
    name: str
    url: str
    statuses: set = field(default_factory=set)
    times: list = field(default_factory=list)
    sql_times: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    cache_queries: list = field(default_factory=list)

    def percentile(self, values, p):
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[p - 1]

    def summary(self):
        return {
            "name": self.name,
            "url": self.url,
            "status": sorted(self.statuses),
            "queries": [min(self.queries), max(self.queries)],
            "page_queries": [
                min(q - c for q, c in zip(self.queries, self.cache_queries, strict=True)),
                max(q - c for q, c in zip(self.queries, self.cache_queries, strict=True)),
            ],
            "p50_ms": self.percentile(self.times, 50),
            "p95_ms": self.percentile(self.times, 95),
            "p99_ms": self.percentile(self.times, 99),
            "sql_p50_ms": self.percentile(self.sql_times, 50),
            "times_ms": self.times,
            "sql_times_ms": self.sql_times,
        }


def cache_table():
    """The database cache's table, whose reads and writes are counted apart ("" otherwise)."""
    cache = settings.CACHES["default"]
    return cache["LOCATION"] if cache["BACKEND"].endswith("DatabaseCache") else ""


class QueryTimer:
    """Counts and times every SQL statement sent while it is installed; ``cache_count`` of
    them read or write the database cache (none with Redis) or control a transaction, the
    others are the page's."""

    def __init__(self):
        self.count, self.seconds, self.cache_count = 0, 0.0, 0
        self.table = cache_table()

    def __call__(self, execute, sql, params, many, context):
        # The cache's reads and writes, and the transaction statements around its writes
        # (SQLite sends BEGIN and savepoints through the cursor, PostgreSQL does not).
        if (self.table and self.table in sql) or not sql.lstrip().upper().startswith(
            ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "(")
        ):
            self.cache_count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def host():
    """A host name ALLOWED_HOSTS accepts."""
    for name in settings.ALLOWED_HOSTS:
        if name == "*":
            return "127.0.0.1"
        return name.lstrip(".")
    return "127.0.0.1"


def pick_territories():
    """A rural commune with many programmes operated from it, its département and région;
    the same on every run for the same content."""
    communes = Territory.objects.filter(kind=TerritoryKind.COMMUNE)
    seats = (
        communes.annotate(
            runs=Count(
                "seated_structures__programme_links",
                filter=Q(seated_structures__programme_links__role=StructureRole.OPERATOR),
            )
        )
        .filter(runs__gt=0)
        .order_by("-runs", "key")
    )
    commune = seats.filter(rural=True).first() or seats.first() or communes.order_by("key").first()
    if commune is None:
        return None, None, None
    containers = commune.containers.all()
    departement = containers.filter(kind=TerritoryKind.DEPARTEMENT).first()
    region = containers.filter(kind=TerritoryKind.REGION).first()
    return commune, departement, region


def page_list():
    """[(name, url)]: the pages measured, with codes taken from the database."""
    commune, departement, region = pick_territories()
    c = commune.key if commune else "FR"
    d = departement.key if departement else c
    r = region.key if region else d
    public = "jeunes" if Public.objects.filter(value="jeunes").exists() else None
    public = public or Public.objects.order_by("value").values_list("value", flat=True).first()
    link = (
        ProgrammeStructure.objects.filter(
            role=StructureRole.OPERATOR,
            structure__commune=commune,
            programme__in=Programme.objects.published(),
        )
        .order_by("programme__slug")
        .select_related("programme", "structure")
        .first()
    )
    programme = link.programme if link else Programme.objects.published().order_by("slug").first()
    structure = link.structure if link else Structure.objects.published().order_by("slug").first()
    search = f"/programmes/?territoire={c}&etape=creation"
    pages = [
        ("plancher (santé)", "/sante/"),
        ("accueil", "/"),
        ("dispositifs", "/programmes/"),
        ("commune + étape", search),
        ("+ mot-clé", f"{search}&q=accompagnement"),
        ("+ deux mots-clés", f"{search}&q=cooperative+jeunes"),
        ("+ phrase", f"{search}&q=nous+voulons+ouvrir+un+cafe+associatif+dans+le+village"),
        ("rural", "/programmes/?etape=idee&rural=oui"),
        (
            "facettes, 3 filtres",
            f"/programmes/?territoire={d}&etape=idee&public={public}&gratuit=oui",
        ),
        ("JSON département", f"/programmes/?format=json&territoire={d}"),
        ("CSV (5 000 lignes)", "/programmes/?format=csv"),
        ("commune, 200 par page", f"/programmes/?territoire={c}&par_page=200"),
        ("structures (distance)", f"/structures/?territoire={c}"),
        ("fiche commune", f"/territoires/{c}/"),
        ("fiche département", f"/territoires/{d}/"),
        ("fiche région", f"/territoires/{r}/"),
        ("carte idée", "/carte/?etape=idee"),
        ("carte création", "/carte/?etape=creation"),
        ("carte développement", "/carte/?etape=developpement"),
        ("autocomplétion", "/territoires/autocomplete/?q=sain"),
    ]
    if programme:
        pages.append(("fiche dispositif", programme.get_absolute_url()))
    if structure:
        pages.append(("fiche structure", structure.get_absolute_url()))
    return pages


@contextmanager
def timed_queries():
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        yield timer


# How the measured requests meet the caches (essmap/cache.py):
# - "calcul": every cache off (ESSMAP_PAGE_CACHE=0): the first request after a write;
# - "nouvelle": caches on, but every request is an address never asked before (a marker
#   parameter that no filter reads), so its page and its facet counts are computed while
#   what the content alone determines (vocabularies, synonyms, the map's counts) is shared:
#   a new search on a server that is running;
# - "cache": caches on, the same address again: what most visitors get.
MODES = ("calcul", "nouvelle", "cache")


def _address(url, mode, i, run):
    if mode != "nouvelle":
        return url
    # The run's own token: an earlier run's pages, still in the cache, are not "new".
    return f"{url}{'&' if '?' in url else '?'}mesure={run}-{i}"


def measure(pages, runs=30, warmup=3, log=None, mode="calcul"):
    client = Client(HTTP_HOST=host())
    run = uuid.uuid4().hex[:8]
    results = []
    for n, (name, url) in enumerate(pages):
        result = Measure(name, url)
        for i in range(warmup + runs):
            address = _address(url, mode, n * 1000 + i, run)
            with timed_queries() as timer:
                started = time.perf_counter()
                response = client.get(address)
                if response.streaming:
                    b"".join(response.streaming_content)
                elapsed = time.perf_counter() - started
            if i < warmup:
                continue
            result.statuses.add(response.status_code)
            result.times.append(elapsed * 1000)
            result.sql_times.append(timer.seconds * 1000)
            result.queries.append(timer.count)
            result.cache_queries.append(timer.cache_count)
        if log:
            log(f"{name} : {result.percentile(result.times, 50):.1f} ms")
        results.append(result)
    return results


def context():
    return {
        "vendor": connection.vendor,
        "programmes": Programme.objects.count(),
        "programmes_published": Programme.objects.published().count(),
        "structures": Structure.objects.count(),
    }


def table(results):
    """The results as a Markdown table (milliseconds)."""
    lines = [
        "| Page | Adresse | HTTP | Requêtes SQL | dont la page | p50 (ms) | p95 (ms) | p99 (ms) "
        "| SQL p50 (ms) |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        s = result.summary()
        low, high = s["queries"]
        queries = str(low) if low == high else f"{low}–{high}"
        low, high = s["page_queries"]
        page = str(low) if low == high else f"{low}–{high}"
        status = "/".join(str(code) for code in s["status"])
        lines.append(
            f"| {s['name']} | `{s['url']}` | {status} | {queries} | {page} | {s['p50_ms']:.1f} "
            f"| {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['sql_p50_ms']:.1f} |"
        )
    return "\n".join(lines)
