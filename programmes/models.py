import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from essmap.slugs import unique_slug
from territories.geo import distance_km
from territories.models import Territory, TerritoryKind, reach_label, scale_of

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2100)]


class Stage(models.TextChoices):
    """The three stages of a project: a fixed vocabulary, used in URLs (``etape=``)."""

    IDEE = "idee", "Idée"
    CREATION = "creation", "Création"
    DEVELOPPEMENT = "developpement", "Développement"


STAGE_FIELDS = {
    Stage.IDEE: "stage_idee",
    Stage.CREATION: "stage_creation",
    Stage.DEVELOPPEMENT: "stage_developpement",
}

STAGE_HELP = {
    Stage.IDEE: "J’ai une envie ou une idée, je cherche à la préciser et à la tester.",
    Stage.CREATION: "Mon projet est défini, je prépare ou je lance l’activité.",
    Stage.DEVELOPPEMENT: "Mon activité existe, je veux la consolider ou la faire grandir.",
}


class PublicationStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publie", "Publié"
    ARCHIVED = "archive", "Archivé"


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "actif", "En cours"
    EXPERIMENTAL = "experimental", "Expérimentation"
    ENDED = "termine", "Terminé"


class StructureRole(models.TextChoices):
    OPERATOR = "operateur", "Opérateur"
    PARTNER = "partenaire", "Partenaire"
    FUNDER = "financeur", "Financeur"


class PersonRelation(models.TextChoices):
    CONTACT = "contact", "Contact"
    TESTIMONY = "temoignage", "Témoignage (a suivi le dispositif)"


# ---------------------------------------------------------------------------
# Vocabularies curators extend in the admin


