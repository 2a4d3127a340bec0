"""The ``contacts`` section of a content file: how to reach a structure defined anywhere.

A contacts entry sets the contact fields of one structure — a structure of any content file
or of the database — and names the documents each fact comes from, so that contacts found
on web pages stay apart from the facts of the seed documents::

    "contacts": [{"structure": "<slug>", "website", "email", "phone", "address",
                  "postcode", "commune": "<INSEE code>", "latitude", "longitude",
                  "networks": ["<slug of the network to call>"],
                  "sources": [{"document": "<file_name>", "section": "..",
                               "gives": ["phone", "email"]}]}]

Rules (checked with the rest of the files, before anything is written; the keys, their types
and the sources required are declared in :mod:`content.schemas`):

* the structure exists (in a file or in the database), once in all the contacts sections;
* only the keys above; at least one source; a website, e-mail, phone, address, postcode or
  coordinates must cite a **web page** (a document whose file name starts with ``web:``, with
  its ``url`` and ``consulted_on``); a commune alone may cite a seed document;
* a field the structure's own entry already sets must agree with it (no silent override).

For a structure of the files, the contacts are merged into its entry before it is written:
fields set, networks and sources added. A structure only in the database gets them when the
loader updates (``update=True``), without removing its other networks or sources.
"""

CONTACT_FIELDS = (
    "website",
    "email",
    "phone",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
)
# Facts that only a web page (with its consulted date) may source here.
WEB_ONLY_FIELDS = tuple(f for f in CONTACT_FIELDS if f != "commune")
WEB_PREFIX = "web:"


def is_web_document(file_name):
    return bool(file_name) and file_name.startswith(WEB_PREFIX)


class Contacts:
    """The contacts entries of all files, by structure slug."""

    def __init__(self, entries):
        self.entries = entries  # [(where, entry)]
        self.by_slug = {}
        for _, entry in entries:
            self.by_slug.setdefault(entry.get("structure"), entry)

    def territory_keys(self):
        return {e["commune"] for _, e in self.entries if e.get("commune")}

    def validate(self, loader, structures_in_files, consulted):
        """Report problems through ``loader.check``; ``consulted`` maps every known document
        file name to its consulted date (None when not a consulted web page)."""
        seen = set()
        for where, entry in self.entries:
            slug = entry["structure"]
            loader.check(where, slug not in seen, f"coordonnées de « {slug} » en double")
            seen.add(slug)
            loader.check(where, slug in loader.structure_slugs, f"structure inconnue « {slug} »")
            sources = entry.get("sources", [])
            loader.check_sources(where, sources)
            if any(entry.get(f) not in (None, "") for f in WEB_ONLY_FIELDS):
                loader.check(
                    where,
                    any(
                        is_web_document(s.get("document")) and consulted.get(s.get("document"))
                        for s in sources
                    ),
                    "une coordonnée doit citer une page web (document « web:… ») consultée "
                    "à une date connue",
                )
            if entry.get("commune"):
                commune = loader.territories.get(entry["commune"])
                loader.check(
                    where,
                    commune is not None and commune.kind == "commune",
                    f"commune inconnue « {entry['commune']} »",
                )
            for network in entry.get("networks", []):
                loader.check(
                    where,
                    network in loader.structure_slugs and network != slug,
                    f"réseau inconnu « {network} »",
                )
            own = structures_in_files.get(slug)
            for name in CONTACT_FIELDS:
                if own is None or entry.get(name) in (None, ""):
                    continue
                loader.check(
                    where,
                    own.get(name) in (None, "") or same(name, own[name], entry[name]),
                    f"« {name} » diffère de la fiche de la structure ({own.get(name)!r})",
                )

    def merged(self, entry):
        """The structure entry with its contacts: fields set, networks and sources added."""
        contact = self.by_slug.get(entry.get("slug"))
        if contact is None:
            return entry
        merged = dict(entry)
        for name in CONTACT_FIELDS:
            if contact.get(name) not in (None, ""):
                merged[name] = contact[name]
        merged["networks"] = union(entry.get("networks", []), contact.get("networks", []))
        merged["sources"] = union(entry.get("sources", []), contact.get("sources", []))
        return merged

    def stored_only(self, slugs_in_files):
        """Contacts entries of structures that no file defines (database only)."""
        return [(w, e) for w, e in self.entries if e.get("structure") not in slugs_in_files]


def same(name, first, second):
    """Whether two values of a contact field agree (a website with or without its final /)."""
    if name == "website" and isinstance(first, str) and isinstance(second, str):
        return first.rstrip("/") == second.rstrip("/")
    return first == second


def union(first, second):
    result = list(first)
    for item in second:
        if item not in result:
            result.append(item)
    return result
