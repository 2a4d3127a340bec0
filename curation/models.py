from django.db import models

from essmap.validators import RefusesNulCharacters
from territories.models import Territory, TerritoryKind


class EditorScope(RefusesNulCharacters, models.Model):
    """The régions and départements a regional editor curates: they edit only the entries
    located in, or serving a territory within, these (see ``curation.roles``)."""

    user = models.OneToOneField(
        "auth.User",
        on_delete=models.CASCADE,
        related_name="editor_scope",
        verbose_name="compte",
    )
    territories = models.ManyToManyField(
        Territory,
        verbose_name="régions et départements",
        limit_choices_to={"kind__in": [TerritoryKind.REGION, TerritoryKind.DEPARTEMENT]},
    )

    class Meta:
        verbose_name = "périmètre d’éditeur régional"
        verbose_name_plural = "périmètres des éditeurs régionaux"

    def __str__(self):
        return f"Périmètre de {self.user}"
