"""One e-mail asking a structure whether its page is still true: to which address, when it was
sent, reminded and answered, and why it could not leave. The address is personal data: the row
is erased ``ESSMAP_UPDATE_REQUEST_RETENTION_DAYS`` after it was made (campaign.purge)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Answer(models.TextChoices):
    CONFIRMED = "confirmee", "Rien n’a changé"
    UPDATE = "mise-a-jour", "Mise à jour demandée"


class UpdateRequestQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(sent_at__isnull=False)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def due_for_reminder(self, before):
        """Sent before ``before``, never reminded nor answered, and whose structure answered
        no other request since (another manager of the same structure)."""
        answered = UpdateRequest.objects.filter(
            structure=models.OuterRef("structure"),
            answered_at__gte=models.OuterRef("created_at"),
        )
        return (
            self.sent()
            .unanswered()
            .filter(sent_at__lte=before, reminded_at__isnull=True)
            .exclude(models.Exists(answered))
        )


class UpdateRequest(models.Model):
    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        related_name="update_requests",
        verbose_name="structure",
    )
    email = models.EmailField("adresse", max_length=254)
    # The manager it went to; none when it went to the structure's recorded address.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gestionnaire",
    )
    created_at = models.DateTimeField("préparée le", default=timezone.now)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    reminded_at = models.DateTimeField("relancée le", null=True, blank=True)
    answered_at = models.DateTimeField("répondue le", null=True, blank=True)
    answer = models.CharField(
        "réponse", max_length=12, choices=Answer.choices, blank=True, default=""
    )
    # Delivery failures: the last error the mail server gave, how many attempts failed.
    failed_at = models.DateTimeField("échec d’envoi le", null=True, blank=True)
    failure = models.TextField("erreur d’envoi", blank=True, default="")
    failures = models.PositiveSmallIntegerField("échecs d’envoi", default=0)

    objects = UpdateRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de mise à jour"
        verbose_name_plural = "demandes de mise à jour"
        indexes = [models.Index(fields=["structure", "created_at"])]

    def __str__(self):
        return f"Demande {self.pk} · {self.structure_id}"
