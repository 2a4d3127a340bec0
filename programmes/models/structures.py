"""Structures: the organisations that support projects."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from programmes.models.entries import ENTRY_M2M, HISTORY_EXCLUDED, Citation, Entry, EntryQuerySet
from programmes.models.vocabularies import (
    GENERAL_STAGE_FIELDS,
    STAGE_FIELDS,
    YEAR_VALIDATORS,
    ProgrammeStatus,
    PublicationStatus,
    Stage,
    StructureKind,
    StructureRole,
)
from territories.geo import distance_km
from territories.models import SCALE, Territory, TerritoryKind

# Kinds of structure (``StructureKind`` values) that fund or govern rather than accompany:
# they reach a person's stage lists only through the programmes they run, never through a
# general accompaniment of their own (issue 12: funders and collectivities stay out).
NOT_ACCOMPANYING_KINDS = ("financeur", "collectivite")

# ---------------------------------------------------------------------------
# Structures


class StructureQuerySet(EntryQuerySet):
    def located_in(self, territories):
        """Condition: the structure's seat commune is one of ``territories`` (a queryset)."""
        return Q(commune__in=territories)

    def seats(self):
        return self.exclude(commune=None).values_list("pk", "commune_id")

    def in_rural_territory(self):
        """Structures whose seat is in a rural commune."""
        return self.filter(commune__rural=True)

    def serving(self, territory, partly=False):
        """Structures whose territories served contain ``territory`` (one query); with
        ``partly``, also those serving only part of it."""
        covering = Territory.objects.covering(territory, partly)
        served = Structure.territories.through.objects.filter(
            structure=OuterRef("pk"), territory__in=covering
        )
        return self.filter(Exists(served))

    def present_in(self, territory, partly=False):
        """Structures a person meets in ``territory``: those whose territories served contain
        it (``serving``); those that list none but are seated in it; and those that list none
        and have no seat but take part (any role) in a published, current programme serving
        it — the sources then name them only through it — « aussi sur votre territoire »
        (issue 24 §8: a structure that serves a place is findable there)."""
        covering = Territory.objects.covering(territory, partly)
        through = Structure.territories.through.objects
        served = through.filter(structure=OuterRef("pk"), territory__in=covering)
        listed = through.filter(structure=OuterRef("pk"))
        # The seat is the territory or lies in it: one indexed lookup in the containment table
        # (``Territory.objects.within`` is an OR over a join that PostgreSQL scans whole).
        seated = Q(commune=territory) | Exists(
            Territory.containers.through.objects.filter(
                from_territory=OuterRef("commune"), to_territory=territory
            )
        )
        taking_part = Exists(
            self._current_links().filter(
                programme__served_areas__territory__in=covering,
            )
        )
        return self.filter(
            Exists(served)
            | (~Exists(listed) & seated)
            | (~Exists(listed) & Q(commune=None) & taking_part)
        )

    @staticmethod
    def _current_links():
        """The links of the outer structure to published, current programmes."""
        return (
            apps.get_model("programmes", "ProgrammeStructure")
            .objects.filter(
                structure=OuterRef("pk"),
                programme__publication_status=PublicationStatus.PUBLISHED,
            )
            .exclude(programme__status=ProgrammeStatus.ENDED)
        )

    def with_presence_scale(self, territory):
        """Annotate ``presence_scale``: the scale (``territories.models.SCALE``) of the most
        local of the structure's territories containing ``territory``, else of the most local
        area, containing it, of a current programme it takes part in; a commune's for a
        structure present through its seat or through part of the place only."""
        scale = Case(
            *(When(territory__kind=kind, then=Value(value)) for kind, value in SCALE.items()),
            output_field=models.IntegerField(),
        )
        covering = territory.covering_ids()
        own = (
            Structure.territories.through.objects.filter(
                structure=OuterRef("pk"), territory__in=covering
            )
            .annotate(scale=scale)
            .order_by("scale")
            .values("scale")[:1]
        )
        through_programmes = (
            self._current_links()
            .filter(programme__served_areas__territory__in=covering)
            .order_by("programme__served_areas__scale")
            .values("programme__served_areas__scale")[:1]
        )
        return self.annotate(
            presence_scale=Coalesce(
                Subquery(own, output_field=models.IntegerField()),
                Subquery(through_programmes, output_field=models.IntegerField()),
                Value(SCALE[TerritoryKind.COMMUNE]),
            )
        )

    def operating(self, programmes):
        """Structures that operate any of ``programmes`` (a queryset): those a programme card
        names (« Porté par »)."""
        links = apps.get_model("programmes", "ProgrammeStructure").objects.filter(
            structure=OuterRef("pk"),
            role=StructureRole.OPERATOR,
            programme__in=programmes.values("pk"),
        )
        return self.filter(Exists(links))

    def accompanying(self, *stages):
        """Structures whose general accompaniment (their standing offer, beside their
        programmes) covers any of ``stages`` — any stage when none is given; never a funder or
        a collectivity (``NOT_ACCOMPANYING_KINDS``)."""
        condition = Q()
        for stage in stages or Stage:
            condition |= Q(**{GENERAL_STAGE_FIELDS[Stage(stage)]: True})
        return self.filter(condition).exclude(kind__value__in=NOT_ACCOMPANYING_KINDS)

    def generally_serving(self, territory, partly=False):
        """Structures whose general accompaniment is available in ``territory`` (their
        ``StructureServedArea``: their territories, else their seat's département); with
        ``partly``, also in only part of it."""
        covering = Territory.objects.covering(territory, partly)
        return self.filter(
            Exists(
                StructureServedArea.objects.filter(structure=OuterRef("pk"), territory__in=covering)
            )
        )

    def with_general_reach(self, territory):
        """Annotate ``reach_scale`` and ``reach_approximate`` as ``with_reach`` does for
        programmes: the most local of the structure's served areas containing ``territory``;
        without a territory, the widest (the structure open to the most people first)."""
        areas = StructureServedArea.objects.filter(structure=OuterRef("pk"))
        if territory is None:
            nearest = areas.order_by("-scale", "approximate")
        else:
            nearest = areas.filter(territory__in=territory.covering_ids()).order_by(
                "scale", "approximate"
            )
        return self.annotate(
            reach_scale=Subquery(nearest.values("scale")[:1], output_field=models.IntegerField()),
            reach_approximate=Subquery(
                nearest.values("approximate")[:1], output_field=models.BooleanField()
            ),
        )

    def general_accompaniment(self, territory=None, stages=(), partly=False):
        """What answers "who accompanies at this stage, here" besides programmes: published
        structures whose general accompaniment covers ``stages`` in ``territory``, each with
        its kind, commune, network to call (how to reach it), reach and distance — one query
        whatever their number — most local then nearest first (widest first without a
        territory)."""
        structures = self.published().accompanying(*stages)
        if territory is not None:
            structures = structures.generally_serving(territory, partly).with_distance_from(
                territory
            )
        ordering = [F("reach_scale").asc(nulls_last=True)]
        if territory is None:
            ordering = [F("reach_scale").desc(nulls_last=True)]
        elif territory.latitude is not None and territory.longitude is not None:
            # Without coordinates the distance is a constant, which PostgreSQL refuses to
            # order by (and which would order nothing).
            ordering.append(F("distance_km").asc(nulls_last=True))
        return (
            structures.select_related("kind", "commune")
            .with_network_to_call()
            .with_general_reach(territory)
            .order_by(*ordering, "name", "pk")
        )

    def with_programme_stages(self):
        """Annotate ``programme_stage_idee``, ``…_creation``, ``…_developpement``: whether the
        structure runs a published, current programme open at that stage (``programme_stages``
        reads them). With its general accompaniment, the stages a structure serves: what a
        selection's sheet says of it, rather than « voir ses dispositifs sur sa fiche »."""
        # The programme links, by the reverse relation: programmes.py imports this module.
        links = self.model._meta.get_field("programme_links").related_model
        runs = links.objects.filter(
            structure=OuterRef("pk"),
            role=StructureRole.OPERATOR,
            programme__publication_status=PublicationStatus.PUBLISHED,
        ).exclude(programme__status=ProgrammeStatus.ENDED)
        return self.annotate(
            **{
                f"programme_{field}": Exists(runs.filter(**{f"programme__{field}": True}))
                for field in STAGE_FIELDS.values()
            }
        )

    def with_network_to_call(self):
        """Annotate ``network_to_call`` (see :func:`network_to_call`), in the same query."""
        return self.annotate(network_to_call=network_to_call("pk"))

    def dead_ends(self):
        """Published structures that nobody can reach: no website, e-mail or phone, and no
        network up the chain that has one (``network_to_call`` is None) — each one a task on
        the curators' dashboard (issue 24, item 9), since every page can only say « aucune
        coordonnée recensée » for them."""
        return (
            self.published()
            .filter(website="", email="", phone="")
            .with_network_to_call()
            .filter(network_to_call__isnull=True)
        )

    def with_distance_from(self, territory):
        """Annotate ``distance_km`` from the territory's centre to the structure (its own
        coordinates, else its seat commune's centre); None when either point is unknown."""
        if territory.latitude is None or territory.longitude is None:
            return self.annotate(distance_km=Value(None, output_field=models.FloatField()))
        return self.annotate(
            distance_km=distance_km(
                territory.latitude,
                territory.longitude,
                Coalesce("latitude", "commune__latitude"),
                Coalesce("longitude", "commune__longitude"),
            )
        )


