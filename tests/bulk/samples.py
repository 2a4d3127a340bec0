"""Files of a few real-looking lines, and how the bulk tests import them."""

import csv
import io

from bulk.files import import_dataset, read_file
from bulk.results import problems_of
from programmes.models import (
    Person,
    Programme,
    ProgrammeStructure,
    Structure,
)

STRUCTURES = [
    {
        "slug": "coodem",
        "name": "Coodem",
        "aliases": "Coopérative de Mayenne",
        "kind": "cae",
        "founded_year": "2003",
        "postcode": "53100",
        "commune": "53147",
        "latitude": "48,30312",
        "longitude": "-0.6123",
        "website": "https://coodem.fr",
        "email": "contact@coodem.fr",
        "phone": "02 43 00 00 00",
        "territories": "dep-53|200055887",
        "publics": "tous-publics|jeunes",
        "partners": "ouvre-boites",
        "networks": "reseau-cae",
        "publication_status": "publie",
        "verified_on": "2021-06-01",
    },
    {
        "slug": "ouvre-boites",
        "name": "Ouvre-Boîtes 44",
        "kind": "cae",
        "commune": "44109",
        "territories": "DEP-44",
        "sectors": "batiment",
        "partners": "coodem",
        "networks": "reseau-cae",
        "publication_status": "publie",
    },
    {"slug": "reseau-cae", "name": "Réseau des CAE", "kind": "reseau-ess", "territories": "FR"},
]

PROGRAMMES = [
    {
        "slug": "may-idees",
        "name": "May'Idées",
        "kind": "pre-incubation",
        "stages": "idee|creation",
        "formats": "collectif|individuel",
        "is_free": "oui",
        "status": "actif",
        "start_year": "2019",
        "territories": "dep-53",
        "operators": "coodem",
        "partners": "ouvre-boites",
        "next_steps": "test-activite",
        "publication_status": "publie",
        "verified_on": "01/06/2021",
    },
    {
        "slug": "test-activite",
        "name": "Test d’activité",
        "kind": "test-activite",
        "stages": "creation",
        "operators": "coodem|ouvre-boites",
        "financers": "reseau-cae",
        "status": "termine",
        "start_year": "2010",
        "end_year": "2020",
        "publication_status": "publie",
    },
]

PEOPLE = [
    {
        "name": "Camille Martin",
        "structure": "coodem",
        "role": "Chargée d’accompagnement",
        "is_public": "oui",
        "email": "camille@coodem.fr",
        "contact_is_public": "non",
        "programmes": "may-idees|test-activite:temoignage",
    },
    {"name": "Sam Durand", "structure": "", "role": "Bénévole", "is_public": "non"},
]


def csv_file(tmp_path, name, rows):
    """Rows (dicts) as a French spreadsheet writes them: « ; », UTF-8 with a BOM."""
    headers = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return path


def run(model, path, dry_run=False):
    return import_dataset(model, read_file(path), dry_run=dry_run, file_name=path.name)


def counts(result):
    return {kind: result.totals[kind] for kind in ("new", "update", "skip")}


def history_count():
    return sum(
        model.history.count() for model in (Structure, Programme, Person, ProgrammeStructure)
    )


def load_all(tmp_path):
    for model, rows in (("structures", STRUCTURES), ("programmes", PROGRAMMES), ("people", PEOPLE)):
        result = run(model, csv_file(tmp_path, f"{model}.csv", rows))
        assert result.accepted, problems_of(result)
