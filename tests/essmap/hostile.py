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

    def post(path, query, typed_body):
        content_type, body = typed_body
        return Probe("POST", path, query, body=body, content_type=content_type)

    def posts_to(path):
        loose = st.tuples(
            st.sampled_from(CONTENT_TYPES[:1] * 4 + CONTENT_TYPES),
            st.one_of(
                form_body(forms[path]),
                st.binary(max_size=200),
                st.just(b"message=" + b"x" * 40_000),
            ),
        )
        # Half of them multipart, as a browser sends a form with enctype="multipart/form-data".
        typed = st.one_of(loose, multipart_bodies(forms[path] or ["champ"]))
        return st.builds(post, st.just(path), st.one_of(st.just(""), query_strings), typed)

    posts = st.sampled_from(sorted(forms)).flatmap(posts_to)
    return st.one_of(gets, gets, gets, posts)


def problems(probe, status, content_type, body, max_query_string=3800):
    """What is wrong with this answer to ``probe``: a list of sentences, empty when none."""
    found = []
    if status >= 500:
        found.append(f"HTTP {status}")
    if "html" in content_type and (SCRIPT_MARKER.encode() in body or TAG_MARKER.encode() in body):
        found.append("valeur renvoyée sans échappement")
    if probe.must_answer_json(status, max_query_string) and "json" not in content_type:
        found.append(f"réponse {content_type!r} au lieu de JSON")
    return found


# Forms, with a valid CSRF token: the body a browser sends (urlencoded or multipart, the token
# inside), then everything a browser would not. Both runs send the same catalogue
# (form_attacks) and the same drawn bodies (probes), the token added by with_token.
CSRF_FIELD = "csrfmiddlewaretoken"
BOUNDARY = "----essmapFuzzBoundary7MA4YWxkTrZu0gW"
INVALID_UTF8 = b"\xff\xfe\xed\xa0\x80\xc3"


def _bytes(value):
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def urlencoded(pairs):
    """``name=value&…`` from (name, value) pairs, bytes kept as they are once escaped."""
    return b"&".join(
        quote(_bytes(name), safe="").encode() + b"=" + quote(_bytes(value), safe="").encode()
        for name, value in pairs
    )


def multipart(pairs, boundary=BOUNDARY, files=(), closed=True, part_headers=b""):
    """A multipart/form-data body: fields (name, value), then files (name, filename, bytes)."""
    lines = []
    for name, value in pairs:
        lines += [
            b"--" + boundary.encode(),
            b'Content-Disposition: form-data; name="' + _bytes(name) + b'"' + part_headers,
            b"",
            _bytes(value),
        ]
    for name, filename, content in files:
        lines += [
            b"--" + boundary.encode(),
            b'Content-Disposition: form-data; name="%s"; filename="%s"'
            % (_bytes(name), _bytes(filename)),
            b"Content-Type: application/octet-stream",
            b"",
            content,
        ]
    if closed:
        lines.append(b"--" + boundary.encode() + b"--")
    return b"\r\n".join(lines) + b"\r\n"


def multipart_type(boundary=BOUNDARY):
    return f"multipart/form-data; boundary={boundary}"


URLENCODED = "application/x-www-form-urlencoded"


@dataclasses.dataclass
class FormAttack:
    """One body for a form. ``token``: where the CSRF token goes, ``"body"`` (as a browser
    puts it; the answer must then come from the view, not a 403) or ``"header"``
    (``X-CSRFToken``, for the bodies that cannot carry it)."""

    label: str
    content_type: str
    body: bytes
    token: str = "body"