# How far up the chain of networks the network to call is looked for: the structure's own
# network (a CRESS), that network's network (ESS France), and one more. Each level is one more
# subquery of the same column — a list still reads it in no query of its own — and the
# shipped chains are at most two long (issue 24, item 9).
NETWORK_CHAIN_DEPTH = 3


def _reachable(path):
    """Condition: the structure at ``path`` has a website, e-mail or phone (positive lookups,
    so that every condition of a level shares the level's joins)."""
    return (
        Q(**{f"{path}__website__gt": ""})
        | Q(**{f"{path}__email__gt": ""})
        | Q(**{f"{path}__phone__gt": ""})
    )


def network_to_call(structure):
    """Subquery: the network to call for the structure ``structure`` refers to (a field of
    the outer query, e.g. ``"pk"`` or ``"structure_id"``) when it cannot be reached directly:
    the nearest published network, up the chain of networks (``NETWORK_CHAIN_DEPTH`` levels,
    through published networks only), that has a website, e-mail or phone — by name at each
    level — as ``{"name", "slug", "website", "email", "phone", "via_name", "via_slug"}``
    (``via_…``: the structure's own network the chain starts from, the same network when it
    answers itself), or None when no network of the chain can be reached: a network without
    any contact is never the one to call. A column of the outer query, so a list shows it in
    no query of its own."""
    levels = [_climb(OuterRef(structure), depth, 0) for depth in range(1, NETWORK_CHAIN_DEPTH + 1)]
    return Coalesce(*levels, output_field=models.JSONField())


