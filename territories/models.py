import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify


class TerritoryKind(models.TextChoices):
    COUNTRY = "pays", "France entière"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    EPCI = "epci", "EPCI (intercommunalité)"
    COMMUNE = "commune", "Commune"
    PNR = "pnr", "Parc naturel régional"
    PAYS = "pays_petr", "Pays / PETR"
    GROUPING = "groupement", "Autre regroupement"


# The public key of a territory must be unambiguous across kinds: département "01" (Ain)
# and région "01" (Guadeloupe) share an official code. Communes (5 characters) and EPCI
# (9-digit SIREN) keep their official code; every other kind is prefixed.
KEY_PREFIX = {
    TerritoryKind.COUNTRY: "",
    TerritoryKind.REGION: "reg-",
    TerritoryKind.DEPARTEMENT: "dep-",
    TerritoryKind.EPCI: "",
    TerritoryKind.COMMUNE: "",
    TerritoryKind.PNR: "pnr-",
    TerritoryKind.PAYS: "pays-",
    TerritoryKind.GROUPING: "grp-",
}

CODE_PATTERNS = {
    TerritoryKind.COUNTRY: r"FR",
    TerritoryKind.REGION: r"\d{2}",
    TerritoryKind.DEPARTEMENT: r"(\d{2}|2[AB]|97\d)",
    TerritoryKind.EPCI: r"\d{9}",
    TerritoryKind.COMMUNE: r"(\d{5}|2[AB]\d{3})",
    TerritoryKind.PNR: r"[a-z0-9][a-z0-9-]{1,60}",
    TerritoryKind.PAYS: r"[a-z0-9][a-z0-9-]{1,60}",
    TerritoryKind.GROUPING: r"[a-z0-9][a-z0-9-]{1,60}",
}

# Keys as they may appear in a URL: anything else is rejected before touching the database.
KEY_RE = re.compile(r"^[A-Za-z0-9-]{2,70}$")

# How far a territory reaches, smallest first; used to order and label results.
SCALE = {
    TerritoryKind.COMMUNE: 10,
    TerritoryKind.EPCI: 20,
    TerritoryKind.PAYS: 30,
    TerritoryKind.PNR: 30,
    TerritoryKind.GROUPING: 30,
    TerritoryKind.DEPARTEMENT: 40,
    TerritoryKind.REGION: 50,
    TerritoryKind.COUNTRY: 60,
}


KIND_SHORT_LABEL = {
    TerritoryKind.COUNTRY: "pays",
    TerritoryKind.REGION: "région",
    TerritoryKind.DEPARTEMENT: "département",
    TerritoryKind.EPCI: "EPCI",
    TerritoryKind.COMMUNE: "commune",
    TerritoryKind.PNR: "PNR",
    TerritoryKind.PAYS: "Pays / PETR",
    TerritoryKind.GROUPING: "regroupement",
}


_SEPARATORS = re.compile(r"[\s\-'’`.,;:/()«»\"]+")
_SAINT = re.compile(r"\b(saint|sainte|saints|saintes)\b")
_SAINT_SHORT = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}


def printable(text):
    """What a person typed, without control characters (PostgreSQL refuses NUL bytes)."""
    return "".join(ch for ch in (text or "") if ch.isprintable())


def search_form(text):
    """Name as compared by search: no accents or case, words separated by single spaces,
    "saint" written "st" (so "St-Jean-de-Monts" and "saint jean de monts" meet)."""
    text = unicodedata.normalize("NFKD", printable(text)).encode("ascii", "ignore").decode()
    text = text.lower()
    text = _SEPARATORS.sub(" ", text).strip()
    return _SAINT.sub(lambda m: _SAINT_SHORT[m.group(1)], text)


REACH_LABELS = [(30, "local"), (40, "departemental"), (50, "regional"), (60, "national")]
REACH_DISPLAY = {
    "local": "locale",
    "departemental": "départementale",
    "regional": "régionale",
    "national": "nationale",
}


