"""A confirmed subscription to a search: an e-mail address and the ``/programmes/`` query
string it follows. Nothing is stored before the address is confirmed (the confirmation link
carries the address and the search, signed: see alerts/tokens.py), and unsubscribing deletes
the row: the address is kept for the digests only, as long as they are wanted."""

import secrets

from django.db import models

from essmap.validators import RefusesNulCharacters


class Subscription(RefusesNulCharacters, models.Model):
    email = models.EmailField("adresse électronique", max_length=254)
    query = models.CharField(
        "recherche",
        max_length=2000,
        help_text="Les paramètres de la liste des dispositifs (/programmes/?…) que l’alerte suit.",
    )
    # Random rather than signed: the one-click unsubscribe link must keep working whatever
    # happens to SECRET_KEY, for as long as messages carrying it sit in mailboxes.
    token = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField("confirmée le")
    covered_until = models.DateField(
        "nouveautés envoyées jusqu’au",
        help_text="Le prochain récapitulatif part des fiches publiées ou vérifiées ce jour-là "
        "ou après.",
    )
    last_week = models.CharField(
        "dernière semaine traitée",
        max_length=8,
        blank=True,
        default="",
        help_text="Semaine ISO (2026-W48) du dernier passage de send_alerts : jamais deux "
        "récapitulatifs la même semaine.",
    )

    class Meta:
        verbose_name = "abonnement aux alertes"
        verbose_name_plural = "abonnements aux alertes"
        constraints = [
            models.UniqueConstraint(fields=["email", "query"], name="alerts_one_per_search")
        ]
        permissions = [
            ("moderate_subscription", "Peut voir et supprimer les abonnements aux alertes"),
        ]

    def __str__(self):
        return f"Alerte {self.pk}"

    def save(self, *args, **kwargs):
        # Set here rather than as a field default, which the migration would have to import.
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def masked_email(self):
        """The address as the admin's list shows it: enough to recognise, not to copy
        (« c…@exemple.fr »)."""
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain}"
