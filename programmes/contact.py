"""How to reach the people behind an entry: the one rule that cards, sheets, entry pages, JSON
and CSV share (« Contact » on a card, ``contact`` in the exports).

A programme is reached through its operating structure: the first published operator with a
website, e-mail or phone (the programme's own website stands in for an operator's missing
one); else one with a postal address, else one whose network can be called, else the first. A
structure without website, e-mail or phone comes with its **network to call** (a CRESS, a
federation: ``Structure.networks``, read as the ``network_to_call`` column of the list's own
query, see ``programmes.models.structures.network_to_call``): the nearest network up the chain
that can itself be reached (a CRESS without contact gives way to ESS France, its own network),
never one without contact (issue 24, item 9). Nothing known is said plainly, with the
structure's page.

Everything here reads plain values, so that model instances (``of_programme``,
``of_structure``) and the fast export rows (``from_values``) give the same answer.
"""

import json
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import phonenumbers
from django.urls import reverse

from programmes.models import Structure, StructureRole
from programmes.models.structures import network_to_call

# Numbers dialled from France with a leading 0: metropolitan France and the overseas
# départements and collectivities of the French numbering plan.
FRENCH_NUMBERING = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"}


def display_phone(value):
    """A phone number as a French reader dials it (« 02 43 12 34 56 », « 0262 … » in La
    Réunion; « +32 2 … » abroad),
    from a ``PhoneNumber`` or its stored E.164 text; "" when there is none."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), "FR")
    except phonenumbers.NumberParseException:
        return str(value)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) in FRENCH_NUMBERING
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def e164(value):
    """The number for a ``tel:`` link (« +33243123456 »)."""
    try:
        number = phonenumbers.parse(str(value), "FR")
    except phonenumbers.NumberParseException:
        return "".join(c for c in str(value) if c.isdigit() or c == "+")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def short_url(url):
    """A website as people read it aloud: « coodem.fr », « exemple.org/accompagnement »."""
    parts = urlsplit(url or "")
    if not parts.netloc:
        return url or ""
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


@dataclass(frozen=True)
class Organisation:
    """One organisation's ways to be reached (``phone`` as stored: E.164)."""

    name: str
    slug: str
    website: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    commune: str = ""
    # For a network to call found up the chain: the structure's own network it was reached
    # through (which has no contact of its own).
    via_name: str = ""
    via_slug: str = ""

    @property
    def address(self):
        """« 12 rue X, 53000 Laval »; the seat commune alone when the street is unknown."""
        town = " ".join(p for p in (self.postcode, self.commune) if p) if self.street else ""
        return ", ".join(p for p in (self.street, town) if p) or self.commune

    @property
    def reachable(self):
        return bool(self.website or self.email or self.phone)

    @property
    def url(self):
        return reverse("programmes:structure_detail", args=[self.slug]) if self.slug else ""

    @property
    def via_url(self):
        return reverse("programmes:structure_detail", args=[self.via_slug]) if self.via_slug else ""

    @property
    def label(self):
        """The network to call as a sentence names it: « CRESS Pays de la Loire »; reached up
        the chain, « CRESS Nouvelle-Aquitaine, via CNCRESS (ESS France) »."""
        return f"{self.via_name}, via {self.name}" if self.via_name else self.name

    @property
    def phone_display(self):
        return display_phone(self.phone)

    @property
    def phone_e164(self):
        return e164(self.phone) if self.phone else ""

    @property
    def website_display(self):
        return short_url(self.website)

    @property
    def website_host(self):
        return short_url(self.website).split("/")[0].split("?")[0]

    def ways(self):
        """Phone, e-mail and website as text, in the order people use them."""
        return [w for w in (self.phone_display, self.email, self.website) if w]


