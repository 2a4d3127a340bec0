"""A selection as its address says it: ``/selection/?d=slug1,slug2&s=slug3&note=…`` (``d``:
dispositifs, ``s``: structures). The address is the whole selection — no account, no server
state — so that it can be bookmarked, sent, and built by plain links without JavaScript.

Reading is lenient (a sent link may be old or cut): slugs that cannot be slugs are dropped and
counted as not found, repeated ones kept once, anything beyond ``MAX_ENTRIES`` dropped and
counted, a note beyond ``MAX_NOTE`` characters cut and flagged; the page says each.
"""

import re
from dataclasses import dataclass, field, replace
from urllib.parse import quote_plus

from django.conf import settings

MAX_ENTRIES = 20
MAX_NOTE = 500
# What a slug of this site can be (essmap.slugs: Django's slugify, at most 200 characters).
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
KINDS = ("d", "s")  # dispositifs, then structures: the order of the page and of the address


@dataclass(frozen=True)
class Selection:
    programmes: tuple = ()
    structures: tuple = ()
    note: str = ""
    # What reading the address had to leave out, for the page to say it.
    malformed: int = field(default=0, compare=False)
    beyond_limit: int = field(default=0, compare=False)
    note_cut: int = field(default=0, compare=False)  # the note's length as given, when cut

    def __len__(self):
        return len(self.programmes) + len(self.structures)

    def slugs(self, kind):
        return self.programmes if kind == "d" else self.structures

    def slugs_only(self):
        return self.programmes, self.structures

    def contains(self, kind, slug):
        return slug in self.slugs(kind)

    def with_entry(self, kind, slug):
        """This selection with one more entry (at the end of its kind), unless already in."""
        if kind not in KINDS or self.contains(kind, slug):
            return self
        if kind == "d":
            return replace(self, programmes=(*self.programmes, slug))
        return replace(self, structures=(*self.structures, slug))

    def without(self, kind, slug):
        if kind == "d":
            return replace(self, programmes=tuple(s for s in self.programmes if s != slug))
        return replace(self, structures=tuple(s for s in self.structures if s != slug))

    def merged(self, other):
        """This selection, then what ``other`` adds; the note of this one, else other's."""
        merged = self
        for kind in KINDS:
            for slug in other.slugs(kind):
                merged = merged.with_entry(kind, slug)
        return replace(merged, note=self.note or other.note)

    def query(self, **extra):
        """The query string (without « ? »), commas left readable: ``d=a,b&s=c&note=…``;
        ``extra`` parameters (``retour``, ``format``) after, the empty ones left out. Spaces
        as « + », as the note's form sends them: the address must stay short (see ``fits``)."""
        pairs = [("d", ",".join(self.programmes)), ("s", ",".join(self.structures))]
        pairs += [("note", self.note), *extra.items()]
        return "&".join(f"{name}={quote_plus(value, safe=',/')}" for name, value in pairs if value)


def fits(query):
    """Whether a query string is short enough for the site (``ESSMAP_MAX_QUERY_STRING``:
    longer addresses get a 414) — a note full of accents is three times longer encoded."""
    return len(query) <= settings.ESSMAP_MAX_QUERY_STRING


def _slugs(values):
    """Slugs from the repeated, comma-separated values of one parameter, once each, in order;
    and how many pieces were not slugs."""
    pieces = [p.strip() for value in values for p in value.split(",")]
    pieces = [p for p in pieces if p]
    kept = [p for p in pieces if SLUG.match(p)]
    return list(dict.fromkeys(kept)), len(pieces) - len(kept)


def read(query):
    """The selection of a QueryDict (``request.GET``, or a remembered query string parsed)."""
    programmes, bad_d = _slugs(query.getlist("d"))
    structures, bad_s = _slugs(query.getlist("s"))
    room = MAX_ENTRIES
    kept_programmes = programmes[:room]
    kept_structures = structures[: room - len(kept_programmes)]
    beyond = len(programmes) + len(structures) - len(kept_programmes) - len(kept_structures)
    note = (query.get("note") or "").strip()
    # Line ends as one kind (a textarea sends CRLF), so the length counted is the one seen.
    note = note.replace("\r\n", "\n").replace("\r", "\n")
    return Selection(
        programmes=tuple(kept_programmes),
        structures=tuple(kept_structures),
        note=note[:MAX_NOTE],
        malformed=bad_d + bad_s,
        beyond_limit=beyond,
        note_cut=len(note) if len(note) > MAX_NOTE else 0,
    )