def _climb(member, depth, nesting):
    """Subquery: the first reachable network exactly ``depth`` levels above ``member``.

    Each level is a subquery correlated to the network below it (never one join of every
    level, which PostgreSQL may order from the wrong end: one such query took 14 s on a test
    database without statistics), so every step is an index lookup of one structure's
    networks. ``nesting``: how many queries up the structure's own network is, named in
    ``via_…``."""
    through = Structure.networks.through
    rows = through.objects.filter(
        from_structure=member, to_structure__publication_status=PublicationStatus.PUBLISHED
    ).order_by("to_structure__name", "to_structure_id")
    if depth > 1:
        found = _climb(OuterRef("to_structure"), depth - 1, nesting + 1)
        return Subquery(
            rows.annotate(found=found).filter(found__isnull=False).values("found")[:1],
            output_field=models.JSONField(),
        )

    def own_network(field):
        if nesting == 0:
            return F(f"to_structure__{field}")
        expression = OuterRef(f"to_structure__{field}")
        for _ in range(nesting - 1):
            expression = OuterRef(expression)
        return expression

    return Subquery(
        rows.filter(_reachable("to_structure")).values(
            network=JSONObject(
                name="to_structure__name",
                slug="to_structure__slug",
                website="to_structure__website",
                email="to_structure__email",
                phone="to_structure__phone",
                via_name=own_network("name"),
                via_slug=own_network("slug"),
            )
        )[:1],
        output_field=models.JSONField(),
    )


