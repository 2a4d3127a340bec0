"""Structures: the organisations that support projects."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from programmes.models.entries import ENTRY_M2M, HISTORY_EXCLUDED, Citation, Entry, EntryQuerySet
from programmes.models.vocabularies import YEAR_VALIDATORS, PublicationStatus, StructureKind
from territories.geo import distance_km
from territories.models import Territory, TerritoryKind

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

    def with_network_to_call(self):
        """Annotate ``network_to_call`` (see :func:`network_to_call`), in the same query."""
        return self.annotate(network_to_call=network_to_call("pk"))

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


def network_to_call(structure):
    """Subquery: the network to call for the structure ``structure`` refers to (a field of
    the outer query, e.g. ``"pk"`` or ``"structure_id"``) when it cannot be reached directly —
    one of its published networks, those with a website, e-mail or phone first, then by name —
    as ``{"name", "slug", "website", "email", "phone"}``, or None when it belongs to none.
    A column of the outer query, so a list shows it in no query of its own."""
    through = Structure.networks.through
    reachable = (
        ~Q(to_structure__website="") | ~Q(to_structure__email="") | ~Q(to_structure__phone="")
    )
    networks = (
        through.objects.filter(
            from_structure=OuterRef(structure),
            to_structure__publication_status=PublicationStatus.PUBLISHED,
        )
        .annotate(unreachable=Case(When(reachable, then=Value(0)), default=Value(1)))
        .order_by("unreachable", "to_structure__name", "to_structure_id")
        .values(
            network=JSONObject(
                name="to_structure__name",
                slug="to_structure__slug",
                website="to_structure__website",
                email="to_structure__email",
                phone="to_structure__phone",
            )
        )[:1]
    )
    return Subquery(networks, output_field=models.JSONField())


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

    def get_absolute_url(self):
        return reverse("programmes:structure_detail", args=[self.slug])


class StructureSource(Citation):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"
