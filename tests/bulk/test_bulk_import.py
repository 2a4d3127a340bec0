"""Bulk import and export (the bulk app): through the service, the command and
the admin, on the database given by DATABASE_URL (SQLite or PostgreSQL)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bulk.files import export_file, import_dataset, read_file
from bulk.resources import ProgrammeResource
from bulk.results import problems_of
from curation.roles import READER
from programmes.models import (
    Person,
    PersonProgramme,
    Programme,
    ProgrammeKind,
    ProgrammeStructure,
    Structure,
)
from territories.models import FormerCode, Territory
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

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


# ---------------------------------------------------------------------------
# What a file says, and idempotence


@pytest.fixture
def structures_result(territories, tmp_path, django_capture_on_commit_callbacks):
    # Search documents are rebuilt once the import commits (search.indexing).
    with django_capture_on_commit_callbacks(execute=True):
        return run("structures", csv_file(tmp_path, "structures.csv", STRUCTURES))


@pytest.fixture
def programmes_result(structures_result, tmp_path, django_capture_on_commit_callbacks):
    assert structures_result.accepted, problems_of(structures_result)
    with django_capture_on_commit_callbacks(execute=True):
        return run("programmes", csv_file(tmp_path, "programmes.csv", PROGRAMMES))


@pytest.fixture
def people_result(programmes_result, tmp_path):
    assert programmes_result.accepted, problems_of(programmes_result)
    return run("people", csv_file(tmp_path, "people.csv", PEOPLE))


@pytest.fixture
def coodem(structures_result):
    assert structures_result.accepted, problems_of(structures_result)
    return Structure.objects.get(slug="coodem")


@pytest.fixture
def may(programmes_result):
    assert programmes_result.accepted, problems_of(programmes_result)
    return Programme.objects.get(slug="may-idees")


def test_a_valid_structures_file_creates_one_entry_per_line(structures_result):
    assert structures_result.accepted, problems_of(structures_result)
    assert counts(structures_result) == {"new": 3, "update": 0, "skip": 0}


def test_imported_structure_has_the_values_of_its_line(coodem, territories):
    assert coodem.kind.value == "cae" and coodem.commune == territories["mayenne"]
    assert coodem.latitude == 48.30312 and coodem.longitude == -0.6123
    assert coodem.founded_year == 2003 and coodem.verified_on == datetime.date(2021, 6, 1)
    assert coodem.phone.as_e164 == "+33243000000"
    assert coodem.publication_status == "publie"


def test_imported_structure_has_the_territories_and_publics_of_its_line(coodem):
    assert {t.key for t in coodem.territories.all()} == {"dep-53", "200055887"}
    assert {p.value for p in coodem.publics.all()} == {"tous-publics", "jeunes"}


def test_partners_are_reciprocal_and_networks_may_name_a_later_line(coodem):
    assert [s.slug for s in coodem.partners.all()] == ["ouvre-boites"]
    assert [s.slug for s in coodem.networks.all()] == ["reseau-cae"]


def test_an_empty_cell_takes_the_models_default(coodem):
    reseau = Structure.objects.get(slug="reseau-cae")
    assert reseau.publication_status == "brouillon"


def test_an_import_rebuilds_the_search_documents(coodem):
    reseau = Structure.objects.get(slug="reseau-cae")
    assert coodem.search_title and reseau.search_title


def test_an_import_records_one_history_record_per_line_with_links_and_file_name(coodem):
    record = coodem.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "import en masse (structures.csv)"
    assert {link.territory.key for link in record.territories.all()} == {"dep-53", "200055887"}
    assert [link.to_structure.slug for link in record.networks.all()] == ["reseau-cae"]


def test_a_valid_programmes_file_is_accepted(programmes_result):
    assert programmes_result.accepted, problems_of(programmes_result)


def test_imported_programme_has_the_values_of_its_line(may):
    assert may.stages == ["idee", "creation"] and may.is_free is True
    assert may.verified_on == datetime.date(2021, 6, 1)
    assert "coodem" in may.search_body  # its operator's name


def test_imported_programme_links_operators_and_partners(may):
    assert sorted((link.structure.slug, link.role) for link in may.structure_links.all()) == [
        ("coodem", "operateur"),
        ("ouvre-boites", "partenaire"),
    ]


def test_next_steps_may_name_a_programme_later_in_the_file(may):
    assert [p.slug for p in may.next_steps.all()] == ["test-activite"]


def test_an_ended_programme_keeps_its_end_year_and_every_structure_role(may):
    ended = Programme.objects.get(slug="test-activite")
    assert ended.status == "termine" and ended.end_year == 2020
    assert {s.slug for s in ended.structures.all()} == {"coodem", "ouvre-boites", "reseau-cae"}


def test_a_valid_people_file_is_accepted(people_result):
    assert people_result.accepted, problems_of(people_result)


def test_imported_person_has_structure_visibility_and_programme_links(people_result):
    assert people_result.accepted, problems_of(people_result)
    camille = Person.objects.get(name="Camille Martin")
    assert camille.structure.slug == "coodem" and camille.is_public
    assert not camille.contact_is_public
    assert sorted(camille.programme_links.values_list("programme__slug", "relation")) == [
        ("may-idees", "contact"),
        ("test-activite", "temoignage"),
    ]


def test_a_person_without_structure_is_imported(people_result):
    assert people_result.accepted, problems_of(people_result)
    assert Person.objects.get(name="Sam Durand").structure is None


def test_the_same_files_again_change_nothing(territories, tmp_path):
    load_all(tmp_path)
    before = history_count()
    stamps = sorted(Structure.objects.values_list("updated_at", flat=True))
    for model, rows in (("structures", STRUCTURES), ("programmes", PROGRAMMES), ("people", PEOPLE)):
        result = run(model, csv_file(tmp_path, f"{model}.csv", rows))
        assert result.accepted, problems_of(result)
        assert counts(result) == {"new": 0, "update": 0, "skip": len(rows)}, model
    assert history_count() == before
    assert sorted(Structure.objects.values_list("updated_at", flat=True)) == stamps


def test_history_without_keys_back_from_bulk_inserts(territories, tmp_path, monkeypatch):
    """A database that does not return the keys of bulk inserted rows (MySQL…) gets the same
    history: one record per line, with its links."""
    from django.db import connection

    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    load_all(tmp_path)
    coodem = Structure.objects.get(slug="coodem")
    record = coodem.history.get()
    assert record.history_type == "+"
    assert {link.territory.key for link in record.territories.all()} == {"dep-53", "200055887"}
    assert [link.to_structure.slug for link in record.partners.all()] == ["ouvre-boites"]
    may = Programme.objects.get(slug="may-idees").history.get()
    assert {link.format.value for link in may.formats.all()} == {"collectif", "individuel"}
    changed = [dict(row) for row in STRUCTURES]
    changed[0]["territories"] = "dep-53"
    result = run("structures", csv_file(tmp_path, "changed.csv", changed))
    assert counts(result) == {"new": 0, "update": 1, "skip": 2}
    latest = coodem.history.first()
    assert latest.history_type == "~" and coodem.history.count() == 2
    assert [link.territory.key for link in latest.territories.all()] == ["dep-53"]
    before = history_count()
    assert counts(run("structures", csv_file(tmp_path, "changed.csv", changed)))["skip"] == 3
    assert history_count() == before


@pytest.fixture
def loaded(territories, tmp_path):
    load_all(tmp_path)


@pytest.fixture
def history_before_change(loaded):
    return {s.slug: s.history.count() for s in Structure.objects.all()}


@pytest.fixture
def changed_structures(history_before_change, tmp_path, django_capture_on_commit_callbacks):
    changed = [dict(row) for row in STRUCTURES]
    changed[0]["name"] = "Coodem Mayenne"
    changed[0]["territories"] = "dep-53"
    with django_capture_on_commit_callbacks(execute=True):
        return run("structures", csv_file(tmp_path, "changed.csv", changed))


def test_a_changed_line_updates_only_its_entry(changed_structures):
    assert counts(changed_structures) == {"new": 0, "update": 1, "skip": 2}


def test_a_changed_line_updates_its_values_links_and_search(changed_structures):
    coodem = Structure.objects.get(slug="coodem")
    assert coodem.name == "Coodem Mayenne"
    assert [t.key for t in coodem.territories.all()] == ["dep-53"]
    assert "mayen" in coodem.search_title


def test_a_changed_line_adds_one_history_record_only_to_its_entry(
    changed_structures, history_before_change
):
    coodem = Structure.objects.get(slug="coodem")
    assert coodem.history.count() == history_before_change["coodem"] + 1
    assert [link.territory.key for link in coodem.history.first().territories.all()] == ["dep-53"]
    assert coodem.history.first().history_change_reason == "import en masse (changed.csv)"
    reseau = Structure.objects.get(slug="reseau-cae")
    assert reseau.history.count() == history_before_change["reseau-cae"]


def test_only_the_operators_column_changes_operators_partners_stay(loaded, tmp_path):
    programmes = [dict(row) for row in PROGRAMMES]
    programmes[0]["operators"] = "ouvre-boites"
    for row in programmes:
        row.pop("partners", None)
    result = run("programmes", csv_file(tmp_path, "programmes2.csv", programmes))
    assert counts(result) == {"new": 0, "update": 1, "skip": 1}, problems_of(result)
    may = Programme.objects.get(slug="may-idees")
    assert sorted((link.structure.slug, link.role) for link in may.structure_links.all()) == [
        ("ouvre-boites", "operateur"),
        ("ouvre-boites", "partenaire"),
    ]


def test_entries_absent_from_the_file_are_never_deleted(territories, tmp_path):
    load_all(tmp_path)
    result = run("structures", csv_file(tmp_path, "one.csv", STRUCTURES[2:]))
    assert counts(result) == {"new": 0, "update": 0, "skip": 1}
    assert Structure.objects.count() == 3 and Programme.objects.count() == 2


def test_dry_run_tells_and_writes_nothing(territories, tmp_path):
    before = history_count()
    result = run("structures", csv_file(tmp_path, "s.csv", STRUCTURES), dry_run=True)
    assert result.accepted and counts(result) == {"new": 3, "update": 0, "skip": 0}
    assert Structure.objects.count() == 0 and history_count() == before


def test_former_commune_codes_are_read_as_their_current_commune(territories, tmp_path):
    FormerCode.objects.create(code="53999", name="Ancienne commune", territory=territories["laval"])
    rows = [{**STRUCTURES[2], "commune": "53999", "territories": "53999|FR"}]
    assert run("structures", csv_file(tmp_path, "s.csv", rows)).accepted
    reseau = Structure.objects.get(slug="reseau-cae")
    assert reseau.commune == territories["laval"]
    assert {t.key for t in reseau.territories.all()} == {"53130", "FR"}
    assert counts(run("structures", csv_file(tmp_path, "s.csv", rows)))["skip"] == 1


def test_stage_columns_set_the_stages(territories, tmp_path):
    flags = [
        {
            "slug": "cjs",
            "name": "CJS",
            "stage_idee": "x",
            "stage_creation": "non",
            "stage_developpement": "oui",
        }
    ]
    assert run("programmes", csv_file(tmp_path, "p.csv", flags)).accepted
    assert Programme.objects.get(slug="cjs").stages == ["idee", "developpement"]


# ---------------------------------------------------------------------------
# Bad files: nothing written, every bad line reported


def test_a_bad_structures_file_writes_nothing_and_reports_every_line(territories, tmp_path):
    rows = [
        {"slug": "coodem", "name": "Coodem", "kind": "cae", "territories": "99999"},
        {"slug": "mauvais-site", "name": "Site", "kind": "cae", "website": "pas une adresse"},
        {"slug": "sans-nom", "name": "", "kind": "cae"},
        {"slug": "coodem", "name": "Coodem bis", "kind": "cae"},
        {"slug": "licorne", "name": "Licorne", "kind": "licorne", "publics": "jeunes|martiens"},
        {"slug": "courriel", "name": "Courriel", "kind": "cae", "email": "pas-un-courriel"},
        {"slug": "valide", "name": "Valide", "kind": "cae", "partners": "seule"},
        {"slug": "", "name": "Sans slug", "kind": "cae"},
        {"slug": "seule", "name": "Seule", "kind": "cae", "commune": "dep-53"},
    ]
    before = history_count()
    result = run("structures", csv_file(tmp_path, "bad.csv", rows))
    assert not result.accepted
    problems = problems_of(result)
    for expected in [
        "ligne 2, territories : territoire inconnu « 99999 »",
        "ligne 3, website : Saisissez une URL valide.",
        "ligne 4, name : nom manquant",
        "ligne 5, slug : slug « coodem » en double : déjà ligne 2",
        "ligne 6, kind : type de structure inconnu « licorne »",
        "ligne 6, publics : public inconnu « martiens »",
        "ligne 7, email : Saisissez une adresse de courriel valide.",
        "ligne 8, partners : « seule » ne cite pas « valide » parmi ses partenaires, ligne 10 "
        "(un partenariat est réciproque)",
        "ligne 9, slug : slug manquant : chaque ligne est identifiée par son slug",
        "ligne 10, commune : commune inconnue « dep-53 »",
    ]:
        assert expected in problems, (expected, problems)
    assert len(problems) == 10, problems
    assert Structure.objects.count() == 0 and history_count() == before


def test_a_bad_programmes_file_writes_nothing_and_reports_every_line(territories, tmp_path):
    make_structure("Coodem")
    rows = [
        {"slug": "fini", "name": "Fini", "status": "termine", "operators": "coodem"},
        {"slug": "fantome", "name": "Fantôme", "operators": "coodem|inconnue"},
        {"slug": "bientot", "name": "Bientôt", "stages": "idee|bientot"},
        {"slug": "suite", "name": "Suite", "next_steps": "nulle-part"},
        {"slug": "date", "name": "Date", "verified_on": "31/02/2021", "is_free": "peut-être"},
        {"slug": "annees", "name": "Années", "start_year": "2020", "end_year": "vingt"},
        {"slug": "statut", "name": "Statut", "status": "en pause", "publication_status": "x"},
        {"slug": "bon", "name": "Bon", "operators": "coodem", "stages": "idee"},
    ]
    result = run("programmes", csv_file(tmp_path, "bad.csv", rows))
    problems = problems_of(result)
    for expected in [
        "ligne 2, end_year : Indiquez l’année de fin d’un dispositif terminé.",
        "ligne 3, operators : structure inconnue « inconnue »",
        "ligne 4, stages : étape inconnue « bientot » (idee, creation ou developpement)",
        "ligne 5, next_steps : dispositif inconnu « nulle-part »",
        "ligne 6, verified_on : date invalide « 31/02/2021 » (attendu AAAA-MM-JJ)",
        "ligne 6, is_free : « peut-être » : écrivez oui ou non",
        "ligne 7, end_year : année invalide « vingt »",
    ]:
        assert expected in problems, (expected, problems)
    assert any(p.startswith("ligne 8, status : ") for p in problems), problems
    assert any(p.startswith("ligne 8, publication_status : ") for p in problems), problems
    assert not any(p.startswith("ligne 9") for p in problems)
    assert Programme.objects.count() == 0 and ProgrammeStructure.objects.count() == 0


def test_bad_people_lines_are_reported(territories, tmp_path):
    make_structure("Coodem")
    rows = [
        {"name": "Camille", "structure": "inconnue", "programmes": ""},
        {"name": "Camille", "structure": "coodem", "programmes": "nulle-part"},
        {"name": "Camille", "structure": "coodem", "programmes": ""},
        {"name": "", "structure": "coodem", "programmes": ""},
        {"name": "Sam", "structure": "", "programmes": "x:cousin"},
    ]
    problems = problems_of(run("people", csv_file(tmp_path, "bad.csv", rows)))
    for expected in [
        "ligne 2, structure : structure inconnue « inconnue »",
        "ligne 3, programmes : dispositif inconnu « nulle-part »",
        "ligne 4, name : « Camille » (coodem) en double : déjà ligne 3",
        "ligne 5, name : nom manquant",
        "ligne 6, programmes : lien inconnu « cousin » (contact ou temoignage)",
    ]:
        assert expected in problems, (expected, problems)
    assert Person.objects.count() == 0


def test_unknown_or_missing_columns_refuse_the_file(territories, tmp_path):
    rows = [{"slug": "x", "name": "X", "kind": "cae", "territoire": "dep-53"}]
    problems = problems_of(run("structures", csv_file(tmp_path, "s.csv", rows)))
    assert problems[0].startswith("fichier : colonne inconnue : « territoire »")
    problems = problems_of(run("structures", csv_file(tmp_path, "s.csv", [{"name": "X"}])))
    assert problems == ["fichier : colonne obligatoire absente : « slug »"]
    assert Structure.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_all_or_nothing_holds_outside_any_test_transaction(territories, tmp_path):
    # Valid lines come first: they are written, then rolled back with the rest.
    # Counted from what is there: this test's database is not reset by a rollback, so what
    # matters is what the import adds, not what the tests before it may have left.
    structures, history = Structure.objects.count(), history_count()
    bad = [*STRUCTURES, {"slug": "x", "name": "X", "kind": "licorne"}]
    assert not run("structures", csv_file(tmp_path, "bad.csv", bad)).accepted
    assert Structure.objects.count() == structures
    assert history_count() == history
    assert run("structures", csv_file(tmp_path, "good.csv", STRUCTURES)).accepted
    assert Structure.objects.count() == structures + 3


# ---------------------------------------------------------------------------
# Export round-trips


SKIPPED = {"id", "created_at", "updated_at", "search_title", "search_body", "search_vector"}


def natural(obj):
    for attribute in ("slug", "key", "value"):
        if hasattr(obj, attribute):
            return getattr(obj, attribute)
    raise AssertionError(obj)


def state(obj):
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name not in SKIPPED:
            value = getattr(obj, field.name)
            if field.is_relation and value is not None:
                value = natural(value)
            values[field.name] = str(value) if field.name == "phone" else value
    for field in obj._meta.many_to_many:
        if field.name not in ("structures", "programmes"):
            values[field.name] = sorted(natural(o) for o in getattr(obj, field.name).all())
    return values


def snapshot():
    return {
        "structures": {s.slug: state(s) for s in Structure.objects.all()},
        "programmes": {
            p.slug: state(p)
            | {"links": sorted((k.structure.slug, k.role) for k in p.structure_links.all())}
            for p in Programme.objects.all()
        },
        "people": sorted(
            repr(
                state(p)
                | {"links": sorted(p.programme_links.values_list("programme__slug", "relation"))}
            )
            for p in Person.objects.all()
        ),
    }


@pytest.fixture
def directory(territories):
    """A directory made in the admin's way (not by an import)."""
    coodem = make_structure(
        "Coodem",
        territories=[territories["dep53"], territories["cc_mayenne"]],
        commune=territories["mayenne"],
        aliases="Coopérative de Mayenne, CAE 53",
        legal_form="SCOP SA",
        founded_year=2003,
        address="12 rue de la Paix",
        postcode="53100",
        latitude=48.30312345678,
        longitude=-0.6123456789,
        website="https://coodem.fr/",
        email="contact@coodem.fr",
        phone="+262 262 12 34 56",
        description="Accompagne; les « projets », y compris | et ; dans le texte.\nDeux lignes.",
        curator_notes="Orthographe : Co-odem dans 003.",
    )
    obt = make_structure("Ouvre-Boîtes 44", territories=[territories["dep44"]], published=False)
    network = make_structure("Réseau des CAE", kind="reseau-ess", territories=[territories["FR"]])
    coodem.partners.add(obt)
    coodem.networks.add(network)
    obt.networks.add(network)
    test = make_programme(
        "Test d’activité",
        stages=("creation",),
        operators=[coodem, obt],
        status="termine",
        start_year=2010,
        end_year=2020,
        is_free=False,
        cost_details="10 % du chiffre d’affaires",
    )
    may = make_programme(
        "May'Idées",
        stages=("idee", "creation"),
        territories=[territories["dep53"]],
        operators=[coodem],
        publics=("jeunes", "femmes"),
        sectors=("batiment",),
        formats=("collectif",),
        kind=ProgrammeKind.objects.get(value="pre-incubation"),
        verified_on=datetime.date(2021, 6, 1),
        how_to_apply="Écrire à contact@coodem.fr",
    )
    ProgrammeStructure.objects.create(programme=may, structure=obt, role="partenaire")
    ProgrammeStructure.objects.create(programme=may, structure=network, role="financeur")
    may.next_steps.add(test)
    camille = Person.objects.create(
        name="Camille Martin", role="Chargée", structure=coodem, is_public=True, phone="0243000000"
    )
    PersonProgramme.objects.create(person=camille, programme=may)
    PersonProgramme.objects.create(person=camille, programme=test, relation="temoignage")
    Person.objects.create(name="Sam Durand", email="sam@example.org")
    return snapshot()