def form_attacks(fields, plausible, token, max_fields=1000, max_files=100, max_memory=2621440):
    """The fixed catalogue for one form: ``fields`` its field names, ``plausible`` values that
    pass its checks (so the valid path runs too), ``token`` the valid CSRF token; the limits
    are Django's DATA_UPLOAD_* settings."""
    csrf = [(CSRF_FIELD, token)]
    fields = list(fields) or ["champ"]

    def every(value):
        return csrf + [(name, value) for name in fields]

    named = {
        "plausible": csrf + list(plausible.items()),
        "balises": every(SCRIPT_MARKER + TAG_MARKER),
        "NUL": every("a\x00b\x00"),
        "contrôle": every("\r\nSet-Cookie: x=1\t\x0b\x1b[31m\u202e"),
        "surrogate": every("\ud800a\udfff"),
        "très long": every("é" * 5000),
        "injection": every("'; DROP TABLE programmes_programme; -- {{ 7|add:7 }} ${7*7}"),
        "noms hostiles": csrf
        + [("", "x"), ("a\x00b", "x"), (SCRIPT_MARKER, "x"), ("é" * 300, "x")],
        "champs répétés": csrf + [(name, str(i)) for name in fields for i in range(50)],
    }
    attacks = []
    for label, pairs in named.items():
        attacks.append(FormAttack(f"urlencoded {label}", URLENCODED, urlencoded(pairs)))
        attacks.append(FormAttack(f"multipart {label}", multipart_type(), multipart(pairs)))
    invalid = [(name, INVALID_UTF8) for name in fields]
    attacks += [
        FormAttack(
            "urlencoded UTF-8 invalide",
            URLENCODED,
            urlencoded(csrf) + b"&" + b"&".join(n.encode() + b"=%FF%FE%ED%A0%80" for n in fields),
        ),
        FormAttack(
            "urlencoded octets bruts",
            URLENCODED,
            urlencoded(csrf) + b"&" + b"&".join(n.encode() + b"=" + INVALID_UTF8 for n in fields),
        ),
        FormAttack(
            "urlencoded charset=latin-1",
            URLENCODED + "; charset=latin-1",
            urlencoded(csrf) + b"&" + b"&".join(n.encode() + b"=%E9t%E9" for n in fields),
        ),
        FormAttack(
            "urlencoded charset=klingon",
            URLENCODED + "; charset=klingon",
            urlencoded(every("x")),
        ),
        FormAttack(
            "multipart UTF-8 invalide",
            multipart_type(),
            multipart(csrf + invalid),
        ),
        FormAttack(
            "multipart en-têtes de partie latin-1 et base64",
            multipart_type(),
            multipart(csrf)
            + multipart(
                [(name, b"\xe9t\xe9") for name in fields],
                part_headers=b"\r\nContent-Type: text/plain; charset=latin-1"
                b"\r\nContent-Transfer-Encoding: base64",
            ),
        ),
        FormAttack(
            "multipart fichiers à la place des champs",
            multipart_type(),
            multipart(
                csrf, files=[(name, "../../etc/passwd\x00.txt", b"\x89PNG\r\n") for name in fields]
            ),
        ),
        FormAttack(
            "multipart fichier en plus",
            multipart_type(),
            multipart(csrf + list(plausible.items()), files=[("fichier", "a.exe", b"MZ" * 2000)]),
        ),
        # Django's limits: each one refused with a 4xx, never read into memory.
        FormAttack(
            "urlencoded trop de champs",
            URLENCODED,
            urlencoded(csrf + [(f"c{i}", "x") for i in range(max_fields + 1)]),
        ),
        FormAttack(
            "multipart trop de champs",
            multipart_type(),
            multipart(csrf + [(f"c{i}", "x") for i in range(max_fields + 1)]),
        ),
        FormAttack(
            "multipart trop de fichiers",
            multipart_type(),
            multipart(csrf, files=[(f"f{i}", "a.txt", b"x") for i in range(max_files + 1)]),
        ),
        FormAttack(
            "urlencoded trop gros",
            URLENCODED,
            urlencoded(csrf + [(fields[0], "x" * (max_memory + 1))]),
        ),
        FormAttack(
            "multipart champ trop gros",
            multipart_type(),
            multipart(csrf + [(fields[0], "x" * (max_memory + 1))]),
        ),
        FormAttack(
            "multipart gros fichier",
            multipart_type(),
            multipart(csrf, files=[("fichier", "gros.bin", b"\x00" * (max_memory + 1))]),
        ),
        # Broken multipart: the token in the header, since the body cannot be read.
        FormAttack(
            "multipart sans boundary",
            "multipart/form-data",
            multipart(csrf + every("x")),
            token="header",
        ),
        FormAttack(
            "multipart boundary différente",
            multipart_type("autre"),
            multipart(every("x")),
            token="header",
        ),
        FormAttack(
            "multipart boundary vide", "multipart/form-data; boundary=", b"--\r\n", "header"
        ),
        FormAttack(
            "multipart boundary non ASCII",
            "multipart/form-data; boundary=é\u202e",
            multipart(every("x"), boundary="é"),
            token="header",
        ),
        FormAttack(
            "multipart boundary de 2000 caractères",
            multipart_type("b" * 2000),
            multipart(every("x"), boundary="b" * 2000),
            token="header",
        ),
        FormAttack(
            "multipart non terminé",
            multipart_type(),
            multipart(every("x" * 100), closed=False)[:-40],
            token="header",
        ),
        FormAttack(
            "multipart partie sans en-tête",
            multipart_type(),
            b"--" + BOUNDARY.encode() + b"\r\n\r\nvaleur\r\n--" + BOUNDARY.encode() + b"--\r\n",
            token="header",
        ),
        FormAttack(
            "multipart en-tête de partie énorme",
            multipart_type(),
            b"--"
            + BOUNDARY.encode()
            + b"\r\nX: "
            + b"h" * 20000
            + b"\r\n\r\nv\r\n--"
            + BOUNDARY.encode()
            + b"--\r\n",
            token="header",
        ),
        FormAttack(
            "multipart octets au hasard",
            multipart_type(),
            bytes(range(256)) * 8,
            token="header",
        ),
        # Wrong content types: the token in the header, as a script would send it.
        FormAttack(
            "JSON",
            "application/json",
            b'{"email": "' + SCRIPT_MARKER.encode() + b'", "a": [1, {"b": null}]}',
            "header",
        ),
        FormAttack("texte", "text/plain; charset=utf-8", urlencoded(every("x")), "header"),
        FormAttack(
            "XML",
            "application/xml",
            b"<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
            "header",
        ),
        FormAttack("sans type", "", urlencoded(every("x")), "header"),
        FormAttack(
            "multipart/mixed",
            f"multipart/mixed; boundary={BOUNDARY}",
            multipart(every("x")),
            token="header",
        ),
        FormAttack(
            "urlencoded annoncé, multipart envoyé",
            URLENCODED,
            multipart(every("x")),
            token="header",
        ),
        FormAttack("corps binaire", "application/octet-stream", INVALID_UTF8 * 500, "header"),
    ]
    return attacks


