"""Cell widgets: a cell ↔ a value. Each raises ValueError with a French message naming the bad
value; import-export reports it against the column. See :mod:`bulk` for the file format."""

import datetime
from typing import NamedTuple

from import_export import widgets

from programmes.models import PersonRelation, Programme, Stage
from territories.models import Territory, TerritoryKind, normalize_key

SEPARATOR = "|"


def text(value):
    """A cell as stripped text. Spreadsheets give numbers (``53147.0``) as numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def chunks(items, size=500):
    """``items`` in lists short enough for one SQL ``IN`` (SQLite limits its parameters)."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return text(value)


class PostcodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        code = text(value)
        # A spreadsheet turns 01000 into the number 1000.
        if isinstance(value, int | float) and code.isdigit():
            code = code.zfill(5)
        return code


class PhoneWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        # International format: unambiguous for the overseas départements too.
        return value.as_international if value else ""


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        year = text(value)
        if not year:
            return None
        if not (year.isascii() and year.isdigit()):
            raise ValueError(f"année invalide « {year} »")
        return int(year)


class CoordinateWidget(widgets.FloatWidget):
    def clean(self, value, row=None, **kwargs):
        number = text(value).replace(",", ".")
        if not number:
            return None
        try:
            return float(number)
        except ValueError:
            raise ValueError(f"nombre invalide « {text(value)} »") from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # Every digit, with a dot whatever the locale: exports round-trip exactly.
        return value if kwargs.get("force_native_type") else repr(value)


class DateWidget(widgets.DateWidget):
    INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):  # an XLSX date cell
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = text(value)
        if not day:
            return None
        for date_format in self.INPUT_FORMATS:
            try:
                # A calendar day from a cell: no time, so no zone.
                return datetime.datetime.strptime(day, date_format).date()  # noqa: DTZ007
            except ValueError:
                pass
        raise ValueError(f"date invalide « {day} » (attendu AAAA-MM-JJ)")


class YesNoWidget(widgets.BooleanWidget):
    YES = {"oui", "o", "vrai", "x", "1", "true", "yes"}
    NO = {"non", "n", "faux", "0", "false", "no"}

    def __init__(self, nullable=False):
        super().__init__()
        self.nullable = nullable

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        answer = text(value).lower()
        if not answer:
            return None if self.nullable else False
        if answer in self.YES:
            return True
        if answer in self.NO:
            return False
        raise ValueError(f"« {text(value)} » : écrivez oui ou non")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else ("oui" if value else "non")


class StagesWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        given = [s.strip() for s in text(value).split(SEPARATOR) if s.strip()]
        unknown = [s for s in given if s not in Stage.values]
        if unknown:
            raise ValueError(
                ", ".join(f"étape inconnue « {s} »" for s in unknown)
                + " (idee, creation ou developpement)"
            )
        return [s for s in Stage.values if s in given]

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(value or [])


class LookupWidget(widgets.ForeignKeyWidget):
    """One related row given by a key (vocabulary value, structure slug…), each key looked
    up once per import."""

    def __init__(self, model, field, unknown, missing=None):
        super().__init__(model, field=field)
        self.unknown = unknown
        self.missing = missing
        self.cache = {}

    def reset(self):
        self.cache = {}

    def key(self, value):
        return text(value)

    def find(self, key):
        return self.model.objects.filter(**{self.field: key}).first()

    def candidates(self):
        return self.model.objects.all()

    def preload(self, values):
        """Look up every key of a column at once (what is not found is looked up, and
        reported, line by line)."""
        keys = {self.key(value) for value in values} - {""} - set(self.cache)
        for chunk in chunks(keys):
            for obj in self.candidates().filter(**{f"{self.field}__in": chunk}):
                self.cache[getattr(obj, self.field)] = obj

    def clean(self, value, row=None, **kwargs):
        key = self.key(value)
        if not key:
            if self.missing:
                raise ValueError(self.missing)
            return None
        if key not in self.cache:
            self.cache[key] = self.find(key)
        if self.cache[key] is None:
            raise ValueError(f"{self.unknown} « {key} »")
        return self.cache[key]


