"""The directory's entries: structures, programmes, people, their vocabularies and sources."""

from programmes.models.entries import (
    ENTRY_M2M,
    FRESHNESS_DAYS,
    HISTORY_EXCLUDED,
    Citation,
    Entry,
    EntryQuerySet,
    SourceDocument,
)
from programmes.models.people import Person, PersonProgramme, PersonQuerySet
from programmes.models.programmes import (
    Programme,
    ProgrammeQuerySet,
    ProgrammeSource,
    ProgrammeStructure,
)
from programmes.models.structures import Structure, StructureQuerySet, StructureSource
from programmes.models.vocabularies import (
    STAGE_FIELDS,
    STAGE_HELP,
    YEAR_VALIDATORS,
    Format,
    PersonRelation,
    ProgrammeKind,
    ProgrammeStatus,
    Public,
    PublicationStatus,
    Sector,
    Stage,
    StructureKind,
    StructureRole,
    Vocabulary,
)

__all__ = [
    "ENTRY_M2M",
    "FRESHNESS_DAYS",
    "HISTORY_EXCLUDED",
    "STAGE_FIELDS",
    "STAGE_HELP",
    "YEAR_VALIDATORS",
    "Citation",
    "Entry",
    "EntryQuerySet",
    "Format",
    "Person",
    "PersonProgramme",
    "PersonQuerySet",
    "PersonRelation",
    "Programme",
    "ProgrammeKind",
    "ProgrammeQuerySet",
    "ProgrammeSource",
    "ProgrammeStatus",
    "ProgrammeStructure",
    "Public",
    "PublicationStatus",
    "Sector",
    "SourceDocument",
    "Stage",
    "Structure",
    "StructureKind",
    "StructureQuerySet",
    "StructureRole",
    "StructureSource",
    "Vocabulary",
]
