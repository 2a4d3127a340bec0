"""What structures and programmes share: identity, publication, freshness, sources, and
the "which entries" rules of both (EntryQuerySet)."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from essmap.slugs import unique_slug
from essmap.validators import RefusesNulCharacters
from programmes.models.vocabularies import YEAR_VALIDATORS, Public, PublicationStatus, Sector
from territories.models import Territory, reach_label

# ---------------------------------------------------------------------------
# Sources


class SourceDocument(RefusesNulCharacters, models.Model):
    title = models.CharField("titre", max_length=300)
    file_name = models.CharField(
        "fichier",
        max_length=200,
        unique=True,
        help_text="Identifiant unique du document : nom du fichier source (ex. 003_….txt) ou, "
        "pour une page web, « web:<domaine>/<chemin> ».",
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
    url = models.URLField("adresse", max_length=500, blank=True)
    consulted_on = models.DateField(
        "consulté le",
        null=True,
        blank=True,
        help_text="Pour une page web : la date à laquelle elle a été lue (elle peut changer "
        "depuis).",
    )

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


class Citation(RefusesNulCharacters, models.Model):
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
# An entry first published this recently does not wait in the curators' freshness queue: it was
# checked to be published.
NEW_ENTRY_DAYS = 90
# How many days of consultations order the freshness queue.
CONSULTED_DAYS = 90

# How to count an entry's consultations, registered by the audience app (its ready()) so that
# programmes imports none of it: ``factory(model, since)`` gives an expression of the number of
# views since that day, or None. Without it, the queue is ordered without consultations.
_consultations = None


def register_consultations(factory):
    global _consultations
    _consultations = factory


# The order of ``freshness_queue`` (the admin's list keeps it: curation/admin.py).
QUEUE_ORDER = ("queue_verified", "-queue_consulted", "verified_on", "name", "pk")


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
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=FRESHNESS_DAYS)
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=cutoff))

    def unchecked_since(self, day):
        """Entries neither verified by a curator nor confirmed by their structure on ``day`` or
        after (update_requests asks these structures)."""
        verified = Q(verified_on__gte=day) | Q(confirmed_by_structure_on__gte=day)
        return self.exclude(verified)

    def freshness_queue(self, today=None):
        """The curators' freshness queue (admin filter « fraîcheur »), in the order to check:
        never verified first, then the most consulted of the last ``CONSULTED_DAYS``, then
        the longest unverified. Left out: entries first published in the last
        ``NEW_ENTRY_DAYS`` (just checked to be published) and entries confirmed by their
        structure within ``FRESHNESS_DAYS`` (« Rien n’a changé », update_requests)."""
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=FRESHNESS_DAYS)
        queue = self.stale(today).exclude(
            first_published_on__gt=today - datetime.timedelta(days=NEW_ENTRY_DAYS)
        )
        queue = queue.exclude(confirmed_by_structure_on__gte=cutoff)
        since = today - datetime.timedelta(days=CONSULTED_DAYS)
        consulted = _consultations(self.model, since) if _consultations else None
        return queue.annotate(
            queue_verified=Case(When(verified_on__isnull=True, then=Value(0)), default=Value(1)),
            queue_consulted=Value(0) if consulted is None else consulted,
        ).order_by(*QUEUE_ORDER)

    def new_or_verified(self, since, until):
        """Entries first published, or verified again, on a day of [``since``, ``until``):
        what an alert tells its subscribers about (see alerts/digests.py)."""
        first = Q(first_published_on__gte=since, first_published_on__lt=until)
        return self.filter(first | Q(verified_on__gte=since, verified_on__lt=until))

    def matching(self, query):
        """Entries whose search document matches ``query`` (a ``search.query.TextQuery``),
        annotated with ``text_score`` (higher is more relevant)."""
        if not query:
            return self
        vendor = connections[self.db].vendor
        return self.filter(query.condition(vendor)).annotate(text_score=query.score(vendor))

    def closest_to(self, query, required=True):
        """Entries ranked by how close they come to ``query`` (``text_score``: how many of
        its words they match); with ``required``, only those matching at least one."""
        if not query:
            return self
        vendor = connections[self.db].vendor
        ranked = self.annotate(
            text_score=query.score_closest(vendor),
            # The few entries that do contain every word still come first.
            text_all=Case(When(query.condition(vendor), then=Value(1)), default=Value(0)),
        )
        telling = query.telling_matches(vendor) if query.telling else None
        if telling is not None:
            # How many of the rarer words typed it contains (see TextQuery.with_frequencies).
            ranked = ranked.annotate(text_telling=telling)
        return ranked.filter(query.condition_any(vendor)) if required else ranked

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


class Entry(RefusesNulCharacters, models.Model):
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
    # Provenance of what a structure's own team wrote (members/, « Ma structure »): each field
    # it changed, with the day (ISO date), shown « déclaré par la structure le … » and kept
    # apart from sourced facts in the admin and the data·inclusion export. A curator's or an
    # import's later write of the field removes it (programmes/writes.py).
    declared_fields = models.JSONField(
        "déclaré par la structure",
        default=dict,
        blank=True,
        editable=False,
        help_text="Les champs écrits par l’équipe de la structure, avec leur date.",
    )
    confirmed_by_structure_on = models.DateField(
        "confirmé par la structure le",
        null=True,
        blank=True,
        editable=False,
        help_text="Dernier « Rien n’a changé » de la structure (demande de mise à jour).",
    )
    first_published_on = models.DateField(
        "publié pour la première fois le",
        null=True,
        blank=True,
        editable=False,
        help_text="Rempli une seule fois, quand la fiche est publiée pour la première fois.",
    )
    curator_notes = models.TextField(
        "notes des curateurs",
        blank=True,
        help_text="Non publiées : désaccords entre sources, choix faits, points à vérifier.",
    )
    external_id = models.CharField(
        "identifiant data·inclusion",
        max_length=200,
        blank=True,
        default="",
        editable=False,
        help_text="L’identifiant de la fiche dans le fichier data·inclusion d’où elle a été "
        "importée : un nouvel import de la même fiche la retrouve par lui.",
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
        # Unique when set: most entries were never imported from data·inclusion.
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="%(app_label)s_%(class)s_external_id_unique",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        self._set_first_publication(kwargs)
        super().save(*args, **kwargs)

    def _set_first_publication(self, save_kwargs):
        """The one rule of ``first_published_on``, whatever the write path (administration,
        restoring a version, bulk import, content load, accepted suggestion — each saves the
        entry): the day an entry is first saved as published, never changed afterwards. A
        ``bulk_create`` or ``QuerySet.update`` that publishes must set it itself."""
        if self.first_published_on is None and self.pk is not None and not self._state.adding:
            # An instance built from an older version (a history restore, even of a draft)
            # lacks the date the row may already hold: keep the stored one.
            self.first_published_on = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("first_published_on", flat=True)
                .first()
            )
        published = self.publication_status == PublicationStatus.PUBLISHED
        if self.first_published_on is None and published:
            self.first_published_on = timezone.localdate()
        update_fields = save_kwargs.get("update_fields")
        if update_fields is not None:
            save_kwargs["update_fields"] = {*update_fields, "first_published_on"}

    @property
    def reach(self):
        """ "local", "departemental", "regional" or "national" once ``with_reach`` (or, for a
        structure's general accompaniment, ``with_general_reach``) ran."""
        return reach_label(getattr(self, "reach_scale", None))

    @property
    def distance_to_show(self):
        """``distance_km`` (once ``with_distance_from`` ran) for an entry whose reach of the
        place is local, départementale or régionale; None for a national one, open alike
        wherever one lives (« portée nationale · à 343 km » says nothing), or of unknown
        reach."""
        if self.reach not in ("local", "departemental", "regional"):
            return None
        return getattr(self, "distance_km", None)

    @property
    def reach_is_approximate(self):
        """Whether the place is reached only through a grouping's départements (its member
        communes unknown): "périmètre approché"."""
        return bool(getattr(self, "reach_approximate", False))

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


# What history records of an entry: everything a curator edits, not the derived search fields.
HISTORY_EXCLUDED = ["search_title", "search_body", "search_vector", "updated_at"]
ENTRY_M2M = ["territories", "publics", "sectors"]
