"""Slow clients against a running essmap: does a normal request still get its answer?

Not run by CI (the tests check liveness only: tests/essmap/test_slow_clients.py). From the
repository root, against a server already started (make run, or nginx in front of gunicorn):

    python benchmarks/slow_clients.py --url http://127.0.0.1:8100 --slow 200 --seconds 60

Opens --slow connections that send a request line and a Host header, then one more header byte
every --interval seconds (5), never ending the headers: what a "slowloris" does. A connection the
server closes is opened again, as an attacker would. Meanwhile, a normal GET of --path
(/sante/) every 0.5 s, each given --timeout seconds (10). Prints the median and worst time of
the normal requests, and how many failed (no answer in time, refused, or not a 2xx). Standard
library only: runs with any python3.
"""

import argparse
import http.client
import socket
import statistics
import sys
import threading
import time
import urllib.parse


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8100")
    parser.add_argument("--slow", type=int, default=200, help="slow connections (200)")
    parser.add_argument("--seconds", type=float, default=60, help="duration (60)")
    parser.add_argument("--interval", type=float, default=5, help="seconds between bytes (5)")
    parser.add_argument("--path", default="/sante/", help="the normal request's path")
    parser.add_argument("--timeout", type=float, default=10, help="a normal request's limit")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between requests")
    return parser.parse_args(argv)


class SlowClients:
    """The slow connections, fed by one thread: one byte each per interval."""

    def __init__(self, host, port, count, interval):
        self.host, self.port, self.count, self.interval = host, port, count, interval
        self.sockets = []
        self.opened = 0
        self.closed_by_server = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def open(self):
        try:
            sock = socket.create_connection((self.host, self.port), timeout=5)
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {self.host}\r\nX-a: ".encode())
        except OSError:
            return None
        self.opened += 1
        return sock

    def run(self):
        self.sockets = [self.open() for _ in range(self.count)]
        while not self.stop.wait(self.interval):
            for index, sock in enumerate(self.sockets):
                try:
                    if sock is None:
                        raise OSError
                    sock.sendall(b"a")
                except OSError:
                    if sock is not None:
                        self.closed_by_server += 1
                        sock.close()
                    self.sockets[index] = self.open()

    def close(self):
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            if sock is not None:
                sock.close()


def timed_get(host, port, path, timeout):
    """Seconds to a complete 2xx answer, or None (no answer in time, refused, not a 2xx)."""
    start = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        ok = 200 <= response.status < 300
    except (OSError, http.client.HTTPException):
        ok = False
    finally:
        connection.close()
    return time.monotonic() - start if ok else None


def main(argv=None):
    options = parse_arguments(argv)
    parts = urllib.parse.urlsplit(options.url)
    host, port = parts.hostname, parts.port or 80
    if timed_get(host, port, options.path, options.timeout) is None:
        sys.exit(f"{options.url}{options.path} ne répond pas 2xx avant la mesure.")
    slow = SlowClients(host, port, options.slow, options.interval)
    slow.thread.start()
    time.sleep(min(2.0, options.seconds))  # the slow connections are open and waiting
    times, failures = [], 0
    end = time.monotonic() + options.seconds
    while time.monotonic() < end:
        elapsed = timed_get(host, port, options.path, options.timeout)
        if elapsed is None:
            failures += 1
        else:
            times.append(elapsed)
        time.sleep(options.every)
    slow.close()
    print(
        f"{options.slow} connexions lentes (un octet toutes les {options.interval:g} s), "
        f"{options.seconds:g} s, {options.url}{options.path}"
    )
    print(
        f"connexions lentes ouvertes : {slow.opened}, fermées par le serveur : "
        f"{slow.closed_by_server}"
    )
    if times:
        print(
            f"requêtes normales : {len(times)} réponses, médiane "
            f"{statistics.median(times) * 1000:.0f} ms, pire {max(times) * 1000:.0f} ms, "
            f"échecs (pas de réponse 2xx en {options.timeout:g} s) : {failures}"
        )
    else:
        print(f"requêtes normales : aucune réponse, échecs : {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