def export_all(tmp_path, file_format):
    paths = {}
    for model in ("structures", "programmes", "people"):
        paths[model] = tmp_path / f"{model}.{file_format}"
        paths[model].write_bytes(export_file(model, file_format))
    return paths


def empty_the_directory():
    Person.objects.all().delete()
    Programme.objects.all().delete()
    Structure.objects.all().delete()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_round_trips_through_import(directory, tmp_path, file_format):
    paths = export_all(tmp_path, file_format)
    before = history_count()
    for model, path in paths.items():  # into the same database: nothing changes
        result = run(model, path)
        assert result.accepted, problems_of(result)
        assert result.totals["new"] == result.totals["update"] == 0, model
    assert history_count() == before and snapshot() == directory

    empty_the_directory()
    for model, path in paths.items():  # into an emptied one: everything comes back
        result = run(model, path)
        assert result.accepted, problems_of(result)
    assert snapshot() == directory


def test_exported_csv_is_for_french_spreadsheets(directory):
    data = export_file("programmes", "csv").decode("utf-8")
    assert data.startswith("\ufeffslug;name;aliases;kind;description;website;stages;formats;")
    assert "stage_idee" not in data.splitlines()[0]  # import-only columns
    assert "may-idees;May'Idées;;pre-incubation;" in data
    assert ";idee|creation;collectif;" in data


