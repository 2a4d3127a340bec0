"""Programmes (dispositifs): what a structure offers at a stage of a project, and the
structures involved in each."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.urls import reverse
from simple_history.models import HistoricalRecords

from programmes.models.entries import ENTRY_M2M, HISTORY_EXCLUDED, Citation, Entry, EntryQuerySet
from programmes.models.structures import AreaServed, Structure, network_to_call, served_rows
from programmes.models.vocabularies import (
    STAGE_FIELDS,
    YEAR_VALIDATORS,
    Format,
    ProgrammeKind,
    ProgrammeStatus,
    PublicationStatus,
    Stage,
    StructureRole,
)
from territories.models import Territory

# ---------------------------------------------------------------------------
# Programmes


def published_operator(**conditions):
    """Whether a programme has a published operator (meeting ``conditions`` on its link)."""
    return Exists(
        ProgrammeStructure.objects.filter(
            programme=OuterRef("pk"),
            role=StructureRole.OPERATOR,
            structure__publication_status=PublicationStatus.PUBLISHED,
            **conditions,
        )
    )


class ProgrammeQuerySet(EntryQuerySet):
    def located_in(self, territories):
        """Condition: one of the programme's operators is seated in ``territories``."""
        return Exists(
            ProgrammeStructure.objects.filter(
                programme=OuterRef("pk"),
                role=StructureRole.OPERATOR,
                structure__commune__in=territories,
            )
        )

    def seats(self):
        return (
            ProgrammeStructure.objects.filter(
                programme__in=self.values("pk"), role=StructureRole.OPERATOR
            )
            .exclude(structure__commune=None)
            .values_list("programme_id", "structure__commune_id")
        )

    def at_stage(self, *stages):
        """Programmes open at any of ``stages`` (values of :class:`Stage`)."""
        condition = Q()
        for stage in stages:
            condition |= Q(**{STAGE_FIELDS[Stage(stage)]: True})
        return self.filter(condition) if stages else self

    def current(self):
        return self.exclude(status=ProgrammeStatus.ENDED)

    def operated(self):
        """Programmes with at least one published operator: those a visitor can be sent to
        someone for (the open data export's services, which must name their structure)."""
        return self.filter(published_operator())

    def in_rural_territory(self):
        """Programmes with a published operator whose seat is in a rural commune."""
        return self.filter(published_operator(structure__commune__rural=True))

    def serving(self, territory, partly=False):
        """Programmes available in ``territory`` (one query); with ``partly``, also those
        available in only part of it (a commune of a département…).

        A programme serves the territories it lists; one that lists none inherits those of
        its operating structures.
        """
        covering = Territory.objects.covering(territory, partly)
        return self.filter(
            Exists(ServedArea.objects.filter(programme=OuterRef("pk"), territory__in=covering))
        )

    def with_distance_from(self, territory):
        """Annotate ``distance_km``: from the territory's centre to the nearest operating
        structure (one subquery, so lists stay at a fixed number of queries)."""
        if territory.latitude is None or territory.longitude is None:
            return self.annotate(distance_km=Value(None, output_field=models.FloatField()))
        nearest = (
            Structure.objects.filter(
                programme_links__programme=OuterRef("pk"),
                programme_links__role=StructureRole.OPERATOR,
                publication_status=PublicationStatus.PUBLISHED,
            )
            .with_distance_from(territory)
            .exclude(distance_km__isnull=True)
            .order_by("distance_km")
            .values("distance_km")[:1]
        )
        return self.annotate(distance_km=Subquery(nearest, output_field=models.FloatField()))

    def with_reach(self, territory):
        """Annotate ``reach_scale``: how local the programme's coverage of ``territory`` is —
        the smallest of its territories (or, when it lists none, its operators') that contain
        ``territory`` (see ``territories.models.SCALE``), read from its served areas."""
        nearest = ServedArea.objects.filter(
            programme=OuterRef("pk"), territory__in=territory.covering_ids()
        ).order_by("scale", "approximate")
        return self.annotate(
            reach_scale=Subquery(nearest.values("scale")[:1], output_field=models.IntegerField()),
            reach_approximate=Subquery(
                nearest.values("approximate")[:1], output_field=models.BooleanField()
            ),
        )

    def run_by_kind(self, *values):
        return self.filter(
            Exists(
                ProgrammeStructure.objects.filter(
                    programme=OuterRef("pk"),
                    role=StructureRole.OPERATOR,
                    structure__kind__value__in=values,
                )
            )
        )

    def orientation_sheet(self, territory):
        """What a territory's orientation sheet lists: the published, current programmes that
        serve it, with reach and distance, most local then nearest first, each with its
        published next steps — a fixed number of queries whatever their number."""
        next_steps = Programme.objects.published().current().order_by("name")
        return (
            self.published()
            .current()
            .serving(territory)
            # What a sheet entry shows: who runs it and how to reach them, its next steps
            # (not its publics, sectors, formats or territories: four queries saved).
            .select_related("kind")
            .prefetch_related(
                published_structure_links(),
                models.Prefetch("next_steps", queryset=next_steps),
            )
            .with_distance_from(territory)
            .with_reach(territory)
            .order_by(
                models.F("reach_scale").asc(nulls_last=True),
                models.F("distance_km").asc(nulls_last=True),
                "name",
            )
        )

    def for_listing(self):
        """Everything a list row shows, in a fixed number of queries whatever the page size.

        Only published structures are attached: a public page never links to a draft. Each
        comes with how to reach it: its commune, and the network to call when it has no
        contact of its own (``network_to_call``, a column of the same query).
        """
        return self.select_related("kind").prefetch_related(
            published_structure_links(),
            "formats",
            "territories",
            "publics",
            "sectors",
        )


