import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, When
from django.db.models.functions import Substr
from django.utils.text import slugify

from essmap.validators import RefusesNulCharacters


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


# Letters NFKD does not take apart: without this, "Œting" would be searched as "ting".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# « s/ » is how « sur » is written short (« Châlons s/ Marne »); "/" is a separator otherwise.
_SUR = re.compile(r"\bs/")
# Anything but a letter or a digit separates words: every apostrophe (' ’ ʼ ′ `), dash
# (- ‐ ‑ – —), space (no-break, narrow no-break…) and punctuation, typed or stored alike.
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(saint|sainte|saints|saintes)\b")
_SAINT_SHORT = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}


def printable(text):
    """What a person typed, without control characters (PostgreSQL refuses NUL bytes), every
    space (no-break, narrow no-break, tab…) an ordinary one: words must stay apart."""
    return "".join(
        " " if ch.isspace() else ch for ch in (text or "") if ch.isprintable() or ch.isspace()
    )


def search_form(text):
    """Name as compared by search: no accents or case, words separated by single spaces,
    "saint" written "st" (so "St-Jean-de-Monts" and "saint jean de monts" meet), « s/ » read
    as « sur ». The one form of a place name: stored (``Territory.search_name``) and applied to
    what a person types (autocomplete, ``?territoire=``), so both read every Unicode apostrophe,
    dash and space the same way. Separators are replaced before accents are dropped: dropping
    them first glued "d’Ascq" into "dascq"."""
    text = unicodedata.normalize("NFKD", printable(text).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SUR.sub("sur ", text)
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

# "com-53100": the commune whose INSEE code is 53100, where "53100" alone is read as a postal
# code first (it is Mayenne's). Accepted everywhere a key is; the list links of such a commune
# use it (territories.places.query_key), its key stays its INSEE code.
COMMUNE_ALIAS = "com-"

# Territories whose label names the départements they lie in: "CC du Pays de Pouzauges (85)".
GROUPING_KINDS = (TerritoryKind.EPCI, TerritoryKind.PNR, TerritoryKind.PAYS, TerritoryKind.GROUPING)
# Beyond this many départements a label names none (a grouping that large is known by name).
MAX_LABEL_DEPARTEMENTS = 4


def normalize_key(key):
    """Canonical form of a public key as typed by a person ("DEP-2a" → "dep-2A"), or None."""
    key = (key or "").strip()
    if not KEY_RE.match(key):
        return None
    lowered = key.lower()
    if lowered.startswith(_PROJECT_CODE_PREFIXES):
        return lowered
    for prefix in ("reg-", "dep-", COMMUNE_ALIAS):
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
        if key.startswith(COMMUNE_ALIAS):
            key = key[len(COMMUNE_ALIAS) :]
            if len(key) != 5:
                return None
            territory = self.filter(kind=TerritoryKind.COMMUNE, key=key).first()
        else:
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


def attach_departements(territories):
    """Read, in one query, the départements of the EPCI, PNR, Pays and other groupings among
    ``territories``, for their labels: those they are known to lie in, and those of their
    member communes (an EPCI across two départements has both). Returns ``territories``."""
    groupings = {
        t.pk: t
        for t in territories
        if t.kind in GROUPING_KINDS and getattr(t, "_departement_codes", None) is None
    }
    if not groupings:
        return territories
    link = Territory.containers.through
    known = link.objects.filter(
        from_territory__in=list(groupings), to_territory__kind=TerritoryKind.DEPARTEMENT
    ).values_list("from_territory_id", "to_territory__code")
    commune_code = "from_territory__code"
    of_members = (
        link.objects.filter(
            to_territory__in=list(groupings),
            from_territory__kind=TerritoryKind.COMMUNE,
            from_territory__is_current=True,
        )
        .annotate(
            departement=Case(
                When(**{f"{commune_code}__startswith": "97"}, then=Substr(commune_code, 1, 3)),
                default=Substr(commune_code, 1, 2),
            )
        )
        .values_list("to_territory_id", "departement")
    )
    codes = {pk: set() for pk in groupings}
    for pk, code in known.union(of_members):
        codes[pk].add(code)
    for pk, territory in groupings.items():
        territory._departement_codes = sorted(codes[pk])
    return territories


class Territory(RefusesNulCharacters, models.Model):
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

    lies_in = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="+",
        blank=True,
        verbose_name="départements où il se trouve",
        help_text="Pour un regroupement dont les communes membres ne sont pas connues : les "
        "départements où il se trouve, d’après une source. Il les sert alors, en « périmètre "
        "approché », jusqu’à l’import de ses membres.",
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

    def read_containers(self):
        """Every territory containing this one (a list, one query), which also gives
        :meth:`covering_ids` without reading them again."""
        containers = list(self.containers.all())
        self._covering_ids = [self.pk, *(c.pk for c in containers)]
        return containers

    def refresh_from_db(self, *args, **kwargs):
        self._covering_ids = None
        self._departement_codes = None
        self._query_key = None  # see territories.places.query_key
        super().refresh_from_db(*args, **kwargs)

    @property
    def departement_code(self):
        if self.kind == TerritoryKind.COMMUNE:
            return self.code[:3] if self.code.startswith("97") else self.code[:2]
        if self.kind == TerritoryKind.DEPARTEMENT:
            return self.code
        return None

    @property
    def departement_codes(self):
        """The départements a territory lies in, as its label names them: a commune's or a
        département's own; a grouping's (EPCI, PNR, Pays…) from its containers and member
        communes, read once (:func:`attach_departements` reads a list's in one query)."""
        if self.kind in GROUPING_KINDS:
            if getattr(self, "_departement_codes", None) is None:
                attach_departements([self])
            return self._departement_codes
        code = self.departement_code
        return [code] if code else []

    @property
    def scale(self):
        return SCALE[TerritoryKind(self.kind)]

    @property
    def label(self):
        """How a territory is named in lists: "Lesperon (40) — commune"."""
        if self.kind == TerritoryKind.COUNTRY:
            return self.name
        kind = KIND_SHORT_LABEL[TerritoryKind(self.kind)]
        if self.kind in GROUPING_KINDS:
            codes = self.departement_codes
            if 0 < len(codes) <= MAX_LABEL_DEPARTEMENTS:
                return f"{self.name} ({', '.join(codes)}) — {kind}"
        return f"{self} — {kind}"

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
