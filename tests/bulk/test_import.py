"""Bulk import (the bulk app): what a valid file writes, idempotence, history, and bad
files refused whole, on the database given by DATABASE_URL (SQLite or PostgreSQL)."""

import datetime

import pytest

from bulk.results import problems_of
from programmes.models import (
    Person,
    Programme,
    ProgrammeStructure,
    Structure,
)
from territories.models import FormerCode
from tests.bulk.samples import (
    PEOPLE,
    PROGRAMMES,
    STRUCTURES,
    counts,
    csv_file,
    history_count,
    load_all,
    run,
)
from tests.conftest import make_structure

pytestmark = pytest.mark.django_db


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
    assert coodem.kind.value == "cae"
    assert coodem.commune == territories["mayenne"]
    assert coodem.latitude == 48.30312
    assert coodem.longitude == -0.6123
    assert coodem.founded_year == 2003
    assert coodem.verified_on == datetime.date(2021, 6, 1)
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
    assert coodem.search_title
    assert reseau.search_title


def test_an_import_records_one_history_record_per_line_with_links_and_file_name(coodem):
    record = coodem.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "import en masse (structures.csv)"
    assert {link.territory.key for link in record.territories.all()} == {"dep-53", "200055887"}
    assert [link.to_structure.slug for link in record.networks.all()] == ["reseau-cae"]


def test_a_valid_programmes_file_is_accepted(programmes_result):
    assert programmes_result.accepted, problems_of(programmes_result)


def test_imported_programme_has_the_values_of_its_line(may):
    assert may.stages == ["idee", "creation"]
    assert may.is_free is True
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
    assert ended.status == "termine"
    assert ended.end_year == 2020
    assert {s.slug for s in ended.structures.all()} == {"coodem", "ouvre-boites", "reseau-cae"}


def test_a_valid_people_file_is_accepted(people_result):
    assert people_result.accepted, problems_of(people_result)


def test_imported_person_has_structure_visibility_and_programme_links(people_result):
    assert people_result.accepted, problems_of(people_result)
    camille = Person.objects.get(name="Camille Martin")
    assert camille.structure.slug == "coodem"
    assert camille.is_public
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
    assert latest.history_type == "~"
    assert coodem.history.count() == 2
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
    assert Structure.objects.count() == 3
    assert Programme.objects.count() == 2


def test_dry_run_tells_and_writes_nothing(territories, tmp_path):
    before = history_count()
    result = run("structures", csv_file(tmp_path, "s.csv", STRUCTURES), dry_run=True)
    assert result.accepted
    assert counts(result) == {"new": 3, "update": 0, "skip": 0}
    assert Structure.objects.count() == 0
    assert history_count() == before


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
    assert Structure.objects.count() == 0
    assert history_count() == before


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
    assert Programme.objects.count() == 0
    assert ProgrammeStructure.objects.count() == 0


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


# Not serialized_rollback: on PostgreSQL, after another transactional test's flush has made
# the content types again under new ids, restoring the snapshot taken at creation collides
# with them (a duplicate key at set-up, depending on the order drawn). The territories
# fixture puts back what this test needs; it counts only what the import adds.
@pytest.mark.django_db(transaction=True)
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
# A structure's general accompaniment (issue 12 §2)


def test_general_stages_column_sets_the_general_accompaniment(territories, tmp_path):
    coodem = {k: v for k, v in STRUCTURES[0].items() if k not in ("partners", "networks")}
    rows = [coodem | {"general_stages": "creation|developpement"}]
    result = run("structures", csv_file(tmp_path, "structures.csv", rows))
    assert result.accepted, problems_of(result)
    assert Structure.objects.get(slug="coodem").general_stages == ["creation", "developpement"]
    again = run("structures", csv_file(tmp_path, "structures.csv", rows))
    assert counts(again) == {"new": 0, "update": 0, "skip": 1}


def test_a_funder_line_with_general_stages_is_refused(territories, tmp_path):
    row = {"slug": "banque", "name": "Banque", "kind": "financeur", "general_stages": "creation"}
    result = run("structures", csv_file(tmp_path, "structures.csv", [row]))
    assert not result.accepted
    assert "n’a pas d’accompagnement général" in " ".join(problems_of(result))
    assert not Structure.objects.filter(slug="banque").exists()
