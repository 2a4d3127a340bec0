"""The declared shape of a content file (``essmap/fixtures/content/*.json``), checked by pydantic.

One model per section entry, as the :mod:`content.loader` docstring describes the format:
which keys exist (any other is refused), their types, which are required, the values of the
code's own vocabularies (stages, statuses, roles, relations) and ISO dates. pydantic is
already a dependency (the data·inclusion schema is built on it): declared models say the
format once, where hand-written checks repeated it key by key.

What a file cannot say alone stays in the loader, reported the same way: values of the
vocabularies stored in the database (kinds, publics, sectors, formats), territories, slugs
and documents named by other entries, duplicates, and the contacts' rules
(:mod:`content.contacts`).

:func:`problems` turns pydantic's errors into the loader's French sentences.
"""

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from content.contacts import is_web_document
from programmes.models import PersonRelation, ProgrammeStatus, PublicationStatus, Stage
from programmes.models import StructureRole as Role


def _iso_date(value):
    """Only ``AAAA-MM-JJ`` text (pydantic would also take a number of seconds)."""
    if value is None or isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise ValueError("date invalide")
    return datetime.date.fromisoformat(value)


IsoDate = Annotated[datetime.date | None, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1)]
StageValue = Literal[tuple(Stage.values)]
Publication = Literal[tuple(PublicationStatus.values)]


class Part(BaseModel):
    """Strict types (no "3" for 3), no unknown key but a ``$comment``."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    comment: Any = Field(None, alias="$comment")


class Source(Part):
    document: str
    section: str = ""
    # A structure's source only: which of its contact facts this document gives.
    gives: list[Literal["phone", "email"]] = []


class Document(Part):
    file_name: Text
    title: Text
    publisher: str = ""
    published_on: IsoDate = None
    year: int | None = None
    url: str = ""
    consulted_on: IsoDate = None

    def problems(self):
        if is_web_document(self.file_name) and not (self.url and self.consulted_on):
            return [
                "une page web (« web:… ») demande son adresse (url) et sa date de "
                "consultation (consulted_on)"
            ]
        return []


class GeneralAccompaniment(Part):
    stages: Annotated[list[StageValue], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]


class Entry(Part):
    """What structures and programmes share."""

    slug: Text
    name: Text
    aliases: list[str] = []
    description: str = ""
    website: str = ""
    territories: list[str] = []
    publics: list[str] = []
    sectors: list[str] = []
    notes: str = ""
    publication: Publication = PublicationStatus.PUBLISHED.value
    verified_on: IsoDate = None
    sources: list[Source] = []


class Structure(Entry):
    kind: Text
    legal_form: str = ""
    founded_year: int | None = None
    address: str = ""
    postcode: str = ""
    commune: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    email: str = ""
    phone: str = ""
    partners: list[str] = []
    networks: list[str] = []
    general_accompaniment: GeneralAccompaniment | None = None


class RoleLink(Part):
    slug: str
    role: Literal[tuple(Role.values)] = Role.OPERATOR.value


class Programme(Entry):
    kind: str | None = None
    stages: list[StageValue] = []
    formats: list[str] = []
    duration: str = ""
    is_free: bool | None = None
    cost_details: str = ""
    eligibility: str = ""
    how_to_apply: str = ""
    key_figures: str = ""
    status: Literal[tuple(ProgrammeStatus.values)] = ProgrammeStatus.ACTIVE.value
    start_year: int | None = None
    end_year: int | None = None
    structures: list[RoleLink] = []
    next_steps: list[str] = []


class PersonLink(Part):
    slug: str
    relation: Literal[tuple(PersonRelation.values)] = PersonRelation.CONTACT.value


class Person(Part):
    name: Text
    role: str = ""
    structure: str | None = None
    public: bool = False
    programmes: list[PersonLink] = []


class Contact(Part):
    structure: Text
    website: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    commune: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    networks: list[str] = []
    sources: Annotated[list[Source], Field(min_length=1)]


SECTIONS = {
    "documents": Document,
    "structures": Structure,
    "programmes": Programme,
    "people": Person,
    "contacts": Contact,
}

# What a missing (or empty) required key is called: in a part of an entry, then anywhere.
MISSING_IN = {
    ("general_accompaniment", "stages"): "accompagnement général sans étape",
    ("general_accompaniment", "sources"): "aucune source citée pour l’accompagnement général",
    ("contacts", "sources"): "aucune source citée pour ces coordonnées",
}
MISSING = {
    "slug": "slug manquant",
    "name": "nom manquant",
    "file_name": "fichier ou titre manquant",
    "title": "fichier ou titre manquant",
    "kind": "type de structure manquant",
    "structure": "structure manquante",
}
# What an unknown value of a code vocabulary is called, by key.
UNKNOWN_VALUE = {
    "stages": "étape inconnue « {} »",
    "publication": "statut de publication inconnu",
    "status": "statut du dispositif inconnu",
    "role": "rôle inconnu",
    "relation": "lien inconnu « {} »",
}
DATES = {"verified_on": "date de vérification invalide"}


def _sentence(section, error):
    """One pydantic error (loc inside an entry of ``section``) in French."""
    loc = [part for part in error["loc"] if not isinstance(part, int)]
    key = loc[-1] if loc else ""
    prefix = "accompagnement général : " if loc[:1] == ["general_accompaniment"] else ""
    kind = error["type"]
    if kind in ("missing", "too_short", "string_too_short"):
        part = loc[0] if len(loc) > 1 else section
        if (part, key) in MISSING_IN:
            return MISSING_IN[(part, key)]
        if key in MISSING:
            return MISSING[key]
    if kind == "literal_error" and key in UNKNOWN_VALUE:
        return UNKNOWN_VALUE[key].format(error["input"])
    if kind in ("value_error", "date_from_datetime_parsing", "date_type") or "date" in kind:
        return DATES.get(key, "date invalide")
    if kind in ("model_type", "model_attributes_type"):
        return (
            "accompagnement général invalide"
            if key == "general_accompaniment"
            else (f"« {'.'.join(map(str, loc))} » invalide" if loc else "entrée invalide")
        )
    field = ".".join(map(str, loc)) or "entrée"
    return f"{prefix}« {field} » : valeur invalide ({error['input']!r})"


def problems(section, entry):
    """The French problems of one entry of ``section`` (none when it is valid)."""
    try:
        checked = SECTIONS[section].model_validate(entry)
    except ValidationError as error:
        found, unknown = [], {}
        for item in error.errors(include_url=False):
            if item["type"] == "extra_forbidden":
                unknown.setdefault(tuple(item["loc"][:-1]), []).append(item["loc"][-1])
            else:
                found.append(_sentence(section, item))
        for where, names in unknown.items():
            prefix = "accompagnement général : " if where[:1] == ("general_accompaniment",) else ""
            found.append(f"{prefix}champs inconnus {sorted(names)}")
        return list(dict.fromkeys(found))
    return checked.problems() if hasattr(checked, "problems") else []
