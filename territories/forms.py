import re

from django import forms
from django.urls import reverse_lazy

from territories.models import (
    KIND_SHORT_LABEL,
    Territory,
    TerritoryKind,
    attach_departements,
    search_form,
)
from territories.places import POSTCODE_RE, read_five_digits

MAX_LENGTH = 120

_DEP = r"[0-9][0-9AB]{1,2}"
_KIND_BY_LABEL = {label.lower(): kind for kind, label in KIND_SHORT_LABEL.items()}
# Only a kind the labels show ends a label: a dash in a name ("Villeneuve—d’Ascq", typed with
# a long dash) stays in the name.
_KINDS = "|".join(re.escape(label) for label in _KIND_BY_LABEL)
_LABEL = re.compile(
    rf"^(?P<name>.*?)\s*(\((?P<dep>{_DEP}(\s*,\s*{_DEP})*)\))?"
    rf"\s*([—–]\s*(?P<kind>{_KINDS}))?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9 ]+")


def five_digits(value):
    """The five digits of a postal code or an INSEE code as typed ("53 100"), or None."""
    value = (value or "").strip()
    compact = value.replace(" ", "") if _DIGITS.fullmatch(value) else value
    return compact if POSTCODE_RE.fullmatch(compact) else None


def resolve(value):
    """Territories matching what a person typed: five digits (a postal code first, then an
    INSEE code), a public key, an old INSEE code, a name, or a label as the autocomplete shows
    it ("Lesperon (40) — commune", "CC du Pays de Pouzauges (85) — EPCI")."""
    code = five_digits(value)
    if code:
        return read_five_digits(code)
    territory = Territory.objects.by_key(value)
    if territory:
        return [territory]
    match = _LABEL.match(value.strip())
    name = search_form(match["name"]) if match else ""
    if not name:
        return []
    candidates = Territory.objects.filter(search_name=name, is_current=True)
    kind = _KIND_BY_LABEL.get((match["kind"] or "").strip().lower())
    if kind:
        candidates = candidates.filter(kind=kind)
    found = list(candidates.order_by("-population")[:20])
    if match["dep"]:
        typed = {code.strip() for code in match["dep"].split(",")}
        attach_departements(found)
        found = [t for t in found if typed <= set(t.departement_codes)]
    return found


def is_postcode_choice(value, matches):
    """Several communes for five digits typed: a postal code they share."""
    return bool(five_digits(value)) and all(t.kind == TerritoryKind.COMMUNE for t in matches)


class TerritoryField(forms.CharField):
    """A territory typed by a person: its public key (53147, dep-53…), its exact name, or the
    label the autocomplete offers.

    Cleans to a :class:`Territory`; unknown or ambiguous input is a validation error in plain
    French (the list views then offer the likely choices).

    ``resolved`` remembers what each typed value resolved to; forms that share it (a list's
    filters, its facets and its ways out) look a territory up once per request.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "data-autocomplete-url": reverse_lazy("territories:autocomplete"),
                    "placeholder": "ex. Mayenne, 53100, Pays de la Loire",
                }
            ),
        )
        super().__init__(**kwargs)
        self.resolved = {}

    def __deepcopy__(self, memo):
        # Each form gets its own field: what it resolved must not outlive the request.
        copy = super().__deepcopy__(memo)
        copy.resolved = {}
        return copy

    def resolve(self, value):
        if value not in self.resolved:
            self.resolved[value] = resolve(value)
        return self.resolved[value]

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        matches = self.resolve(value)
        if len(matches) == 1:
            return matches[0]
        if matches and is_postcode_choice(value, matches):
            raise forms.ValidationError(
                f"Plusieurs communes ont le code postal « {five_digits(value)} » : "
                "choisissez la vôtre.",
                code="ambiguous",
            )
        if matches:
            raise forms.ValidationError(
                f"Plusieurs territoires correspondent à « {value} » : choisissez le vôtre.",
                code="ambiguous",
            )
        raise forms.ValidationError(
            f"Aucun territoire ne correspond à « {value} ». Saisissez le nom d’une commune, "
            "d’une intercommunalité, d’un département ou d’une région, son code postal ou "
            "son code.",
            code="unknown",
        )

    def prepare_value(self, value):
        # Show the territory as people read it ("Mayenne (53) — commune"), not its code.
        if isinstance(value, str) and value:
            matches = self.resolve(value) if len(value) <= MAX_LENGTH else []
            value = matches[0] if len(matches) == 1 else value
        if isinstance(value, Territory):
            return value.label
        return value
