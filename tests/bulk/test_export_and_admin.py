"""Bulk export and its round trip through import, the import_directory command, and the
admin's « Importer » / « Exporter » pages."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bulk.files import export_file
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
from territories.models import Territory
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
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


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
        general_stage_creation=True,
        general_stage_developpement=True,
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
    assert history_count() == before
    assert snapshot() == directory

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
    sheet.append(["coodem", "Coodem", "cae", 53147, 2003, datetime.datetime(2021, 6, 1), 48.3])  # noqa: DTZ001 (a spreadsheet cell has no zone)
    sheet.append([None] * 7)  # a formatted but empty line
    sheet["H1"], sheet["H2"] = "longitude", -0.6
    path = tmp_path / "structures.xlsx"
    book.save(path)
    result = run("structures", path)
    assert result.accepted, problems_of(result)
    coodem = Structure.objects.get()
    assert coodem.commune == territories["mayenne"]
    assert coodem.founded_year == 2003
    assert coodem.verified_on == datetime.date(2021, 6, 1)
    assert coodem.latitude == 48.3
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
    assert "Essai à blanc" in out.getvalue()
    assert "3 créations" in out.getvalue()
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
    assert "Aperçu" in html
    assert "Nouveau" in html
    assert "Confirmer l’importation" in html
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
    assert "<td>2 </td>" in html
    assert "<td>3 </td>" in html
    assert "Confirmer l’importation" not in html
    assert "confirm_form" not in response.context
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
