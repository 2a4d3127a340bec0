"""Hostile requests, as hypothesis strategies, and what every answer to them must respect.

One description of a request (:class:`Probe`) serves both runs: the suite sends it through
Django's test client (``tests/essmap/test_fuzz.py``), ``make fuzz`` sends it over HTTP to a
gunicorn server (``tests/essmap/test_fuzz_server.py``). Values come from a list of known
troublemakers (Unicode digits, NUL and control characters, lone surrogates, injection
strings, invalid percent-encoding, very long strings) mixed with hypothesis' own text.
"""

import dataclasses
from urllib.parse import quote

from hypothesis import strategies as st

# The marker a reflected value must never show unescaped in HTML.
SCRIPT_MARKER = "<script>alert(7)</script>"
TAG_MARKER = '"><svg onload=alert(7)>'

TROUBLEMAKERS = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "1.5",
    "99999999999999999999999999",
    "²",
    "①",
    "¹²³",
    "٣",
    "߂",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "\t\x0b\x0c\x1b[31m",
    "\ud800",
    "\udfff",
    "a\ud83d",
    "\u202eevil",
    "\ufeff",
    "🙂🙂🙂",
    "ﷺ",
    "e\u0301",
    SCRIPT_MARKER,
    TAG_MARKER,
    "' OR 1=1 --",
    "'; DROP TABLE programmes_programme; --",
    '" OR ""="',
    "%' AND 1=0 UNION SELECT NULL --",
    "\\",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "%2e%2e%2f",
    "null",
    "true",
    "[]",
    "{}",
    "a" * 300,
    "é" * 700,
    "x" * 2100,
    "dep-53",
    "reg-52",
    "FR",
    "53147",
    "245300330",
    "pnr-",
    "Laval",
    "idee",
    "creation",
    "developpement",
    "json",
    "csv",
    "html",
    "oui",
    "non",
]

PARAMETERS = [
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
    "tri",
    "page",
    "par_page",
    "format",
    "national",
    "couche",
    "p",
    "o",
    "e",
    "_changelist_filters",
]

# Answers in JSON with ?format=json (the last value, as Django reads it).
JSON_WITH_FORMAT = ["/programmes/", "/structures/", "/carte/"]
# Answers in JSON whatever is asked.
JSON_ONLY = ["/territoires/autocomplete/", "/sante/"]
HOSTILE_HOSTS = [
    "evil.example",
    "[::1]",
    "",
    "localhost:abc",
    "testserver:99999999",
    "essmap.example.fr.evil.example",
    "a" * 300,
    "é.example",
    "testserver\x00",
    "127.0.0.1:0x1F",
    "[::1",
    "-",
]
METHODS = ["GET"] * 12 + ["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/json",
    "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded; charset=klingon",
]


@dataclasses.dataclass
class Probe:
    """One request: method, path (percent-encoded), raw query string, Host (None: the valid
    one), body and its content type."""

    method: str
    path: str
    query: str = ""
    host: str | None = None
    body: bytes = b""
    content_type: str = ""

    @property
    def format_asked(self):
        """The ``format`` Django reads from this query string: its last value."""
        asked = None
        for pair in self.query.split("&"):
            name, _, value = pair.partition("=")
            if name == "format":
                asked = value
        return asked

    def must_answer_json(self, status, max_query_string):
        """Whether the answer must be JSON: a GET with a valid Host and a readable address, to
        an endpoint that answers JSON (always, or with ``format=json``), not redirected."""
        if self.method != "GET" or self.host is not None or 300 <= status < 400:
            return False
        if len(self.query) > max_query_string:
            return False
        if self.path in JSON_ONLY:
            return True
        is_json_page = self.path in JSON_WITH_FORMAT or self.path.startswith(
            ("/programmes/", "/structures/")
        )
        return is_json_page and self.format_asked == "json"

    def describe(self):
        host = "" if self.host is None else f" Host={self.host!r}"
        body = f" body={len(self.body)} B {self.content_type}" if self.body else ""
        return f"{self.method} {self.path}?{self.query[:200]}{host}{body}"


def encode(value):
    """Percent-encode any text, lone surrogates included (as the bytes a client would send)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


values = st.one_of(
    st.sampled_from(TROUBLEMAKERS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.integers(min_value=-(10**12), max_value=10**30).map(str),
)

# A query string piece: a known or odd name, a hostile value; sometimes invalid escapes.
pairs = st.tuples(st.one_of(st.sampled_from(PARAMETERS), values), values).map(
    lambda pair: f"{encode(pair[0])}={encode(pair[1])}"
)
raw_pieces = st.sampled_from(["%", "%zz", "%C3", "%ED%A0%80", "%FF%FE", "&&", "=", "a=%00", "=x"])
query_strings = st.lists(st.one_of(pairs, pairs, pairs, raw_pieces), max_size=6).map("&".join)
repeated = st.tuples(st.sampled_from(PARAMETERS), st.lists(values, min_size=2, max_size=4)).map(
    lambda rep: "&".join(f"{rep[0]}={encode(v)}" for v in rep[1])
)


def path_strategy(paths):
    """A known public path, or one with a hostile segment inside."""
    odd = st.tuples(st.sampled_from(paths), values).map(lambda pv: f"{pv[0]}{encode(pv[1])[:300]}/")
    raw = st.sampled_from(["/%", "/%zz/", "/%ED%A0%80/", "/programmes/%00/", "//", "/./../"])
    return st.one_of(st.sampled_from(paths), st.sampled_from(paths), odd, raw)


def form_body(fields):
    """A form body filling ``fields`` (and others) with hostile values."""
    return st.lists(
        st.tuples(st.one_of(st.sampled_from(fields), values), values), max_size=len(fields) + 2
    ).map(lambda items: "&".join(f"{encode(k)}={encode(v)}" for k, v in items).encode())


def probes(paths, forms):
    """Requests to ``paths`` (GET mostly) and posts to ``forms`` ({path: field names})."""
    gets = st.builds(
        Probe,
        method=st.sampled_from(METHODS),
        path=path_strategy(paths),
        query=st.one_of(query_strings, query_strings, repeated),
        host=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(HOSTILE_HOSTS)),
    )
    if not forms:
        return gets
    posts = st.sampled_from(sorted(forms)).flatmap(
        lambda path: st.builds(
            Probe,
            method=st.just("POST"),
            path=st.just(path),
            query=st.one_of(st.just(""), query_strings),
            body=st.one_of(
                form_body(forms[path]),
                st.binary(max_size=200),
                st.just(b"message=" + b"x" * 40_000),
            ),
            content_type=st.sampled_from(CONTENT_TYPES[:1] * 4 + CONTENT_TYPES),
        )
    )
    return st.one_of(gets, gets, gets, posts)


def problems(probe, status, content_type, body, max_query_string=2048):
    """What is wrong with this answer to ``probe``: a list of sentences, empty when none."""
    found = []
    if status >= 500:
        found.append(f"HTTP {status}")
    if "html" in content_type and (SCRIPT_MARKER.encode() in body or TAG_MARKER.encode() in body):
        found.append("valeur renvoyée sans échappement")
    if probe.must_answer_json(status, max_query_string) and "json" not in content_type:
        found.append(f"réponse {content_type!r} au lieu de JSON")
    return found