# What a page that takes a POST without a form to fill gets (the CSRF middleware reads the
# body, the view does not): the catalogue's part that reaches the middleware differently.
SHORT_CATALOGUE = {
    "urlencoded plausible",
    "multipart plausible",
    "multipart non terminé",
    "multipart trop de champs",
    "JSON",
}


def with_token(probe, token):
    """The body and headers of ``probe`` sent with a valid CSRF token (its cookie is the
    sender's job): inside the body when it is a form (the last field of an urlencoded body,
    the first part of a multipart one), else in the ``X-CSRFToken`` header."""
    content_type = probe.content_type
    if probe.method != "POST":
        return probe.body, {"X-CSRFToken": token}
    if content_type.startswith(URLENCODED):
        return probe.body + f"&{CSRF_FIELD}={token}".encode(), {}
    if content_type.startswith("multipart/form-data") and "boundary=" in content_type:
        boundary = content_type.split("boundary=", 1)[1]
        return multipart([(CSRF_FIELD, token)], boundary, closed=False) + probe.body, {}
    return probe.body, {"X-CSRFToken": token}


def multipart_bodies(fields):
    """A drawn multipart body (its content type, its bytes): hostile values in the form's
    fields and others, sometimes as files, sometimes not closed."""
    pairs = st.lists(st.tuples(st.one_of(st.sampled_from(fields), values), values), max_size=8)
    files = st.lists(
        st.tuples(st.sampled_from(fields), values, st.binary(max_size=300)), max_size=2
    )
    return st.builds(
        lambda p, f, closed: (multipart_type(), multipart(p, files=f, closed=closed)),
        pairs,
        files,
        st.sampled_from([True, True, True, False]),
    )