class Structure(Entry):
    kind = models.ForeignKey(
        StructureKind, on_delete=models.PROTECT, verbose_name="type de structure"
    )
    legal_form = models.CharField(
        "forme juridique",
        max_length=120,
        blank=True,
        help_text="Ex. SCOP SA, SCIC SAS, association",
    )
    founded_year = models.PositiveSmallIntegerField(
        "année de création", null=True, blank=True, validators=YEAR_VALIDATORS
    )
    address = models.CharField("adresse", max_length=300, blank=True)
    postcode = models.CharField(
        "code postal",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", "Un code postal compte 5 chiffres.")],
    )
    commune = models.ForeignKey(
        Territory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seated_structures",
        limit_choices_to={"kind": TerritoryKind.COMMUNE},
        verbose_name="commune du siège",
    )
    latitude = models.FloatField(
        "latitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        "longitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    general_stage_idee = models.BooleanField("accompagnement général : idée", default=False)
    general_stage_creation = models.BooleanField("accompagnement général : création", default=False)
    general_stage_developpement = models.BooleanField(
        "accompagnement général : développement", default=False
    )
    email = models.EmailField("courriel", blank=True)
    phone = PhoneNumberField("téléphone", blank=True)
    partners = models.ManyToManyField("self", blank=True, verbose_name="structures partenaires")
    networks = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="network_members",
        verbose_name="réseaux d’appartenance",
    )

    objects = StructureQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=HISTORY_EXCLUDED,
        m2m_fields=[*ENTRY_M2M, "partners", "networks"],
        verbose_name="historique de structure",
    )

    class Meta(Entry.Meta):
        verbose_name = "structure"
        verbose_name_plural = "structures"

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Renseignez la latitude et la longitude, ou aucune des deux.")
        kind = self.kind if self.kind_id else None
        if self.general_stages and kind is not None and kind.value in NOT_ACCOMPANYING_KINDS:
            raise ValidationError(
                {
                    "general_stage_idee": f"Une structure de type « {kind} » n’a pas "
                    "d’accompagnement général : elle n’apparaît aux étapes que par les "
                    "dispositifs qu’elle porte."
                }
            )

    @property
    def general_stages(self):
        """The stages of the structure's general accompaniment, in their order."""
        return [stage for stage, field in GENERAL_STAGE_FIELDS.items() if getattr(self, field)]

    @property
    def programme_stages(self):
        """The stages of the programmes it runs, once ``with_programme_stages`` ran."""
        return [
            stage
            for stage, field in STAGE_FIELDS.items()
            if getattr(self, f"programme_{field}", False)
        ]

    @property
    def served_stages(self):
        """Its general accompaniment's stages and its programmes', in their order."""
        served = {*self.general_stages, *self.programme_stages}
        return [stage for stage in Stage if stage in served]

    def get_absolute_url(self):
        return reverse("programmes:structure_detail", args=[self.slug])


