"""Benchmark of the territory autocomplete on the loaded data (not a test).

Sends 1,000 varied queries through the whole Django stack (middleware, view, JSON) in this
process and reports server-side latency percentiles. Queries are drawn with a fixed seed
from the territories in the database: name prefixes of 2 to 12 characters, full names typed
without accents or hyphens, "st" for "saint", postcodes, INSEE and SIREN codes, EPCI words.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from territories.models import Territory, TerritoryKind, search_form


def sample_queries(count, seed=20261122):
    rng = random.Random(seed)
    communes = list(
        Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True).values_list(
            "name", "code", "postcodes"
        )
    )
    epci = list(Territory.objects.filter(kind=TerritoryKind.EPCI).values_list("name", "code"))
    makers = [
        lambda: rng.choice(communes)[0][: rng.randint(2, 12)],
        lambda: search_form(rng.choice(communes)[0]),
        lambda: rng.choice(communes)[0].lower().replace("saint", "st"),
        lambda: (rng.choice(communes)[2].split() or ["75001"])[0],
        lambda: rng.choice(communes)[1],
        lambda: rng.choice(epci)[1],
        lambda: rng.choice(rng.choice(epci)[0].split()),
        lambda: rng.choice(["ma", "sai", "st j", "pays de", "la roche", "vendée", "53", "2a"]),
    ]
    return [rng.choice(makers)() for _ in range(count)]


class Command(BaseCommand):
    help = "Mesure la latence de /territoires/autocomplete/ sur 1 000 requêtes variées."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)

    def handle(self, *args, count, **options):
        queries = sample_queries(count)
        client = Client(HTTP_HOST="127.0.0.1")
        for query in queries[:50]:  # warm caches and connections
            client.get("/territoires/autocomplete/", {"q": query})
        timings, empty = [], 0
        for query in queries:
            start = time.perf_counter()
            response = client.get("/territoires/autocomplete/", {"q": query})
            timings.append((time.perf_counter() - start) * 1000)
            empty += not response.json()["results"]
        timings.sort()

        def pct(p):
            return timings[min(len(timings) - 1, int(len(timings) * p))]

        self.stdout.write(
            f"{connection.vendor} : {len(timings)} requêtes, "
            f"{Territory.objects.count()} territoires ; "
            f"p50 {statistics.median(timings):.1f} ms, p95 {pct(0.95):.1f} ms, "
            f"p99 {pct(0.99):.1f} ms, max {timings[-1]:.1f} ms ; "
            f"{empty} sans résultat"
        )