def reach_label(scale):
    """The reach of a coverage of the given scale: local (commune to Pays), départemental…"""
    if scale is None:
        return None
    return next(label for limit, label in REACH_LABELS if scale <= limit)


def scale_of(kind_field):
    """SQL expression giving the SCALE of the territory kind stored in ``kind_field``."""
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        *(When(**{kind_field: kind}, then=Value(scale)) for kind, scale in SCALE.items()),
        output_field=IntegerField(),
    )


def territory_key(kind, code):
    return f"{KEY_PREFIX[TerritoryKind(kind)]}{code}"


_PROJECT_CODE_PREFIXES = ("pnr-", "pays-", "grp-")


def normalize_key(key):
    """Canonical form of a public key as typed by a person ("DEP-2a" → "dep-2A"), or None."""
    key = (key or "").strip()
    if not KEY_RE.match(key):
        return None
    lowered = key.lower()
    if lowered.startswith(_PROJECT_CODE_PREFIXES):
        return lowered
    for prefix in ("reg-", "dep-"):
        if lowered.startswith(prefix):
            return prefix + key[len(prefix) :].upper()
    return key.upper()


class TerritoryQuerySet(models.QuerySet):
    def by_key(self, key):
        """The territory with this public key, or None (also for malformed keys).

        A former commune code resolves to the commune that replaced it.
        """
        key = normalize_key(key)
        if not key:
            return None
        territory = self.filter(key=key).first()
        if territory is None and len(key) == 5:
            territory = self.filter(former_codes__code=key).first()
        return territory

    def covering(self, territory, partly=False):
        """What a programme or structure must serve to be available in ``territory``: the ids
        of the territory and of those containing it (:meth:`Territory.covering_ids`); with
        ``partly``, also those inside it, as a subquery."""
        if partly:
            return self.overlapping(territory).values("pk")
        return territory.covering_ids()

    def within(self, *territories):
        """The given territories (instances or ids) and every territory inside them: what a
        regional editor's scope or a département filter covers."""
        ids = [getattr(t, "pk", t) for t in territories]
        return self.filter(Q(pk__in=ids) | Q(containers__in=ids))

    def overlapping(self, territory):
        """Territories that contain ``territory`` or lie inside it: a programme listing any of
        them is available in at least part of ``territory``."""
        return self.filter(Q(pk=territory.pk) | Q(members=territory) | Q(containers=territory))

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)