@dataclass(frozen=True)
class Contact:
    """Whom to reach (``structure``: the operator, or the structure itself) and, when it has
    no website, e-mail or phone, the ``network`` to call (always one that can be reached).
    ``structure`` has no name when a programme with no known operator only has its own
    website."""

    structure: Organisation
    network: Organisation | None = None

    @property
    def direct(self):
        return self.structure.reachable

    def as_text(self, absolute_url=str):
        """One line for a spreadsheet cell or a text message."""
        who = self.structure
        label = f"{who.name} : " if who.name else ""
        if who.reachable:
            return label + " · ".join([*who.ways(), *([who.address] if who.address else [])])
        seat = f"{who.address} ; " if who.address else ""
        if self.network is not None:
            network = self.network
            return (
                f"{label}{seat}ni site, ni courriel, ni téléphone recensés ; "
                f"réseau à contacter : {network.label} : {' · '.join(network.ways())}"
            )
        return f"{label}{seat}aucune coordonnée recensée ; fiche : {absolute_url(who.url)}"

    def as_dict(self, absolute_url=str):
        """The ``contact`` field of the JSON and CSV exports (``text`` is the CSV cell);
        ``network.via``: the structure's own network, without contact, through which the
        network to call was found (None when it is the structure's own network)."""

        def via(o):
            if not o.via_slug:
                return None
            return {"name": o.via_name, "url": absolute_url(o.via_url)}

        def organisation(o):
            return {
                "name": o.name,
                "url": absolute_url(o.url) if o.url else "",
                "website": o.website,
                "email": o.email,
                "phone": o.phone_display,
            }

        return organisation(self.structure) | {
            "address": self.structure.address,
            "network": (organisation(self.network) | {"via": via(self.network)})
            if self.network
            else None,
            "text": self.as_text(absolute_url),
        }


def _stored_phone(value):
    """A ``PhoneNumber`` (or its text) as stored: E.164."""
    if not value:
        return ""
    return getattr(value, "as_e164", None) or str(value)


def _organisation(structure):
    commune = structure.commune.name if structure.commune_id else ""
    return Organisation(
        name=structure.name,
        slug=structure.slug,
        website=structure.website,
        email=structure.email,
        phone=_stored_phone(structure.phone),
        street=structure.address,
        postcode=structure.postcode,
        commune=commune,
    )


def _network(values):
    """The ``network_to_call`` column (a dict) → Organisation; None when there is none, and
    never a network without contact (the column gives none, an old value could)."""
    if not values:
        return None
    if isinstance(values, str):
        values = json.loads(values)
    direct = values.get("via_slug", values["slug"]) == values["slug"]
    network = Organisation(
        name=values["name"],
        slug=values["slug"],
        website=values.get("website") or "",
        email=values.get("email") or "",
        phone=values.get("phone") or "",
        via_name="" if direct else values.get("via_name") or "",
        via_slug="" if direct else values.get("via_slug") or "",
    )
    return network if network.reachable else None


def _network_of(structure):
    """The structure's network to call: the list's column when it was read, else the same
    column read for it alone (one query, for a page showing one entry)."""
    if hasattr(structure, "network_to_call"):
        return _network(structure.network_to_call)
    column = (
        Structure.objects.filter(pk=structure.pk)
        .annotate(network=network_to_call("pk"))
        .values_list("network", flat=True)
    )
    return _network(column.first())


def choose(operators, programme_website=""):
    """The contact of a programme from its operators, as ``[(Organisation, network)]`` in
    their listed order; None when nothing at all is known."""
    if not operators:
        if programme_website:
            return Contact(Organisation(name="", slug="", website=programme_website))
        return None
    for organisation, _network in operators:
        if organisation.reachable:
            return Contact(organisation)
    if programme_website:
        return Contact(replace(operators[0][0], website=programme_website))
    for wanted in (lambda o, n: bool(o.street), lambda o, n: n is not None):
        for organisation, network in operators:
            if wanted(organisation, network):
                return Contact(organisation, network)
    return Contact(operators[0][0])


def of_programme(programme):
    """The contact of a programme whose ``structure_links`` were prefetched (published
    structures only: ``published_structure_links``)."""
    operators = []
    for link in programme.structure_links.all():
        if link.role != StructureRole.OPERATOR:
            continue
        organisation = _organisation(link.structure)
        if organisation.reachable:
            network = None
        elif hasattr(link, "network_to_call"):
            network = _network(link.network_to_call)
        else:
            network = _network_of(link.structure)
        operators.append((organisation, network))
    return choose(operators, programme.website)


def of_structure(structure):
    organisation = _organisation(structure)
    return Contact(organisation, None if organisation.reachable else _network_of(structure))


def from_values(name, slug, website, email, phone, address, postcode, commune, network):
    """An operator read as plain values (the fast export rows), as ``choose`` takes it."""
    organisation = Organisation(
        name=name,
        slug=slug,
        website=website or "",
        email=email or "",
        phone=_stored_phone(phone),
        street=address or "",
        postcode=postcode or "",
        commune=commune or "",
    )
    return organisation, None if organisation.reachable else _network(network)