def test_xlsx_cells_typed_by_a_spreadsheet(territories, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["slug", "name", "kind", "commune", "founded_year", "verified_on", "latitude"])
    sheet.append(["coodem", "Coodem", "cae", 53147, 2003, datetime.datetime(2021, 6, 1), 48.3])
    sheet.append([None] * 7)  # a formatted but empty line
    sheet["H1"], sheet["H2"] = "longitude", -0.6
    path = tmp_path / "structures.xlsx"
    book.save(path)
    result = run("structures", path)
    assert result.accepted, problems_of(result)
    coodem = Structure.objects.get()
    assert coodem.commune == territories["mayenne"] and coodem.founded_year == 2003
    assert coodem.verified_on == datetime.date(2021, 6, 1) and coodem.latitude == 48.3
    assert counts(run("structures", path)) == {"new": 0, "update": 0, "skip": 2}


# ---------------------------------------------------------------------------
# Command


def test_command_reports_in_french(territories, tmp_path):
    bad = csv_file(tmp_path, "bad.csv", [{"slug": "x", "name": "X", "kind": "licorne"}])
    with pytest.raises(CommandError) as error:
        call_command("import_directory", str(bad), "--model", "structures")
    message = str(error.value)
    assert "rien n’a été écrit" in message
    assert "ligne 2, kind : type de structure inconnu « licorne »" in message

    good = csv_file(tmp_path, "good.csv", STRUCTURES)
    out = io.StringIO()
    call_command("import_directory", str(good), "--model", "structures", "--dry-run", stdout=out)
    assert "Essai à blanc" in out.getvalue() and "3 créations" in out.getvalue()
    assert Structure.objects.count() == 0
    call_command("import_directory", str(good), "--model", "structures", stdout=out)
    assert "3 créations, 0 mise à jour, 0 sans changement." in out.getvalue()
    assert Structure.objects.count() == 3

    unreadable = tmp_path / "notes.txt"
    unreadable.write_text("?")
    with pytest.raises(CommandError, match="format inconnu"):
        call_command("import_directory", str(unreadable), "--model", "people")