def territory_key(value):
    """A territory key as typed: normalised ("DEP-53" → "dep-53"), a commune code turned
    into a number by a spreadsheet given back its leading zero."""
    key = text(value)
    if isinstance(value, int | float) and key.isdigit() and len(key) < 5:
        key = key.zfill(5)
    return normalize_key(key) or key


class CommuneWidget(LookupWidget):
    def __init__(self):
        super().__init__(Territory, "key", "commune inconnue")

    def key(self, value):
        return territory_key(value)

    def find(self, key):
        territory = Territory.objects.by_key(key)  # former codes lead to the current commune
        return territory if territory and territory.kind == TerritoryKind.COMMUNE else None

    def candidates(self):
        return Territory.objects.filter(kind=TerritoryKind.COMMUNE)


class KeysWidget(widgets.ManyToManyWidget):
    """Related rows given by their keys separated by « | »; every unknown key is reported."""

    def __init__(self, model, field, unknown):
        super().__init__(model, separator=SEPARATOR, field=field)
        self.unknown = unknown
        self.cache = {}

    def reset(self):
        self.cache = {}

    def keys(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            parts = [value]
        else:
            parts = text(value).split(SEPARATOR)
        return list(dict.fromkeys(k for k in (self.key(p) for p in parts) if k))

    def key(self, part):
        return text(part)

    def fallback(self, key):
        return None

    def lookup(self, keys):
        missing = [k for k in keys if k not in self.cache]
        found = {}
        for chunk in chunks(missing):
            for obj in self.model.objects.filter(**{f"{self.field}__in": chunk}):
                found[getattr(obj, self.field)] = obj
        for key in missing:
            self.cache[key] = found.get(key) or self.fallback(key)
        return {key: self.cache[key] for key in keys}

    def preload(self, values):
        """Look up every key of a column at once."""
        self.lookup(list({key for value in values for key in self.keys(value)}))

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        found = self.lookup(keys)
        unknown = [key for key in keys if found[key] is None]
        if unknown:
            raise ValueError(", ".join(f"{self.unknown} « {key} »" for key in unknown))
        return list(dict.fromkeys(found[key] for key in keys))

    def key_of(self, obj):
        return getattr(obj, self.field)

    def render_list(self, objects):
        return SEPARATOR.join(self.key_of(obj) for obj in objects)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_list(value.all())


class TerritoriesWidget(KeysWidget):
    def __init__(self):
        super().__init__(Territory, "key", "territoire inconnu")

    def key(self, part):
        return territory_key(part)

    def fallback(self, key):
        return Territory.objects.by_key(key)


class Pending(NamedTuple):
    """An entry named by a link column that a later line of the same file creates."""

    slug: str


class SameFileKeysWidget(KeysWidget):
    """Entries of the imported model, by slug: those the file creates are accepted too."""

    def __init__(self, model, unknown):
        super().__init__(model, "slug", unknown)
        self.in_file = set()

    def fallback(self, key):
        return Pending(key) if key in self.in_file else None


class Link(NamedTuple):
    programme: Programme
    relation: str


class PersonProgrammesWidget(KeysWidget):
    """``slug`` (contact) or ``slug:temoignage``, separated by « | »."""

    def __init__(self):
        super().__init__(Programme, "slug", "dispositif inconnu")

    def clean(self, value, row=None, **kwargs):
        wanted, problems = {}, []
        for part in self.keys(value):
            slug, _, relation = part.partition(":")
            relation = relation.strip() or PersonRelation.CONTACT
            if relation not in PersonRelation.values:
                problems.append(f"lien inconnu « {relation} » (contact ou temoignage)")
            elif slug.strip() in wanted:
                problems.append(f"dispositif « {slug.strip()} » cité deux fois")
            else:
                wanted[slug.strip()] = relation
        try:
            programmes = super().clean(SEPARATOR.join(wanted))
        except ValueError as error:
            problems.append(str(error))
        if problems:
            raise ValueError(", ".join(problems))
        return [Link(p, wanted[p.slug]) for p in programmes]

    def preload(self, values):
        self.lookup(
            list({part.partition(":")[0].strip() for v in values for part in self.keys(v)} - {""})
        )

    def key_of(self, link):
        slug = link.programme.slug
        return slug if link.relation == PersonRelation.CONTACT else f"{slug}:{link.relation}"
