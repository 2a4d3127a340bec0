"""Searches counted anonymously, for collectivities and networks: « Demandes sans réponse ».

A :class:`SearchCount` row is a counter: how many searches of one day, for one area, at one
stage, had one outcome. Nothing else is kept there: no address, no user agent, no time of day,
no text.

A :class:`RecentSearch` row is one counted search of the last days, with a keyed hash of the
client's address *for that day* (never the address) and its hour: the counting writes a search
only if the same client did not search the same place at the same stage within that hour, and
the page shows a keyword only when several clients typed it (see ``demand.counting``). These
rows are erased the next day, or after ``RETENTION_DAYS`` for those with keywords.
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
    searches = models.PositiveIntegerField("recherches", default=0)

    class Meta:
        verbose_name = "recherches comptées"
        verbose_name_plural = "recherches comptées"
        constraints = [
            # The key of the upsert that counts a search in one statement (demand.counting):
            # no NULL in it, which would never conflict.
            models.UniqueConstraint(
                fields=["day", "area", "stage", "outcome"],
                name="demand_searchcount_day_area_stage_outcome",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.area or '-'} {self.stage or '-'} {self.outcome}: {self.searches}"


# Hex characters of the client hash kept (of the 64 of HMAC-SHA256): 128 bits, no collision to
# fear between the clients of one day.
CLIENT_HASH_LENGTH = 32


class RecentSearch(models.Model):
    day = models.DateField("jour")
    hour = models.PositiveSmallIntegerField("heure")
    client = models.CharField(
        "empreinte du client pour le jour",
        max_length=CLIENT_HASH_LENGTH,
        help_text="Empreinte non réversible de l’adresse du client et du jour (HMAC avec la clé "
        "secrète) : une autre chaque jour, jamais l’adresse.",
    )
    area = models.CharField("territoire", max_length=20, blank=True)
    stage = models.CharField("étape", max_length=20, blank=True)
    # Empty but for searches that found nothing, and never contact details (counting).
    keywords = models.CharField("mots-clés normalisés", max_length=120, blank=True)

    class Meta:
        verbose_name = "recherche récente"
        verbose_name_plural = "recherches récentes"
        constraints = [
            # One search per client, place and stage an hour: the counting inserts with
            # ON CONFLICT DO NOTHING and counts only what was inserted.
            models.UniqueConstraint(
                fields=["day", "hour", "client", "area", "stage"],
                name="demand_recentsearch_once_an_hour",
            )
        ]
        indexes = [models.Index(fields=["day", "keywords"], name="demand_recent_day_keywords")]

    def __str__(self):
        return f"{self.day} {self.hour} h {self.area or '-'} {self.stage or '-'}"