# ---------------------------------------------------------------------------
# Admin


def admin_upload(client, model, path):
    with path.open("rb") as upload:
        return client.post(
            reverse(f"admin:programmes_{model}_import"),
            {"resource": "0", "format": "0", "import_file": upload},
        )


def test_admin_import_shows_the_dry_run_then_writes_on_confirm(admin_client, territories, tmp_path):
    page = admin_client.get(reverse("admin:programmes_structure_import"))
    assert page.status_code == 200
    assert "Importer" in page.content.decode()

    response = admin_upload(admin_client, "structure", csv_file(tmp_path, "s.csv", STRUCTURES))
    html = response.content.decode()
    assert "Aperçu" in html and "Nouveau" in html and "Confirmer l’importation" in html
    assert "Ouvre-Boîtes 44" in html
    assert Structure.objects.count() == 0  # a dry run

    confirm = response.context["confirm_form"].initial
    response = admin_client.post(
        reverse("admin:programmes_structure_process_import"), confirm, follow=True
    )
    assert Structure.objects.count() == 3
    assert Structure.objects.get(slug="coodem").history.get().history_user.username == "admin"
    assert "Import terminé (structures) : 3 créations, 0 mise à jour, 0 sans changement." in (
        response.content.decode()
    )

    # The same file again: every line shown as unchanged.
    response = admin_upload(admin_client, "structure", csv_file(tmp_path, "s.csv", STRUCTURES))
    assert response.content.decode().count("Ignoré") == 3


