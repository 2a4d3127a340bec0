"""Daily counters per structure: what happened to it, how many times, on which day. Nothing
about who: no address, no hash, no session — a client is told apart only by a key of the cache
that expires at midnight (audience/counts.py)."""

from django.db import models


class Event(models.TextChoices):
    VIEW = "vue", "vues de ses pages"
    PHONE = "telephone", "clics sur son téléphone"
    EMAIL = "courriel", "clics sur son courriel"
    WEBSITE = "site", "clics sur son site web"
    SELECTION = "selection", "ajouts à une sélection"
    ANSWER = "reponse", "apparitions dans une réponse"


# The contact links counted, by the name used in their address (/structures/<slug>/contact/<kind>/).
CONTACT_EVENTS = (Event.PHONE, Event.EMAIL, Event.WEBSITE)


class DailyCount(models.Model):
    structure = models.ForeignKey(
        "programmes.Structure",
        on_delete=models.CASCADE,
        related_name="audience_counts",
        verbose_name="structure",
    )
    day = models.DateField("jour", db_index=True)
    event = models.CharField("événement", max_length=12, choices=Event.choices)
    # The stage asked by the search (programmes.Stage) for an answer; "" otherwise, or when the
    # search named no stage or several.
    stage = models.CharField("étape", max_length=16, blank=True, default="")
    count = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "compteur d’audience"
        verbose_name_plural = "compteurs d’audience"
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "day", "event", "stage"], name="audience_one_counter"
            )
        ]

    def __str__(self):
        return f"{self.structure_id} {self.day} {self.event} {self.stage}: {self.count}"