class StructureSource(Citation):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="citations")
    # Which of the structure's contact facts this document gives: the structure's page shows
    # each phone and e-mail with the page it comes from and that page's own date
    # (« d’après la page … du 7 février 2014 »), a number read on a 2014 page not being one
    # checked today (issue 24, item 9).
    gives_phone = models.BooleanField("donne le téléphone", default=False)
    gives_email = models.BooleanField("donne le courriel", default=False)

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"


# ---------------------------------------------------------------------------
# Where each structure's general accompaniment is available


def served_rows(areas):
    """{(entry id, territory id): (scale, approximate)} from {entry id: {territory id: kind}}:
    each territory at its own scale and, for a grouping whose members are unknown, the
    départements it lies in, flagged as an approximate perimeter (``Territory.lies_in``) —
    the rule programmes' and structures' served areas share."""
    listed = {t for territories in areas.values() for t in territories}
    lies_in = {}
    for grouping, departement in Territory.lies_in.through.objects.filter(
        from_territory__in=listed, from_territory__membership_complete=False
    ).values_list("from_territory_id", "to_territory_id"):
        lies_in.setdefault(grouping, []).append(departement)
    rows = {}
    for entry_id, territories in areas.items():
        for territory_id, kind in territories.items():
            rows[entry_id, territory_id] = (SCALE[TerritoryKind(kind)], False)
        for territory_id in territories:
            for departement in lies_in.get(territory_id, ()):
                rows.setdefault((entry_id, departement), (SCALE[TerritoryKind.DEPARTEMENT], True))
    return rows


class StructureServedAreaQuerySet(models.QuerySet):
    def rebuild(self, structure_ids):
        """Recompute where the general accompaniment of these structures is available: their
        territories, else their seat commune's département; nothing for a structure that
        declares none (a few reads, one delete, one insert)."""
        structure_ids = list(structure_ids)
        accompanying = set(
            Structure.objects.filter(pk__in=structure_ids)
            .accompanying()
            .values_list("pk", flat=True)
        )
        areas = {}
        own = Structure.territories.through.objects.filter(structure__in=accompanying)
        for structure_id, territory_id, kind in own.values_list(
            "structure_id", "territory_id", "territory__kind"
        ):
            areas.setdefault(structure_id, {})[territory_id] = kind
        seated = Structure.objects.filter(
            pk__in=accompanying - set(areas),
            commune__containers__kind=TerritoryKind.DEPARTEMENT,
        ).values_list("pk", "commune__containers")
        for structure_id, departement in seated:
            areas.setdefault(structure_id, {})[departement] = TerritoryKind.DEPARTEMENT
        self.filter(structure__in=structure_ids).delete()
        self.bulk_create(
            StructureServedArea(
                structure_id=structure_id,
                territory_id=territory_id,
                scale=scale,
                approximate=approximate,
            )
            for (structure_id, territory_id), (scale, approximate) in served_rows(areas).items()
        )


class AreaServed(models.Model):
    """Where an entry is available, with the scale of each territory: derived data, rebuilt
    with the entry's search document (``search.documents.refresh``), which every write path
    reaches, so that "what serves this place" is one indexed lookup."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    scale = models.PositiveSmallIntegerField()
    # Reached through a grouping's départements, its members being unknown (Territory.lies_in).
    approximate = models.BooleanField(default=False)

    # Not a write of its own to the content version (essmap.cache): it is rebuilt with the
    # search documents, after which the version changes; a receiver would also deny it fast
    # deletion.
    DERIVED = True

    class Meta:
        abstract = True


class StructureServedArea(AreaServed):
    """Where a structure's general accompaniment is available: the territories it lists or,
    when it lists none, its seat commune's département. Only structures that declare a
    general accompaniment have rows."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="general_served_areas"
    )

    objects = StructureServedAreaQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire desservi (accompagnement général)"
        verbose_name_plural = "territoires desservis (accompagnement général)"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "structure"], name="structure_served_area_unique"
            )
        ]

    def __str__(self):
        return f"{self.structure_id} → {self.territory_id}"