def test_admin_preview_shows_every_column_of_new_entries(admin_client, territories, tmp_path):
    load_all(tmp_path)
    rows = [
        {
            "slug": "nouveau",
            "name": "Nouveau dispositif",
            "operators": "coodem",
            "partners": "ouvre-boites",
            "financers": "reseau-cae",
            "next_steps": "may-idees",
            "publics": "jeunes",
        }
    ]
    response = admin_upload(admin_client, "programme", csv_file(tmp_path, "p.csv", rows))
    cells = [c.strip() for c in response.content.decode().split("<td>")]
    added = '<ins style="background:#e6ffe6;">'
    for value in ("coodem", "ouvre-boites", "reseau-cae", "may-idees", "jeunes"):
        assert any(c.startswith(added + value) for c in cells), value
    assert not Programme.objects.filter(slug="nouveau").exists()


def test_admin_import_of_a_bad_file_shows_each_line_and_no_confirm(
    admin_client, territories, tmp_path
):
    rows = [
        PROGRAMMES[1] | {"operators": "coodem"},
        {"slug": "x", "name": "X", "status": "termine", "territories": "99999"},
    ]
    response = admin_upload(admin_client, "programme", csv_file(tmp_path, "p.csv", rows))
    html = response.content.decode()
    assert "Certaines lignes ont échoué à la validation" in html
    assert "structure inconnue « coodem »" in html
    assert "territoire inconnu « 99999 »" in html
    assert "Indiquez l’année de fin d’un dispositif terminé." in html
    assert "<td>2 </td>" in html and "<td>3 </td>" in html  # file lines, header = line 1
    assert "Confirmer l’importation" not in html and "confirm_form" not in response.context
    assert Programme.objects.count() == 0