class Vocabulary(models.Model):
    value = models.SlugField(
        "valeur",
        max_length=60,
        unique=True,
        help_text="Identifiant stable utilisé dans les adresses et les imports (minuscules, "
        "sans accents ni espaces). Ne le changez pas une fois publié.",
    )
    label = models.CharField("libellé", max_length=120)
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class StructureKind(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "type de structure"
        verbose_name_plural = "types de structure"


class ProgrammeKind(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "type d’accompagnement"
        verbose_name_plural = "types d’accompagnement"


class Public(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "public"
        verbose_name_plural = "publics"


class Sector(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "secteur"
        verbose_name_plural = "secteurs"


class Format(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "format"
        verbose_name_plural = "formats"


# ---------------------------------------------------------------------------
# Sources


class SourceDocument(models.Model):
    title = models.CharField("titre", max_length=300)
    file_name = models.CharField(
        "fichier", max_length=200, unique=True, help_text="Nom du fichier source, ex. 003_….txt"
    )
    publisher = models.CharField("éditeur", max_length=200, blank=True)
    published_on = models.DateField("date de publication", null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        "année de publication",
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Quand seule l’année est connue (sinon elle est déduite de la date).",
    )
    url = models.URLField("adresse", blank=True)

    class Meta:
        verbose_name = "document source"
        verbose_name_plural = "documents sources"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.published_on:
            self.year = self.published_on.year
        super().save(*args, **kwargs)


class Citation(models.Model):
    document = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, verbose_name="document")
    section = models.CharField(
        "section", max_length=300, blank=True, help_text="Partie, page ou lignes du document."
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.document} — {self.section}" if self.section else str(self.document)


# ---------------------------------------------------------------------------
# Shared behaviour of directory entries


# An entry not confirmed for this long is due for a new check.
FRESHNESS_DAYS = 365


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """What a detail page may show: published and archived entries (an archived page
        stays reachable, with a notice), and drafts for curators who may view them."""
        statuses = [PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED]
        opts = self.model._meta
        if (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            statuses.append(PublicationStatus.DRAFT)
        return self.filter(publication_status__in=statuses)

    def stale(self, today=None):
        """Entries to check again: never verified, or last verified (or dated by their source,
        which is what the content loader records) more than ``FRESHNESS_DAYS`` ago."""
        today = today or datetime.date.today()
        cutoff = today - datetime.timedelta(days=FRESHNESS_DAYS)
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=cutoff))

    def matching(self, query):
        """Entries whose search document matches ``query`` (a ``search.query.TextQuery``),
        annotated with ``text_score`` (higher is more relevant)."""
        if not query:
            return self
        vendor = connections[self.db].vendor
        return self.filter(query.condition(vendor)).annotate(text_score=query.score(vendor))

    def in_scope(self, territories):
        """Entries located in, or serving a territory within, any of ``territories``
        (instances or ids): the one rule of "where is an entry" that regional editors' scopes,
        the admin's département and région filters, the suggestion queue and the freshness
        dashboard share. A structure is located at its seat; a programme where its operators
        are seated."""
        inside = Territory.objects.within(*territories).values("pk")
        served = self.model.territories.through.objects.filter(
            **{self.model._meta.model_name: OuterRef("pk")}, territory__in=inside
        )
        return self.filter(Exists(served) | self.located_in(inside))

    def locations(self):
        """[(entry id, territory id)] for every territory each entry serves or is located in:
        ``in_scope`` as pairs, for counting many territories at once (the admin dashboard)."""
        name = self.model._meta.model_name
        served = self.model.territories.through.objects.filter(
            **{f"{name}__in": self.values("pk")}
        ).values_list(f"{name}_id", "territory_id")
        return [*served, *self.seats()]

    def located_in(self, territories):
        raise NotImplementedError

    def seats(self):
        raise NotImplementedError


class Entry(models.Model):
    """What structures and programmes share: identity, publication, freshness."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Fin de l’adresse de la fiche. Rempli automatiquement ; le modifier casse "
        "les liens déjà partagés.",
    )
    aliases = models.CharField(
        "autres noms",
        max_length=300,
        blank=True,
        help_text="Sigles ou noms d’usage, séparés par des virgules (servent à la recherche).",
    )
    description = models.TextField("description", blank=True)
    website = models.URLField("site web", blank=True)
    publics = models.ManyToManyField(Public, blank=True, verbose_name="publics")
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name="secteurs")
    territories = models.ManyToManyField(Territory, blank=True, verbose_name="territoires couverts")
    publication_status = models.CharField(
        "publication",
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    verified_on = models.DateField(
        "vérifié le",
        null=True,
        blank=True,
        help_text="Date à laquelle les informations ont été confirmées (ou date de la source).",
    )
    curator_notes = models.TextField(
        "notes des curateurs",
        blank=True,
        help_text="Non publiées : désaccords entre sources, choix faits, points à vérifier.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # The search document, rebuilt by search.documents whenever the entry or
    # what it shows (operators, publics, territories…) changes. SQLite searches the stems,
    # PostgreSQL the tsvector (see search/query.py).
    search_title = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


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
        if partly:
            covering = Territory.objects.overlapping(territory)
        else:
            covering = Territory.objects.containing(territory)
        served = Structure.territories.through.objects.filter(
            structure=OuterRef("pk"), territory__in=covering
        )
        return self.filter(Exists(served))

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


# What history records of an entry: everything a curator edits, not the derived search fields.
HISTORY_EXCLUDED = ["search_title", "search_body", "search_vector", "updated_at"]
ENTRY_M2M = ["territories", "publics", "sectors"]


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


# ---------------------------------------------------------------------------
# Programmes


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

    def in_rural_territory(self):
        """Programmes with a published operator whose seat is in a rural commune."""
        return self.filter(
            Exists(
                ProgrammeStructure.objects.filter(
                    programme=OuterRef("pk"),
                    role=StructureRole.OPERATOR,
                    structure__publication_status=PublicationStatus.PUBLISHED,
                    structure__commune__rural=True,
                )
            )
        )

    def serving(self, territory, partly=False):
        """Programmes available in ``territory`` (one query); with ``partly``, also those
        available in only part of it (a commune of a département…).

        A programme serves the territories it lists; one that lists none inherits those of
        its operating structures.
        """
        if partly:
            covering = Territory.objects.overlapping(territory)
        else:
            covering = Territory.objects.containing(territory)
        own = Programme.territories.through.objects.filter(programme=OuterRef("pk"))
        inherited = ProgrammeStructure.objects.filter(
            programme=OuterRef("pk"),
            role=StructureRole.OPERATOR,
            structure__territories__in=covering,
        )
        return self.filter(
            Exists(own.filter(territory__in=covering)) | (~Exists(own) & Exists(inherited))
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
        ``territory`` (see ``territories.models.SCALE``)."""
        covering = Territory.objects.containing(territory)
        own = (
            Programme.territories.through.objects.filter(
                programme=OuterRef("pk"), territory__in=covering
            )
            .annotate(scale=scale_of("territory__kind"))
            .order_by("scale")
            .values("scale")[:1]
        )
        inherited = (
            Structure.territories.through.objects.filter(
                structure__programme_links__programme=OuterRef("pk"),
                structure__programme_links__role=StructureRole.OPERATOR,
                territory__in=covering,
            )
            .annotate(scale=scale_of("territory__kind"))
            .order_by("scale")
            .values("scale")[:1]
        )
        return self.annotate(
            reach_scale=Coalesce(
                Subquery(own, output_field=models.IntegerField()),
                Subquery(inherited, output_field=models.IntegerField()),
            )
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
            .for_listing()
            .prefetch_related(models.Prefetch("next_steps", queryset=next_steps))
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

        Only published structures are attached: a public page never links to a draft.
        """
        return self.select_related("kind").prefetch_related(
            models.Prefetch(
                "structure_links",
                queryset=ProgrammeStructure.objects.filter(
                    structure__publication_status=PublicationStatus.PUBLISHED
                )
                .select_related("structure")
                .order_by("role", "structure__name"),
            ),
            "formats",
            "territories",
            "publics",
            "sectors",
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
    def reach(self):
        """ "local", "departemental", "regional" or "national" once ``with_reach`` ran."""
        return reach_label(getattr(self, "reach_scale", None))

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


# ---------------------------------------------------------------------------
# People


class PersonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Person(models.Model):
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
