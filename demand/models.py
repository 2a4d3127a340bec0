"""Searches counted anonymously, for collectivities and networks: « Demandes sans réponse ».

One row is a counter: how many searches of one day, for one area, at one stage, had one
outcome — and, for searches that found nothing, with which normalised keywords. Nothing else
is kept: no address, no user agent, no time of day, no raw text (see ``demand.counting``).
"""

from django.db import models


class Outcome(models.TextChoices):
    # With a place, « local »: national programmes, open everywhere, do not count (see
    # ``orientation.views.lists.local_results``); without a place, every result counts.
    ZERO = "zero", "0 résultat local"
    FEW = "peu", "peu de résultats locaux (1 à 3)"
    SOME = "oui", "des résultats locaux (4 ou plus)"


# Areas that are not a département (``area`` otherwise holds a key: "dep-53", "reg-52").
NO_TERRITORY = ""
SEVERAL = "plusieurs"  # a grouping across départements, or whose départements are unknown
FRANCE = "FR"
# Stages that are not one stage (``stage`` otherwise holds a Stage value).
ANY_STAGE = ""
SEVERAL_STAGES = "plusieurs"


class SearchCount(models.Model):
    day = models.DateField("jour")
    area = models.CharField(
        "territoire",
        max_length=20,
        blank=True,
        help_text="Département du territoire cherché (dep-53), région (reg-52), France (FR), "
        "plusieurs départements (plusieurs) ou aucun territoire (vide).",
    )
    stage = models.CharField("étape", max_length=20, blank=True)
    outcome = models.CharField("résultat", max_length=4, choices=Outcome.choices)
    # Empty but for searches that found nothing; emptied after RETENTION_DAYS (purge_demand).
    keywords = models.CharField("mots-clés normalisés", max_length=120, blank=True)
    searches = models.PositiveIntegerField("recherches", default=0)

    class Meta:
        verbose_name = "recherches comptées"
        verbose_name_plural = "recherches comptées"
        constraints = [
            # The key of the upsert that counts a search in one statement (demand.counting):
            # no NULL in it, which would never conflict.
            models.UniqueConstraint(
                fields=["day", "area", "stage", "outcome", "keywords"],
                name="demand_searchcount_key",
            )
        ]
        indexes = [models.Index(fields=["keywords", "day"])]

    def __str__(self):
        return f"{self.day} {self.area or '-'} {self.stage or '-'} {self.outcome}: {self.searches}"