def published_structure_links():
    """The prefetch of a programme's published structures (``structure_links``), by role then
    name, each with its commune and the network to call (see ``programmes.contact``)."""
    return models.Prefetch(
        "structure_links",
        queryset=ProgrammeStructure.objects.filter(
            structure__publication_status=PublicationStatus.PUBLISHED
        )
        .select_related("structure", "structure__commune")
        .annotate(network_to_call=network_to_call("structure_id"))
        .order_by("role", "structure__name"),
    )


class Programme(Entry):
    kind = models.ForeignKey(
        ProgrammeKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="type d’accompagnement",
    )
    stage_idee = models.BooleanField("étape idée", default=False)
    stage_creation = models.BooleanField("étape création", default=False)
    stage_developpement = models.BooleanField("étape développement", default=False)
    formats = models.ManyToManyField(Format, blank=True, verbose_name="formats")
    duration = models.CharField("durée", max_length=200, blank=True)
    is_free = models.BooleanField(
        "gratuit",
        null=True,
        blank=True,
        help_text="Oui si gratuit pour la personne accompagnée ; vide si la source ne le dit pas.",
    )
    cost_details = models.CharField("coût (précisions)", max_length=300, blank=True)
    eligibility = models.TextField("conditions d’accès", blank=True)
    how_to_apply = models.TextField("comment candidater", blank=True)
    key_figures = models.TextField(
        "chiffres clés",
        blank=True,
        help_text="Avec leur année, ex. « 12 projets accompagnés (2019) ».",
    )
    status = models.CharField(
        "statut", max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    start_year = models.PositiveSmallIntegerField(
        "année de début", null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        "année de fin", null=True, blank=True, validators=YEAR_VALIDATORS
    )
    structures = models.ManyToManyField(
        Structure,
        through="ProgrammeStructure",
        related_name="programmes",
        verbose_name="structures",
    )
    next_steps = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="previous_steps",
        verbose_name="et après ?",
        help_text="Dispositifs vers lesquels une personne se tourne ensuite.",
    )

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=HISTORY_EXCLUDED,
        m2m_fields=[*ENTRY_M2M, "formats", "next_steps"],
        verbose_name="historique de dispositif",
    )

    class Meta(Entry.Meta):
        verbose_name = "dispositif"
        verbose_name_plural = "dispositifs"
        indexes = [
            models.Index(fields=["status"]),
        ]

    def clean(self):
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = "L’année de fin précède l’année de début."
        if self.status == ProgrammeStatus.ENDED and not self.end_year:
            errors["end_year"] = "Indiquez l’année de fin d’un dispositif terminé."
        if errors:
            raise ValidationError(errors)

    @property
    def stages(self):
        return [stage for stage, field in STAGE_FIELDS.items() if getattr(self, field)]

    @property
    def operators(self):
        return [link.structure for link in self.structure_links.all() if link.role == "operateur"]

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", args=[self.slug])


class ProgrammeStructure(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="structure_links"
    )
    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        related_name="programme_links",
        verbose_name="structure",
    )
    role = models.CharField(
        "rôle", max_length=12, choices=StructureRole.choices, default=StructureRole.OPERATOR
    )
    history = HistoricalRecords(verbose_name="historique des structures impliquées")

    class Meta:
        verbose_name = "structure impliquée"
        verbose_name_plural = "structures impliquées"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "structure", "role"], name="programme_structure_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.structure} ({self.get_role_display()})"


class ProgrammeSource(Citation):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"


class ServedAreaQuerySet(models.QuerySet):
    def rebuild(self, programme_ids):
        """Recompute the served areas of these programmes from their territories and their
        operators' (two reads, one delete, one insert)."""
        programme_ids = list(programme_ids)
        own = Programme.territories.through.objects.filter(programme__in=programme_ids)
        areas = {}
        for programme_id, territory_id, kind in own.values_list(
            "programme_id", "territory_id", "territory__kind"
        ):
            areas.setdefault(programme_id, {})[territory_id] = kind
        inherited = Structure.territories.through.objects.filter(
            structure__programme_links__programme__in=set(programme_ids) - set(areas),
            structure__programme_links__role=StructureRole.OPERATOR,
        ).values_list("structure__programme_links__programme", "territory_id", "territory__kind")
        borrowed = {}
        for programme_id, territory_id, kind in inherited:
            borrowed.setdefault(programme_id, {})[territory_id] = kind
        areas.update(borrowed)
        rows = served_rows(areas)
        self.filter(programme__in=programme_ids).delete()
        self.bulk_create(
            ServedArea(
                programme_id=programme_id,
                territory_id=territory_id,
                scale=scale,
                approximate=approximate,
            )
            for (programme_id, territory_id), (scale, approximate) in rows.items()
        )


class ServedArea(AreaServed):
    """Where a programme is available: the territories it lists or, when it lists none, those
    of its operating structures (instead of an OR over two joins per programme)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="served_areas")

    objects = ServedAreaQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire desservi"
        verbose_name_plural = "territoires desservis"
        constraints = [
            models.UniqueConstraint(fields=["territory", "programme"], name="served_area_unique")
        ]

    def __str__(self):
        return f"{self.programme_id} → {self.territory_id}"
