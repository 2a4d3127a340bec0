"""Who keeps which structure's page: a person (a Django user without admin access) is a member
of a structure, as its manager (« gestionnaire » : edits the page, invites and removes
colleagues, decides claims) or its editor (« éditeur » : edits, does not invite)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from essmap.validators import RefusesNulCharacters
from programmes.models import Structure


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


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "en attente"
    ACCEPTED_AUTOMATICALLY = "accepted_automatically", "acceptée d’office (domaine vérifié)"
    ACCEPTED = "accepted", "acceptée"
    REFUSED = "refused", "refusée"


class ClaimRoute(models.TextChoices):
    """Who decides a claim (members/claims.py says which)."""

    AUTOMATIC = "automatic", "d’office : le domaine du courriel est celui de la structure"
    MANAGERS = "managers", "les gestionnaires de la structure"
    CURATORS = "curators", "les curateurs"


class ClaimQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ClaimStatus.PENDING)

    def for_curators(self):
        """What the curators' queue shows: the claims they decide, and those accepted d'office
        that they have not looked at yet."""
        return self.filter(models.Q(route=ClaimRoute.CURATORS) | models.Q(needs_curator_look=True))

    def for_scope(self, territories):
        """Claims about structures within a regional editor's territories."""
        return self.filter(structure__in=Structure.objects.in_scope(territories))


class Claim(RefusesNulCharacters, models.Model):
    """Someone asks to manage a structure's page (« Vous travaillez ici ? Gérer cette fiche »).
    The person's name and e-mail are kept until the decision and ``CLAIM_RETENTION_DAYS`` after
    it (members/claims.py), never published."""

    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name="structure",
    )
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("courriel professionnel", max_length=254)
    consented_at = models.DateTimeField("consentement donné le")
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    route = models.CharField("décidée par", max_length=10, choices=ClaimRoute.choices)
    status = models.CharField(
        "état", max_length=25, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    needs_curator_look = models.BooleanField(
        "à regarder par un curateur",
        default=False,
        help_text="Acceptée d’office sur le domaine du courriel : un curateur vérifie "
        "qu’elle est plausible.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidée par",
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    # What was sent, so that the commands are idempotent: reminders to the managers (0, 1 at
    # 3 days, 2 at 7 days) and the curators' last weekly digest that listed the claim.
    reminders_sent = models.PositiveSmallIntegerField("relances envoyées", default=0)
    in_digest_on = models.DateField("dernier récapitulatif des curateurs", null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de gestion d’une fiche"
        verbose_name_plural = "demandes de gestion des fiches"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} · {self.structure}"

    @property
    def is_pending(self):
        return self.status == ClaimStatus.PENDING


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True)


class Invitation(RefusesNulCharacters, models.Model):
    """A manager invites a colleague by e-mail; the membership is created at the colleague's
    first sign-in (members/invitations.py)."""

    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="structure",
    )
    email = models.EmailField("courriel", max_length=254)
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.EDITOR)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="invitée par",
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} · {self.structure}"
