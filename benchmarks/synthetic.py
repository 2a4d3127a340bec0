"""Deterministic, national-scale synthetic content for performance measurements.

``generate(structures=5000, programmes=20000, seed=1)`` writes structures and programmes spread
over the real communes already in the database (``manage.py load_shipped_data``), with the
same proportions as real content: more structures in towns but many in rural communes, mostly
EPCI and département coverage, about 2 % national programmes, some with no territory of their
own (they inherit their operators'), French descriptions built from the shipped content.

Everything it writes has a slug starting with ``synth-`` (never a shipped slug) and
:func:`clear` deletes exactly that. The same seed on the same territories gives the same
content. Rows are written with ``bulk_create`` in one transaction, then the search documents
are built by the application's own code (``search.documents.refresh``); no history records
are written (the generated entries have never been edited).
"""

import datetime
import random
import time
from bisect import bisect
from collections import defaultdict
from itertools import accumulate

from django.db import connection, models, transaction
from django.utils.text import slugify

from benchmarks.words import (
    ACTIVITIES,
    COSTS,
    DURATIONS,
    KIND_PREFIXES,
    LEGAL_FORMS,
    STREETS,
    STRUCTURE_WORDS,
    TEMPLATES,
    THEMES,
    sentence_pool,
)
from essmap.cache import bump_content_version
from programmes.models import (
    Format,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    ProgrammeStructure,
    Public,
    PublicationStatus,
    Sector,
    Structure,
    StructureKind,
    StructureRole,
)
from search import documents
from territories.models import Territory, TerritoryKind

# A fixed date, so that the synthetic content is the same at every build.
FIRST_PUBLISHED_ON = datetime.date(2022, 1, 1)

PREFIX = "synth-"
BATCH = 1000
K = TerritoryKind


class NoTerritories(Exception):
    """The national territories are not loaded."""


# ---------------------------------------------------------------------------
# Territories


class Geography:
    """The communes and their EPCI, département and région, read once."""

    def __init__(self):
        self.france = Territory.objects.filter(key="FR").values_list("pk", flat=True).first()
        communes = list(
            Territory.objects.filter(kind=K.COMMUNE, is_current=True)
            .order_by("key")
            .values("pk", "name", "population", "rural", "latitude", "longitude", "postcodes")
        )
        if self.france is None or not communes:
            raise NoTerritories(
                "Aucune commune en base : chargez d’abord les territoires de France avec "
                "« manage.py load_shipped_data »."
            )
        self.communes = communes
        self.names = dict(
            Territory.objects.filter(kind__in=[K.EPCI, K.DEPARTEMENT, K.REGION]).values_list(
                "pk", "name"
            )
        )
        self.containers = defaultdict(dict)
        links = Territory.containers.through.objects.filter(
            from_territory__kind=K.COMMUNE,
            to_territory__kind__in=[K.EPCI, K.DEPARTEMENT, K.REGION],
        ).values_list("from_territory_id", "to_territory_id", "to_territory__kind")
        for commune, container, kind in links:
            self.containers[commune][kind] = container
        # Structures: 60 % weighted by population (towns), 40 % spread over rural communes.
        self.by_population = list(accumulate((c["population"] or 1) for c in communes))
        self.rural = [c for c in communes if c["rural"]] or communes

    def pick_commune(self, rng):
        if rng.random() < 0.6:
            return self.communes[bisect(self.by_population, rng.random() * self.by_population[-1])]
        return rng.choice(self.rural)

    def around(self, commune, scale):
        """The territory of ``scale`` containing ``commune`` (or the next larger one known)."""
        order = [K.COMMUNE, K.EPCI, K.DEPARTEMENT, K.REGION]
        known = self.containers[commune["pk"]]
        for kind in order[order.index(scale) :]:
            if kind == K.COMMUNE:
                return commune["pk"]
            if kind in known:
                return known[kind]
        return commune["pk"]

    def name_of(self, pk, commune):
        return commune["name"] if pk == commune["pk"] else self.names.get(pk, commune["name"])


def _scale(rng, table):
    draw, total = rng.random(), 0
    for share, scale in table:
        total += share
        if draw < total:
            return scale
    return None