def test_admin_confirm_of_a_file_gone_bad_writes_nothing(admin_client, territories, tmp_path):
    """Between the dry run and the confirmation, the database changed: refused as a whole."""
    load_all(tmp_path)
    response = admin_upload(admin_client, "person", csv_file(tmp_path, "p.csv", PEOPLE))
    confirm = response.context["confirm_form"].initial
    Person.objects.all().delete()
    Programme.objects.filter(slug="test-activite").delete()
    response = admin_client.post(
        reverse("admin:programmes_person_process_import"), confirm, follow=True
    )
    assert "Import refusé, rien n’a été écrit" in response.content.decode()
    assert "dispositif inconnu « test-activite »" in response.content.decode()
    assert Person.objects.count() == 0


def test_admin_export_round_trips(admin_client, directory, tmp_path):
    fields = {f"programmeresource_{name}": "on" for name in ProgrammeResource().get_export_order()}
    for index, extension in ((0, "csv"), (1, "xlsx")):
        response = admin_client.post(
            reverse("admin:programmes_programme_export"),
            {"resource": "0", "format": str(index), **fields},
        )
        assert response.status_code == 200, response.content.decode()[:2000]
        path = tmp_path / f"programmes.{extension}"
        path.write_bytes(response.content)
        result = run("programmes", path)
        assert result.accepted, problems_of(result)
        assert counts(result) == {"new": 0, "update": 0, "skip": 2}


def test_only_unrestricted_curators_may_import(client, territories):
    reader = User.objects.create_user("lecteur", password="x", is_staff=True)
    reader.groups.add(Group.objects.get(name=READER))
    client.force_login(reader)
    assert client.get(reverse("admin:programmes_structure_import")).status_code == 403
    assert client.get(reverse("admin:programmes_structure_export")).status_code == 200
    assert Territory.objects.exists()
