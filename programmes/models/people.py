"""People: contacts and testimonies, shown only with their consent."""

from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from essmap.validators import RefusesNulCharacters
from programmes.models.programmes import Programme
from programmes.models.structures import Structure
from programmes.models.vocabularies import PersonRelation

# ---------------------------------------------------------------------------
# People


class PersonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Person(RefusesNulCharacters, models.Model):
    name = models.CharField("nom", max_length=200)
    role = models.CharField("fonction", max_length=200, blank=True)
    structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="structure",
    )
    programmes = models.ManyToManyField(
        Programme, through="PersonProgramme", related_name="people", blank=True
    )
    is_public = models.BooleanField(
        "visible sur le site",
        default=False,
        help_text="Sans cette case, la personne n’apparaît sur aucune page publique.",
    )
    email = models.EmailField("courriel", blank=True)
    phone = PhoneNumberField("téléphone", blank=True)
    contact_is_public = models.BooleanField(
        "coordonnées publiques",
        default=False,
        help_text="Afficher le courriel et le téléphone sur le site "
        "(avec l’accord de la personne).",
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique de personne")

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} — {self.role}" if self.role else self.name


class PersonProgramme(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="person_links", verbose_name="dispositif"
    )
    relation = models.CharField(
        "lien", max_length=12, choices=PersonRelation.choices, default=PersonRelation.CONTACT
    )

    class Meta:
        verbose_name = "lien avec un dispositif"
        verbose_name_plural = "liens avec des dispositifs"
        constraints = [
            models.UniqueConstraint(fields=["person", "programme"], name="person_programme_unique")
        ]

    def __str__(self):
        return f"{self.programme} ({self.get_relation_display()})"