class Territory(models.Model):
    kind = models.CharField("type", max_length=20, choices=TerritoryKind.choices)
    code = models.CharField(
        "code officiel",
        max_length=64,
        help_text="INSEE pour les communes, départements et régions ; SIREN pour les EPCI ; "
        "code projet en minuscules (ex. « vercors ») pour les PNR, Pays et regroupements.",
    )
    key = models.CharField(
        "identifiant public",
        max_length=80,
        unique=True,
        editable=False,
        help_text="Code utilisé dans les adresses (ex. 53147, dep-53, reg-52).",
    )
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("slug", max_length=220, editable=False)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    latitude = models.FloatField("latitude du centre", null=True, blank=True)
    longitude = models.FloatField("longitude du centre", null=True, blank=True)
    search_name = models.CharField(
        "nom normalisé", max_length=200, editable=False, db_index=True, default=""
    )
    postcodes = models.CharField(
        "codes postaux", max_length=400, blank=True, help_text="Séparés par des espaces."
    )
    area_km2 = models.FloatField("superficie (km²)", null=True, blank=True)
    rural = models.BooleanField(
        "rural",
        null=True,
        blank=True,
        help_text="Commune rurale (au sens de la densité, voir la documentation). "
        "Modifier cette valeur la fige : les rechargements ne la recalculent plus.",
    )
    rural_set_by_curator = models.BooleanField(
        "classement rural fixé par un curateur", default=False
    )
    is_current = models.BooleanField(
        "en vigueur",
        default=True,
        help_text="Décoché quand le territoire n’existe plus dans le code officiel "
        "(il reste en base pour ne casser aucun lien).",
    )
    membership_complete = models.BooleanField(
        "liste des membres connue",
        default=True,
        help_text="Pour un PNR, un Pays ou un regroupement : décoché tant que la liste des "
        "communes membres n’a pas été importée. Ne pas inventer de membres.",
    )
    containers = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="members",
        blank=True,
        verbose_name="territoires englobants",
        help_text="Tous les territoires qui contiennent celui-ci, directement ou non "
        "(pour une commune : son EPCI, son département, sa région, ses PNR et Pays, la France).",
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_kind_code_unique"),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        dep = self.departement_code
        if self.kind == TerritoryKind.COMMUNE and dep:
            return f"{self.name} ({dep})"
        if self.kind in (TerritoryKind.DEPARTEMENT,):
            return f"{self.name} ({self.code})"
        return self.name

    def covering_ids(self):
        """Ids of this territory and of every territory that contains it: a handful (a
        commune's EPCI, département, région, PNR, Pays, France), read once per instance.

        "What serves X" compares with this literal list: PostgreSQL plans ``territory_id IN
        (…)`` on an index, where an OR over a join of the whole containment table made it
        scan (issue 11)."""
        if getattr(self, "_covering_ids", None) is None:
            self._covering_ids = [self.pk, *self.containers.values_list("pk", flat=True)]
        return self._covering_ids

    def refresh_from_db(self, *args, **kwargs):
        self._covering_ids = None
        super().refresh_from_db(*args, **kwargs)

    @property
    def departement_code(self):
        if self.kind == TerritoryKind.COMMUNE:
            return self.code[:3] if self.code.startswith("97") else self.code[:2]
        if self.kind == TerritoryKind.DEPARTEMENT:
            return self.code
        return None

    @property
    def scale(self):
        return SCALE[TerritoryKind(self.kind)]

    @property
    def label(self):
        """How a territory is named in lists: "Lesperon (40) — commune"."""
        if self.kind == TerritoryKind.COUNTRY:
            return self.name
        return f"{self} — {KIND_SHORT_LABEL[TerritoryKind(self.kind)]}"

    def clean(self):
        pattern = CODE_PATTERNS.get(self.kind)
        if pattern and self.code and not re.fullmatch(pattern, self.code):
            raise ValidationError(
                {"code": f"Code invalide pour le type « {self.get_kind_display()} »."}
            )

    def save(self, *args, **kwargs):
        self.key = territory_key(self.kind, self.code)
        self.slug = slugify(self.name)[:220] or self.key
        self.search_name = search_form(self.name)
        super().save(*args, **kwargs)


class FormerCode(models.Model):
    """An INSEE code that no longer names a commune (merger into a commune nouvelle…).

    Kept so that saved links and imports using the old code still find the current commune.
    """

    code = models.CharField("ancien code INSEE", max_length=5, unique=True)
    name = models.CharField("ancien nom", max_length=200, blank=True)
    territory = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="former_codes",
        verbose_name="commune actuelle",
    )

    class Meta:
        verbose_name = "ancien code de commune"
        verbose_name_plural = "anciens codes de communes"

    def __str__(self):
        return f"{self.code} {self.name} → {self.territory}"


class MembershipChange(models.Model):
    """One change to a grouping's member communes (an import, or the undoing of one): who,
    when, which communes joined or left. Written by ``territories.services.members``."""

    grouping = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="membership_changes",
        verbose_name="regroupement",
    )
    changed_at = models.DateTimeField("date", auto_now_add=True)
    changed_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="par",
    )
    source = models.CharField("origine", max_length=200, blank=True)
    added = models.TextField("communes ajoutées (codes INSEE)", blank=True)
    removed = models.TextField("communes retirées (codes INSEE)", blank=True)
    undone_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="undoes",
        verbose_name="annulé par",
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "changement de communes membres"
        verbose_name_plural = "historique des communes membres"

    def __str__(self):
        return f"{self.grouping} — {self.changed_at:%d/%m/%Y %H:%M}"

    @property
    def added_codes(self):
        return self.added.split()

    @property
    def removed_codes(self):
        return self.removed.split()
