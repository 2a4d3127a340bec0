"""Benchmark of the bulk import (not a test).

Generates, with a fixed seed, realistic files of N structures then N programmes in a temporary
directory — vocabulary values and territory keys (communes with their EPCI and département)
taken from the database, reciprocal partners, networks and next steps naming lines further
down the file, operators among the generated structures — imports each file as
``manage.py import_directory`` does, then imports it again (which must change nothing), and
reports rows per second. Everything runs in one transaction rolled back at the end: the
database is left as it was (``--keep`` commits instead).
"""

import datetime
import random
import tempfile
import time
from pathlib import Path

import tablib
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bulk.files import CSV, XLSX, import_dataset, read_file
from bulk.results import problems_of
from programmes.models import Format, ProgrammeKind, Public, Sector, StructureKind
from territories.models import Territory, TerritoryKind

WORDS = (
    "accompagnement collectif coopérative emploi projet territoire rural insertion économie "
    "sociale solidaire création activité entrepreneuriat formation réseau incubation idée "
    "association habitants tiers-lieu agriculture alimentation mobilité numérique culture "
    "financement local ateliers porteurs jeunes femmes transition réemploi services"
).split()


class Rollback(Exception):
    pass


def seconds(value):
    return f"{value:.1f}".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Mesure l’import en masse : génère des fichiers réalistes de N structures et N "
        "dispositifs, les importe puis les réimporte (rien ne doit changer) et affiche les "
        "lignes par seconde. Tout est annulé à la fin (--keep pour garder)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--keep", action="store_true", help="garder les fiches importées")

    def handle(self, *args, rows, format, keep=False, **options):
        rng = random.Random(20250101)
        places = self.places(rng, rows)
        structures = self.structure_rows(rng, rows, places)
        programmes = self.programme_rows(rng, rows, places)
        self.stdout.write(
            f"{connection.vendor} : {rows} structures et {rows} dispositifs ({format.upper()}), "
            f"{len(places)} communes tirées parmi celles de la base"
        )
        with tempfile.TemporaryDirectory() as directory:
            files = {
                "structures": self.write(Path(directory), "structures", structures, format),
                "programmes": self.write(Path(directory), "programmes", programmes, format),
            }
            try:
                with transaction.atomic():
                    for model, path in files.items():
                        self.measure(model, path)
                    if not keep:
                        raise Rollback
            except Rollback:
                self.stdout.write("Import annulé : la base est inchangée.")

    # -- measures -------------------------------------------------------------------------

    def measure(self, model, path):
        start = time.perf_counter()
        dataset = read_file(path)
        read = time.perf_counter() - start
        for label in ("premier import", "réimport identique"):
            start = time.perf_counter()
            result = import_dataset(model, dataset, file_name=path.name)
            elapsed = time.perf_counter() - start
            if not result.accepted:
                raise CommandError("\n".join(problems_of(result)[:20]))
            totals = result.totals
            self.stdout.write(
                f"{model}, {label} : {seconds(elapsed)} s, {len(dataset) / elapsed:.0f} lignes/s "
                f"({totals['new']} créées, {totals['update']} mises à jour, "
                f"{totals['skip']} inchangées ; lecture du fichier {seconds(read)} s)"
            )
            if label == "réimport identique" and totals["skip"] != len(dataset):
                raise CommandError("Le réimport du même fichier a modifié des fiches.")

    def write(self, directory, model, rows, file_format):
        dataset = tablib.Dataset(headers=list(rows[0]))
        for row in rows:
            dataset.append(list(row.values()))
        path = directory / f"{model}.{file_format}"
        data = {"csv": CSV, "xlsx": XLSX}[file_format]().export_data(dataset)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    # -- realistic rows ---------------------------------------------------------------------

    def places(self, rng, count):
        """Communes (key, name, postcode, latitude, longitude, [EPCI and département keys])."""
        communes = list(
            Territory.objects.filter(kind=TerritoryKind.COMMUNE, latitude__isnull=False)
            .order_by("pk")
            .values_list("pk", "key", "name", "postcodes", "latitude", "longitude")
        )
        if not communes:
            raise CommandError(
                "Aucune commune dans la base : chargez d’abord les territoires "
                "(manage.py load_shipped_data)."
            )
        chosen = rng.sample(communes, min(count, len(communes)))
        through = Territory.containers.through.objects.filter(
            from_territory_id__in=[c[0] for c in chosen],
            to_territory__kind__in=[TerritoryKind.EPCI, TerritoryKind.DEPARTEMENT],
        ).values_list("from_territory_id", "to_territory__key")
        containers = {}
        for commune, key in through:
            containers.setdefault(commune, []).append(key)
        return [(*c[1:], sorted(containers.get(c[0], []))) for c in chosen]

    @staticmethod
    def text(rng, words):
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    @staticmethod
    def values(model):
        return list(model.objects.values_list("value", flat=True))

    def structure_rows(self, rng, count, places):
        kinds, publics, sectors = (self.values(m) for m in (StructureKind, Public, Sector))
        rows = []
        for n in range(count):
            key, name, postcodes, latitude, longitude, around = places[n % len(places)]
            partners = ""
            if n % 10 in (0, 1) and n + 1 < count:  # reciprocal pairs, 20 % of the lines
                partners = f"bench-structure-{n + 1 if n % 2 == 0 else n - 1:05d}"
            rows.append(
                {
                    "slug": f"bench-structure-{n:05d}",
                    "name": f"{rng.choice(['Coopérative', 'Incubateur', 'Tiers-lieu'])} {name} {n}",
                    "aliases": f"B{n}, Bench {n}" if n % 3 == 0 else "",
                    "kind": rng.choice(kinds),
                    "legal_form": rng.choice(["SCOP SA", "SCIC SAS", "association", ""]),
                    "founded_year": str(rng.randint(1980, 2024)),
                    "description": self.text(rng, rng.randint(20, 60)),
                    "address": f"{rng.randint(1, 120)} rue de la Coopération",
                    "postcode": (postcodes.split() or [""])[0],
                    "commune": key,
                    "latitude": repr(round(latitude + rng.uniform(-0.01, 0.01), 6)),
                    "longitude": repr(round(longitude + rng.uniform(-0.01, 0.01), 6)),
                    "website": f"https://bench-{n}.example.org/",
                    "email": f"contact@bench-{n}.example.org",
                    "phone": f"02 43 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    "territories": "|".join([key, *around][: rng.randint(1, 3)]),
                    "publics": "|".join(rng.sample(publics, rng.randint(0, 3))),
                    "sectors": "|".join(rng.sample(sectors, rng.randint(0, 2))),
                    "partners": partners,
                    # A network further down the file: created by this import.
                    "networks": f"bench-structure-{(n + rng.randrange(1, count)) % count:05d}"
                    if n % 10 == 5 and count > 1
                    else "",
                    "publication_status": "publie" if n % 20 else "brouillon",
                    "verified_on": (
                        datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))
                    ).isoformat(),
                    "curator_notes": "",
                }
            )
        return rows

    def programme_rows(self, rng, count, places):
        kinds, formats = self.values(ProgrammeKind), self.values(Format)
        publics, sectors = self.values(Public), self.values(Sector)
        stages = ["idee", "creation", "developpement"]
        rows = []
        for n in range(count):
            key, name, _, _, _, around = places[n % len(places)]
            ended = n % 20 == 0
            start = rng.randint(2005, 2023)

            def structures(k):
                return "|".join(
                    sorted({f"bench-structure-{rng.randrange(count):05d}" for _ in range(k)})
                )

            rows.append(
                {
                    "slug": f"bench-programme-{n:05d}",
                    "name": f"Accompagnement {rng.choice(WORDS)} {name} {n}",
                    "aliases": "",
                    "kind": rng.choice(kinds),
                    "description": self.text(rng, rng.randint(30, 90)),
                    "website": f"https://bench-{n}.example.org/dispositif",
                    "stages": "|".join(s for s in stages if rng.random() < 0.5) or "idee",
                    "formats": "|".join(rng.sample(formats, rng.randint(0, 2))),
                    "duration": f"{rng.randint(3, 24)} mois",
                    "is_free": rng.choice(["oui", "non", ""]),
                    "cost_details": "",
                    "eligibility": self.text(rng, 12),
                    "how_to_apply": self.text(rng, 10),
                    "key_figures": "",
                    "status": "termine" if ended else "actif",
                    "start_year": str(start),
                    "end_year": str(start + 1) if ended else "",
                    "publics": "|".join(rng.sample(publics, rng.randint(0, 2))),
                    "sectors": "|".join(rng.sample(sectors, rng.randint(0, 1))),
                    # Without territories of its own, a programme inherits its operators'.
                    "territories": "" if n % 4 == 0 else "|".join([key, *around][:2]),
                    "operators": structures(rng.randint(1, 2)),
                    "partners": structures(1) if n % 3 == 0 else "",
                    "financers": structures(1) if n % 5 == 0 else "",
                    "next_steps": "|".join(
                        sorted(
                            {
                                f"bench-programme-{rng.randrange(count):05d}"
                                for _ in range(rng.randint(0, 2))
                            }
                            - {f"bench-programme-{n:05d}"}
                        )
                    ),
                    "publication_status": "publie",
                    "verified_on": "",
                    "curator_notes": "",
                }
            )
        return rows
