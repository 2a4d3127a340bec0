"""Who keeps which structure's page: a person (a Django user without admin access) is a member
of a structure, as its manager (« gestionnaire » : edits the page, invites and removes
colleagues, decides claims) or its editor (« éditeur » : edits, does not invite)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    MANAGER = "manager", "gestionnaire"
    EDITOR = "editor", "éditeur"


class MembershipQuerySet(models.QuerySet):
    def of_user(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user, user__is_active=True)

    def managers(self):
        return self.filter(role=Role.MANAGER)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="personne",
    )
    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="structure",
    )
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    # Who added or removed whom, and when (a removal is a history record too).
    history = HistoricalRecords(verbose_name="historique des membres")

    class Meta:
        verbose_name = "membre d’une structure"
        verbose_name_plural = "membres des structures"
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="one_membership_per_person")
        ]

    def __str__(self):
        return f"{self.user} · {self.structure} ({self.get_role_display()})"
