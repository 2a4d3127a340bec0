"""Fixed vocabularies (stages, statuses, roles) and those curators extend in the admin."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from essmap.validators import RefusesNulCharacters

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2100)]


class Stage(models.TextChoices):
    """The three stages of a project: a fixed vocabulary, used in URLs (``etape=``)."""

    IDEE = "idee", "Idée"
    CREATION = "creation", "Création"
    DEVELOPPEMENT = "developpement", "Développement"


STAGE_FIELDS = {
    Stage.IDEE: "stage_idee",
    Stage.CREATION: "stage_creation",
    Stage.DEVELOPPEMENT: "stage_developpement",
}

# A structure's general accompaniment (its standing offer, beside its programmes): the same
# three stages, in fields of their own (``Structure.general_stage_*``).
GENERAL_STAGE_FIELDS = {
    Stage.IDEE: "general_stage_idee",
    Stage.CREATION: "general_stage_creation",
    Stage.DEVELOPPEMENT: "general_stage_developpement",
}

STAGE_HELP = {
    Stage.IDEE: "J’ai une envie ou une idée, je cherche à la préciser et à la tester.",
    Stage.CREATION: "Mon projet est défini, je prépare ou je lance l’activité.",
    Stage.DEVELOPPEMENT: "Mon activité existe, je veux la consolider ou la faire grandir.",
}


class PublicationStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publie", "Publié"
    ARCHIVED = "archive", "Archivé"


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "actif", "En cours"
    EXPERIMENTAL = "experimental", "Expérimentation"
    ENDED = "termine", "Terminé"


class StructureRole(models.TextChoices):
    OPERATOR = "operateur", "Opérateur"
    PARTNER = "partenaire", "Partenaire"
    FUNDER = "financeur", "Financeur"


class PersonRelation(models.TextChoices):
    CONTACT = "contact", "Contact"
    TESTIMONY = "temoignage", "Témoignage (a suivi le dispositif)"


# ---------------------------------------------------------------------------
# Vocabularies curators extend in the admin


class Vocabulary(RefusesNulCharacters, models.Model):
    value = models.SlugField(
        "valeur",
        max_length=60,
        unique=True,
        help_text="Identifiant stable utilisé dans les adresses et les imports (minuscules, "
        "sans accents ni espaces). Ne le changez pas une fois publié.",
    )
    label = models.CharField("libellé", max_length=120)
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class StructureKind(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "type de structure"
        verbose_name_plural = "types de structure"


class ProgrammeKind(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "type d’accompagnement"
        verbose_name_plural = "types d’accompagnement"


class Public(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "public"
        verbose_name_plural = "publics"


class Sector(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "secteur"
        verbose_name_plural = "secteurs"


class Format(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "format"
        verbose_name_plural = "formats"
