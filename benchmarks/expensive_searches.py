"""Expensive searches against a running essmap: do they slow the site down for everyone?

Not a test, and no Django: the standard library only (threads and urllib), run against a server
started as in production (``benchmarks/expensive_searches.sh`` starts one and runs this). For
``--duration`` seconds, ``--clients`` threads each send, as fast as they are answered, searches
no one asked before (``--words`` random words, all of France with ``partiel=oui``, the three
stages, ``par_page=500``: never in the page cache), each from its own address (``X-Real-IP``,
read by a server started with ``ESSMAP_CLIENT_IP_HEADER=X-Real-IP``). Meanwhile one thread
times ``/sante/`` and another a page the cache holds, every ``--every`` seconds. The same two
are timed first for ``--quiet`` seconds with nothing else running. Prints a Markdown table.

    .venv/bin/python benchmarks/expensive_searches.py --url http://127.0.0.1:8101
"""

import argparse
import random
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

# Words of the directory's descriptions: each matches entries, so the search does its work.
WORDS = (
    "accompagnement agriculture alimentation artisanat association bâtiment café circuit "
    "collectif commerce commun coopérative création culture développement économie emploi "
    "énergie entreprise environnement épicerie financement formation habitat idée incubateur "
    "initiative innovation insertion jeunes local logement mobilité numérique projet quartier "
    "recyclage réemploi rural santé service social solidaire sport territoire tiers-lieu "
    "tourisme transition village vélo".split()
)
STAGES = ("idee", "creation", "developpement")


def expensive_search(rng, words):
    query = [("q", " ".join(rng.sample(WORDS, words)))]
    query += [("territoire", "FR"), ("partiel", "oui")]
    query += [("etape", stage) for stage in STAGES]
    query += [("par_page", "500")]
    return "/programmes/?" + urllib.parse.urlencode(query)


def fetch(base, path, address=None, timeout=120):
    """(status, seconds) of one GET."""
    headers = {"X-Real-IP": address} if address else {}
    # The address is the server measured, given on the command line (http://).
    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        status = 0
    return status, time.perf_counter() - started


def probe(base, path, stop, every, out):
    """Time ``path`` every ``every`` seconds until ``stop`` is set."""
    while not stop.is_set():
        out.append(fetch(base, path))
        stop.wait(every)


def searcher(base, number, stop, words, out):
    # Seeded by the system: another run asks other searches, which no cache holds.
    rng = random.Random()
    address = f"198.51.100.{number + 1}"
    while not stop.is_set():
        out.append(fetch(base, expensive_search(rng, words), address))


def timed_probes(base, paths, seconds, every, load=None):
    """Run one probe per path (and ``load``, a list of thread targets) for ``seconds``."""
    stop = threading.Event()
    results = {path: [] for path in paths}
    threads = [
        threading.Thread(target=probe, args=(base, path, stop, every, results[path]))
        for path in paths
    ]
    threads += [threading.Thread(target=target, args=(stop,)) for target in load or ()]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return results


def milliseconds(samples, p):
    times = sorted(seconds * 1000 for _status, seconds in samples)
    if not times:
        return "–"
    if len(times) == 1:
        return f"{times[0]:.0f}"
    return f"{statistics.quantiles(times, n=100, method='inclusive')[p - 1]:.0f}"


def statuses(samples):
    counted = {}
    for status, _seconds in samples:
        counted[status] = counted.get(status, 0) + 1
    return ", ".join(f"{status or 'erreur'} × {count}" for status, count in sorted(counted.items()))


def row(label, samples):
    return (
        f"| {label} | {len(samples)} | {milliseconds(samples, 50)} | "
        f"{milliseconds(samples, 95)} | {statuses(samples)} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8101")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--quiet", type=float, default=10.0)
    parser.add_argument("--every", type=float, default=0.2)
    parser.add_argument("--words", type=int, default=12)
    parser.add_argument("--cached", default="/programmes/?territoire=FR&etape=creation")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    paths = ["/sante/", args.cached]
    for _ in range(2):  # the cached page in the cache, the workers' connections open
        fetch(base, args.cached)
    quiet = timed_probes(base, paths, args.quiet, args.every)
    searches = []
    load = [
        lambda stop, number=number: searcher(base, number, stop, args.words, searches)
        for number in range(args.clients)
    ]
    loaded = timed_probes(base, paths, args.duration, args.every, load)
    print(
        f"{args.clients} clients, recherches nouvelles de {args.words} mots-clés "
        f"(exemple : {expensive_search(random.Random(0), args.words)}), {args.duration:.0f} s"
    )
    print()
    print("| Mesure | Requêtes | p50 (ms) | p95 (ms) | Statuts |")
    print("|---|---:|---:|---:|---|")
    print(row("`/sante/` au repos", quiet["/sante/"]))
    print(row("page en cache au repos", quiet[args.cached]))
    print(row(f"`/sante/` pendant les {args.clients} clients", loaded["/sante/"]))
    print(row(f"page en cache pendant les {args.clients} clients", loaded[args.cached]))
    print(row("recherches nouvelles (les clients), toutes", searches))
    print(row("… dont calculées (200)", [s for s in searches if s[0] == 200]))
    print(row("… dont refusées ou interrompues", [s for s in searches if s[0] != 200]))


if __name__ == "__main__":
    main()
