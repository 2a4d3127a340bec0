"""Proposals and error reports sent by visitors, waiting for a curator (see ``services``)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from essmap.validators import RefusesNulCharacters
from programmes.models import Programme, Structure
from territories.models import Territory


class SuggestionKind(models.TextChoices):
    STRUCTURE = "structure", "Nouvelle structure"
    PROGRAMME = "dispositif", "Nouveau dispositif"
    ERROR = "erreur", "Erreur signalée"


class SuggestionStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    REJECTED = "refusee", "Refusée"


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SuggestionStatus.PENDING)

    def for_scope(self, territories):
        """Suggestions a regional editor with these territories moderates: their territory is
        within them, or the entry they concern (or created) is (``EntryQuerySet.in_scope``)."""
        return self.filter(
            Q(territory__in=Territory.objects.within(*territories).values("pk"))
            | Q(structure__in=Structure.objects.in_scope(territories))
            | Q(programme__in=Programme.objects.in_scope(territories))
        )


class Suggestion(RefusesNulCharacters, models.Model):
    """A proposal or an error report sent by a visitor, waiting for a curator.

    For an error report, ``structure`` or ``programme`` is the entry concerned; for a new
    structure or programme, it is the draft created when the suggestion is accepted.
    Contact details are only for curators: no public page shows a suggestion.
    """

    kind = models.CharField("type", max_length=12, choices=SuggestionKind.choices)
    structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="structure concernée ou créée",
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="dispositif concerné ou créé",
    )
    name = models.CharField("nom proposé", max_length=200)
    message = models.TextField("description ou message", max_length=3000)
    website = models.URLField("site web ou source", blank=True)
    territory = models.ForeignKey(
        Territory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune ou territoire",
    )
    contact_name = models.CharField("nom de la personne", max_length=120, blank=True)
    contact_email = models.EmailField("courriel de la personne", blank=True)
    status = models.CharField(
        "état",
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(
        "motif du refus",
        max_length=1000,
        blank=True,
        help_text="Obligatoire pour refuser. Visible seulement dans l’administration.",
    )
    reviewed_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="traitée par",
    )
    reviewed_at = models.DateTimeField("traitée le", null=True, blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True, db_index=True)
    submitter_ip_hash = models.CharField(
        "empreinte de l’adresse IP",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Empreinte non réversible (HMAC avec la clé secrète) : repère les envois "
        "répétés d’une même connexion sans conserver l’adresse.",
    )

    objects = SuggestionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique de suggestion")

    class Meta:
        verbose_name = "suggestion du public"
        verbose_name_plural = "suggestions du public"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.name}"

    @property
    def entry(self):
        """The structure or programme concerned (or created on acceptance), if any."""
        return self.structure or self.programme

    @property
    def is_pending(self):
        return self.status == SuggestionStatus.PENDING
