"""Every address of the site, read from the URL configuration rather than from a hand list, so
that the hostile run reaches a page added tomorrow without anyone thinking of it.

:func:`every_route` walks ``essmap.urls`` (the admin's addresses included); :func:`fill` turns
one route into concrete paths, each parameter taken from the values a run knows for that
parameter's name (real slugs, codes, tokens, then hostile ones). A parameter name no run knows
is reported by :func:`unknown_parameters`: ``test_every_route_is_probed`` fails on it rather
than probing a new page with noise only.
"""

import dataclasses
import re
from html.parser import HTMLParser
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from suggestions.forms import HONEYPOT

# <converter:name> or <name> of a path(), (?P<name>…) or (…) of a re_path().
_PATH_PARAMETER = re.compile(r"(?<!\?P)<(?:\w+:)?(\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")
_GROUP = re.compile(r"\((?!\?)(?:[^()]|\([^()]*\))*\)")
POSITIONAL = "_positional"


@dataclasses.dataclass(frozen=True)
class Route:
    """One address pattern: its text as ``ResolverMatch.route`` spells it, its name (with
    namespace), the parameters it takes and the view."""

    route: str
    name: str
    parameters: tuple
    callback: object

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    @property
    def model(self):
        """The model of an admin page (``ModelAdmin.get_urls`` marks its views), or None."""
        model_admin = getattr(self.callback, "model_admin", None)
        return None if model_admin is None else model_admin.model


def _piece(pattern):
    text = str(pattern)
    # ResolverMatch.route drops a regex's leading ^ (a path() has none).
    return text.removeprefix("^") if isinstance(pattern, RegexPattern) else text


def every_route(resolver=None, prefix="", namespace=""):
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += every_route(entry, prefix + _piece(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + _piece(entry.pattern)
            parameters = tuple(
                _PATH_PARAMETER.findall(route)
                + _NAMED_GROUP.findall(route)
                + [POSITIONAL] * len(_GROUP.findall(_NAMED_GROUP.sub("", route)))
            )
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<{route}>"
            routes.append(Route(route, name, parameters, entry.callback))
    return routes


def unknown_parameters(routes, known):
    """``{route: [parameter…]}`` of the parameters ``known`` has no values for."""
    missing = {}
    for route in routes:
        names = [name for name in route.parameters if name not in known]
        if names:
            missing[route.route] = names
    return missing


def _substitute(route, values):
    """The route with ``values`` (in the order of :attr:`Route.parameters`) in place of its
    parameters, each percent-encoded (a value may hold ``/`` only for a ``path`` converter)."""
    queue = iter(values)

    def encoded(_match):
        return quote(next(queue).encode("utf-8", "surrogatepass"), safe="/")

    text = _PATH_PARAMETER.sub(encoded, route)
    text = _NAMED_GROUP.sub(encoded, text)
    text = _GROUP.sub(encoded, text)
    return "/" + text.replace("^", "").replace("$", "")


def fill(route, values_for):
    """Concrete paths of ``route``: the i-th takes the i-th value of every parameter (cycling
    through the shorter lists), so that values meant together stay together (a report's
    ``kind`` and ``slug``). ``values_for(route, name)`` gives one parameter's values, real ones
    first: the first path is a real page."""
    if not route.parameters:
        return [_substitute(route.route, [])]
    choices = [values_for(route, name) for name in route.parameters]
    return [
        _substitute(route.route, [values[i % len(values)] for values in choices])
        for i in range(max(len(values) for values in choices))
    ]


# Hostile values every parameter also gets (after the real ones), within what its converter
# accepts or not: a value the resolver refuses is a 404 probe, as useful.
HOSTILE_SEGMENTS = ["inconnu", "0", "a" * 300, "<script>alert(7)</script>", "é\u202e", "a\x00b"]


@dataclasses.dataclass
class Samples:
    """The real values a run knows: slugs of published, draft and archived entries, territory
    keys, alert tokens, admin object ids by model (``{model: pk}``)."""

    programmes: list
    structures: list
    territories: list
    confirmation_token: str = "jeton"
    subscription_token: str = "jeton"
    admin_ids: dict = dataclasses.field(default_factory=dict)
    content_type_id: str = "1"
    user_id: str = "1"
    sitemap_sections: list = dataclasses.field(default_factory=list)

    def values_for(self, route, name):
        real = self._real(route, name)
        return [*real, *HOSTILE_SEGMENTS]

    def _real(self, route, name):
        if name == "slug":
            if route.route.startswith("structures/"):
                return self.structures + self.programmes
            return (
                [self.structures[0], self.programmes[0]]
                if route.route.startswith("signaler/")
                else self.programmes + self.structures
            )
        if name == "programme_slug":  # « Ma structure »: a programme of the structure
            return self.programmes
        if name == "kind":
            return ["structure", "dispositif", "programme"]
        if name == "key":
            return self.territories
        if name == "token":
            if "desabonnement" in route.route:
                return [self.subscription_token, self.confirmation_token]
            return [self.confirmation_token, self.subscription_token]
        if name == "section":
            return [*self.sitemap_sections, "inconnue"]
        if name == "object_id":
            model = route.model
            if model is None:  # the admin's « voir sur le site »: a programme
                return [self.admin_ids.get("programmes.programme", "1"), "1"]
            return [self.admin_ids.get(model._meta.label_lower, "1"), "999999"]
        if name == "content_type_id":
            return [self.content_type_id, "abc"]
        if name == "id":
            return [self.user_id]
        if name == "app_label":
            return ["programmes", "auth", "alerts"]
        if name == "url":
            return ["inexistant/", "programmes/inexistant/"]
        if name == POSITIONAL:
            return ["1", "abc"]
        raise KeyError(name)


KNOWN_PARAMETERS = {
    "slug",
    "programme_slug",
    "kind",
    "key",
    "token",
    "section",
    "object_id",
    "content_type_id",
    "id",
    "app_label",
    "url",
    POSITIONAL,
}


def probe_paths(routes, samples):
    """{route: [paths…]} for every route, the real page first."""
    return {route: fill(route, samples.values_for) for route in routes}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}
        self.choices = set()  # radio buttons, boxes, lists: their value is the page's
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        kind = attrs.get("type", "text")
        if tag == "input" and name and kind in ("checkbox", "radio"):
            self.choices.add(name)
            first_radio = kind == "radio" and not self.fields.get(name)
            if "checked" in attrs or first_radio:
                self.fields[name] = attrs.get("value", "on")
            else:
                self.fields.setdefault(name, "")
        elif tag in ("input", "textarea") and name:
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.fields[name] = attrs.get("value") or self.fields.get(name, "")
        elif tag == "select" and name:
            self._select = name
            self.choices.add(name)
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and not self.fields[self._select]:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_fields(html):
    """{name: value} of the POST forms of a page (a best effort: the values a visitor would
    send unchanged, empty text fields filled with plausible text, except the honeypot), the
    CSRF field left out."""
    reader = _FormReader()
    for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S | re.I):
        reader.feed(form)
    fields = reader.fields
    fields.pop("csrfmiddlewaretoken", None)
    for name, value in fields.items():
        if value or name == HONEYPOT or name in reader.choices:
            continue
        if "mail" in name:
            fields[name] = "personne@example.org"
        elif "website" in name or "url" in name:
            fields[name] = "https://example.org/"
        elif "password" not in name and name != "next":
            fields[name] = "Texte d’essai assez long pour passer les contrôles."
    return fields
