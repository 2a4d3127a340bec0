"""What the curators review after a structure's team wrote its page: one :class:`ChangeReview`
per write, naming the history versions before and after (the diff the admin shows), who wrote,
and what waits for their approval before it is published (``withheld``)."""

from django.conf import settings
from django.db import models


class ReviewStatus(models.TextChoices):
    # Published at once; a curator looks at it afterwards.
    TO_SEE = "a_voir", "publiée, à voir"
    # Part of it (a new name, a regional or national reach, a new programme) waits.
    WAITING = "a_approuver", "en attente d’approbation"
    SEEN = "vue", "vue"
    APPROVED = "approuvee", "approuvée"
    REFUSED = "refusee", "refusée"
    RESTORED = "restauree", "version précédente restaurée"


OPEN_STATUSES = (ReviewStatus.TO_SEE, ReviewStatus.WAITING)


class ChangeReviewQuerySet(models.QuerySet):
    def open(self):
        """What the curators still have to look at or decide."""
        return self.filter(status__in=OPEN_STATUSES)

    def of_structure(self, structure):
        """The reviews of a structure's page and of its programmes' pages."""
        return self.filter(
            models.Q(structure=structure) | models.Q(programme__structures=structure)
        ).distinct()


class ChangeReview(models.Model):
    """One write by a structure's team: its entry (a structure or a programme), the history
    versions before and after it (``history_id`` of the entry's historical model: a structure's
    and a programme's histories are two tables), who wrote it and when."""

    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_reviews",
        verbose_name="structure",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_reviews",
        verbose_name="dispositif",
    )
    before_version = models.IntegerField("version avant", null=True, blank=True)
    after_version = models.IntegerField("version après", null=True, blank=True)
    # What waits for a curator: {"name": "…"}, {"territories": [ids]}, {"publish": true}.
    withheld = models.JSONField("en attente", default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="modifiée par",
    )
    created_at = models.DateTimeField("le", auto_now_add=True, db_index=True)
    status = models.CharField(
        "statut", max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.TO_SEE
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="revue par",
    )
    decided_at = models.DateTimeField("revue le", null=True, blank=True)

    objects = ChangeReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "modification par une structure"
        verbose_name_plural = "modifications par les structures"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(structure__isnull=True) ^ models.Q(programme__isnull=True),
                name="change_review_one_entry",
            )
        ]

    def __str__(self):
        return f"{self.entry} — {self.get_status_display()}"

    @property
    def entry(self):
        return self.structure or self.programme

    def version(self, history_id):
        if history_id is None:
            return None
        return type(self.entry).history.filter(history_id=history_id).first()

    @property
    def before(self):
        return self.version(self.before_version)

    @property
    def after(self):
        return self.version(self.after_version)