STRUCTURE_SCALES = [(0.1, K.COMMUNE), (0.4, K.EPCI), (0.35, K.DEPARTEMENT), (0.15, K.REGION)]
# What is left (12 %) has no territory of its own: it inherits its operators'.
PROGRAMME_SCALES = [
    (0.02, "national"),
    (0.10, K.REGION),
    (0.28, K.DEPARTEMENT),
    (0.28, K.EPCI),
    (0.14, K.COMMUNE),
    (0.06, "two"),
]


# ---------------------------------------------------------------------------
# Generation


class Generator:
    def __init__(self, seed, log):
        self.rng = random.Random(seed)
        self.log = log
        self.started = self.step_start = time.perf_counter()
        self.geo = Geography()
        self.sentences = sentence_pool()
        self.vocab = {
            model: list(model.objects.order_by("value").values_list("pk", "value", "label"))
            for model in (StructureKind, ProgrammeKind, Public, Sector, Format)
        }
        self.step(f"{len(self.geo.communes)} communes lues")

    def step(self, message):
        now = time.perf_counter()
        self.log(f"[{now - self.started:6.1f} s] {message} ({now - self.step_start:.1f} s)")
        self.step_start = now

    def some(self, model, low, high):
        return self.rng.sample(
            self.vocab[model], min(len(self.vocab[model]), self.rng.randint(low, high))
        )

    def description(self, low, high, **words):
        rng = self.rng
        target = rng.randint(low, high)
        text = TEMPLATES[0].format(**words)
        candidates = [t.format(**words) for t in TEMPLATES[1:]] + rng.sample(
            self.sentences, min(12, len(self.sentences))
        )
        rng.shuffle(candidates)
        for sentence in candidates:
            if len(text) >= target:
                break
            if len(text) + 1 + len(sentence) <= high:
                text = f"{text} {sentence}"
        return text

    def words(self, kind_label, operator, commune, place):
        rng = self.rng
        publics = [label.lower() for _, _, label in self.vocab[Public]] or ["tous publics"]
        sectors = [label.lower() for _, _, label in self.vocab[Sector]] or ["tous secteurs"]
        return {
            "kind": kind_label,
            "operator": operator,
            "public": rng.choice(publics),
            "sector": rng.choice(sectors),
            "place": place or commune["name"],
            "months": rng.choice([3, 6, 9, 12, 18]),
            "activity": rng.choice(ACTIVITIES),
            "year": rng.randint(2008, 2023),
            "count": rng.randint(5, 240),
            "activity_count": rng.randint(2, 60),
        }

    def verified_on(self):
        return datetime.date(2022, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 1300))

    # -- structures

    def structures(self, count):
        rng, rows, links = self.rng, [], defaultdict(list)
        for i in range(count):
            commune = self.geo.pick_commune(rng)
            kind_pk, kind, kind_label = rng.choice(self.vocab[StructureKind])
            prefix = rng.choice(KIND_PREFIXES.get(kind, [kind_label]))
            name = f"{prefix} {rng.choice(STRUCTURE_WORDS)} {commune['name']}"
            slug = f"{PREFIX}s{i:05d}-{slugify(name)[:80]}"
            served = self.geo.around(commune, _scale(rng, STRUCTURE_SCALES))
            text = self.words(kind_label, name, commune, self.geo.name_of(served, commune))
            postcodes = (commune["postcodes"] or "").split()
            rows.append(
                Structure(
                    name=name,
                    slug=slug,
                    kind_id=kind_pk,
                    legal_form=rng.choice(LEGAL_FORMS.get(kind, ["association"])),
                    founded_year=rng.randint(1985, 2024),
                    description=self.description(150, 450, **text),
                    address=f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
                    postcode=postcodes[0] if postcodes else "",
                    commune_id=commune["pk"],
                    latitude=_jitter(rng, commune["latitude"]),
                    longitude=_jitter(rng, commune["longitude"]),
                    website=f"https://{slug[len(PREFIX) :][:50]}.example.org/",
                    email=f"contact@{slug[len(PREFIX) :][:50]}.example.org",
                    publication_status=PublicationStatus.PUBLISHED,
                    # bulk_create skips Entry.save, where the date is otherwise set.
                    first_published_on=FIRST_PUBLISHED_ON,
                    verified_on=self.verified_on(),
                )
            )
            links["territories"].append((slug, served))
            links["publics"] += [(slug, pk) for pk, _, _ in self.some(Public, 0, 2)]
            links["sectors"] += [(slug, pk) for pk, _, _ in self.some(Sector, 0, 2)]
            rows[-1].synth_commune = commune
        Structure.objects.bulk_create(rows, batch_size=BATCH)
        ids = dict(Structure.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
        for name, pairs in links.items():
            _link(Structure, name, [(ids[slug], other) for slug, other in pairs])
        for row in rows:
            row.pk = ids[row.slug]
        self.step(f"{count} structures et leurs territoires, publics, secteurs")
        return rows

    # -- programmes

    def programmes(self, count, structures):
        rng, geo = self.rng, self.geo
        rows, links, roles = [], defaultdict(list), []
        by_departement = defaultdict(list)
        for structure in structures:
            by_departement[geo.around(structure.synth_commune, K.DEPARTEMENT)].append(structure)
        for i in range(count):
            operators = [rng.choice(structures)]
            commune = operators[0].synth_commune
            neighbours = by_departement[geo.around(commune, K.DEPARTEMENT)]
            if rng.random() < 0.2:
                operators.append(rng.choice(neighbours))
            partner = rng.choice(neighbours) if rng.random() < 0.25 else None
            kind_pk, _, kind_label = rng.choice(self.vocab[ProgrammeKind])
            scale = _scale(rng, PROGRAMME_SCALES)
            if scale == "national":
                territories = [geo.france]
            elif scale == "two":
                other = rng.choice(structures).synth_commune
                territories = [geo.around(commune, K.EPCI), geo.around(other, K.DEPARTEMENT)]
            elif scale is None:
                territories = []
            else:
                territories = [geo.around(commune, scale)]
            place = (
                "toute la France"
                if scale == "national"
                else (geo.name_of(territories[0], commune) if territories else commune["name"])
            )
            name = f"{rng.choice(THEMES)} — {place}"
            slug = f"{PREFIX}p{i:05d}-{slugify(name)[:80]}"
            stages = rng.sample(["idee", "creation", "developpement"], rng.choice([1, 1, 2, 2, 3]))
            status, end_year = ProgrammeStatus.ACTIVE, None
            draw = rng.random()
            start_year = rng.randint(2005, 2024)
            if draw < 0.05:
                status, end_year = ProgrammeStatus.ENDED, min(2025, start_year + rng.randint(1, 6))
            elif draw < 0.13:
                status = ProgrammeStatus.EXPERIMENTAL
            is_free = rng.choices([True, False, None], [55, 20, 25])[0]
            text = self.words(kind_label, operators[0].name, commune, place)
            rows.append(
                Programme(
                    name=name,
                    slug=slug,
                    kind_id=kind_pk,
                    description=self.description(300, 800, **text),
                    **{f"stage_{stage}": True for stage in stages},
                    duration=rng.choice(DURATIONS),
                    is_free=is_free,
                    cost_details=rng.choice(COSTS) if is_free is False else "",
                    eligibility="Porteurs et porteuses de projet du territoire.",
                    how_to_apply=f"Prendre contact avec {operators[0].name}.",
                    status=status,
                    start_year=start_year,
                    end_year=end_year,
                    website=f"https://{slug[len(PREFIX) :][:50]}.example.org/",
                    publication_status=PublicationStatus.PUBLISHED,
                    # bulk_create skips Entry.save, where the date is otherwise set.
                    first_published_on=FIRST_PUBLISHED_ON,
                    verified_on=self.verified_on(),
                )
            )
            rows[-1].synth_departement = geo.around(commune, K.DEPARTEMENT)
            rows[-1].synth_stages = stages
            links["territories"] += [(slug, pk) for pk in dict.fromkeys(territories)]
            links["publics"] += [(slug, pk) for pk, _, _ in self.some(Public, 0, 2)]
            links["sectors"] += [(slug, pk) for pk, _, _ in self.some(Sector, 0, 2)]
            links["formats"] += [(slug, pk) for pk, _, _ in self.some(Format, 1, 2)]
            for structure in dict.fromkeys(operators):
                roles.append((slug, structure.pk, StructureRole.OPERATOR))
            if partner is not None and partner not in operators:
                roles.append((slug, partner.pk, StructureRole.PARTNER))
        Programme.objects.bulk_create(rows, batch_size=BATCH)
        ids = dict(Programme.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
        ProgrammeStructure.objects.bulk_create(
            [
                ProgrammeStructure(programme_id=ids[s], structure_id=st, role=r)
                for s, st, r in roles
            ],
            batch_size=BATCH,
        )
        for name, pairs in links.items():
            _link(Programme, name, [(ids[slug], other) for slug, other in pairs])
        for row in rows:
            row.pk = ids[row.slug]
        self.step(f"{count} dispositifs, {len(roles)} liens avec les structures, leurs listes")
        self.next_steps(rows)

    def next_steps(self, rows):
        """About 15 % of programmes point to one or two programmes of a later stage operated
        in the same département."""
        later = {"idee": ("creation", "developpement"), "creation": ("developpement",)}
        by_place = defaultdict(list)
        for row in rows:
            for stage in row.synth_stages:
                by_place[(row.synth_departement, stage)].append(row.pk)
        pairs = set()
        for row in rows:
            if self.rng.random() >= 0.15:
                continue
            first = min(row.synth_stages, key=["idee", "creation", "developpement"].index)
            options = [
                pk
                for stage in later.get(first, ())
                for pk in by_place[(row.synth_departement, stage)]
                if pk != row.pk
            ]
            for pk in self.rng.sample(options, min(len(options), self.rng.randint(1, 2))):
                pairs.add((row.pk, pk))
        through = Programme.next_steps.through
        through.objects.bulk_create(
            [through(from_programme_id=a, to_programme_id=b) for a, b in sorted(pairs)],
            batch_size=BATCH,
        )
        self.step(f"{len(pairs)} liens « et après ? »")


def _jitter(rng, value):
    return None if value is None else round(value + rng.uniform(-0.004, 0.004), 6)


def _link(model, name, pairs):
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH
    )


def synthetic(model):
    return model.objects.filter(slug__startswith=PREFIX)


def existing():
    return synthetic(Structure).count(), synthetic(Programme).count()


def analyze():
    """Refresh the planner's statistics of the tables written (PostgreSQL would otherwise
    plan the pages for nearly empty tables until autovacuum passes)."""
    tables = [Structure._meta.db_table, Programme._meta.db_table]
    tables += [ProgrammeStructure._meta.db_table]
    for model, names in (
        (Structure, ["territories", "publics", "sectors"]),
        (Programme, ["territories", "publics", "sectors", "formats", "next_steps"]),
    ):
        tables += [model._meta.get_field(n).remote_field.through._meta.db_table for n in names]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def generate(structures, programmes, seed=1, log=print):
    """Write the synthetic content and its search documents; returns the generator."""
    with transaction.atomic():
        generator = Generator(seed, log)
        rows = generator.structures(structures)
        generator.programmes(programmes, rows)
        written = documents.refresh(
            programmes=synthetic(Programme), structures=synthetic(Structure)
        )
        generator.step(f"{written} documents de recherche construits")
        bump_content_version()  # bulk_create sends no signal: cached pages are out of date
        analyze()
        generator.step("statistiques de la base mises à jour")
    generator.step("transaction validée")
    return generator


def clear(log=print):
    """Delete every ``synth-`` entry and every row that points to one, and nothing else.

    Rows are deleted by set (no per-row signal, hence no history record of the deletion);
    rows of other tables that point to a synthetic entry (a suggestion about one…) go through
    the ORM's usual deletion."""
    counts = existing()
    with transaction.atomic():
        for model in (Programme, Structure):
            ids = synthetic(model).values("pk")
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                if not through._meta.auto_created:
                    continue
                rows = through.objects.filter(**{f"{field.m2m_field_name()}__in": ids})
                if field.remote_field.model is model:
                    rows |= through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": ids})
                rows._raw_delete(rows.db)
            for relation in model._meta.related_objects:
                if relation.many_to_many or relation.on_delete is models.DO_NOTHING:
                    continue  # through tables above; history rows (no constraint) stay
                rows = relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": ids}
                )
                if relation.on_delete is models.SET_NULL:
                    rows.update(**{relation.field.name: None})
                elif relation.related_model is ProgrammeStructure:
                    rows._raw_delete(rows.db)
                else:
                    rows.delete()
        for model in (Programme, Structure):
            rows = synthetic(model)
            rows._raw_delete(rows.db)
        bump_content_version()
    log(f"Contenu synthétique supprimé : {counts[0]} structures, {counts[1]} dispositifs.")
    return counts
