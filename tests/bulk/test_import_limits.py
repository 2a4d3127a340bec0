"""The limits of an imported file (issue 23, item 9): an XLSX whose archive would inflate past
what memory holds (a « zip bomb ») and a file of too many lines are refused before they are
read, with a French sentence — in the command (no traceback) and in the admin (a form error,
not a 500)."""

import io
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bulk.files import FileTooLarge, check_archive
from programmes.models import Structure
from tests.bulk.samples import csv_file

pytestmark = pytest.mark.django_db


def workbook_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def bombed(content, size=3 * 1024 * 1024):
    """``content`` (an XLSX) with one more member: ``size`` bytes of one repeated character,
    which deflate shrinks about a thousand times (a few kB here, a few MB in a real attack)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            target.writestr(member, source.read(member.filename))
        target.writestr("xl/media/bombe.xml", "<" + "a" * size + ">")
    return output.getvalue()


STRUCTURE = ["coodem", "Coodem", "cae"]
HEADER = ["slug", "name", "kind"]


@pytest.fixture
def bomb(tmp_path):
    path = tmp_path / "structures.xlsx"
    path.write_bytes(bombed(workbook_bytes([HEADER, STRUCTURE])))
    return path


def refused(path, model="structures"):
    with pytest.raises(CommandError) as error:
        call_command("import_directory", str(path), "--model", model)
    return str(error.value)


def test_a_member_inflating_a_thousand_times_is_refused_before_reading(territories, bomb):
    message = refused(bomb)
    assert "structures.xlsx : classeur refusé : « xl/media/bombe.xml » se décompresse" in message
    assert "bombe de décompression" in message
    assert "Rien n’a été écrit" in message
    assert Structure.objects.count() == 0


def test_an_archive_too_big_once_inflated_is_refused(territories, tmp_path, settings):
    settings.ESSMAP_IMPORT_MAX_UNCOMPRESSED_BYTES = 2000
    path = tmp_path / "structures.xlsx"
    path.write_bytes(workbook_bytes([HEADER, STRUCTURE]))
    message = refused(path)
    assert "classeur trop gros" in message
    assert "Mo une fois décompressé, pour 0,0 Mo au plus" in message


def test_small_members_compressing_well_are_not_bombs(settings):
    # Styles and shared strings of a real workbook compress well too: the ratio is only
    # looked at from ESSMAP_IMPORT_RATIO_FROM_BYTES.
    check_archive(bombed(workbook_bytes([HEADER]), size=500_000))
    settings.ESSMAP_IMPORT_RATIO_FROM_BYTES = 100_000
    with pytest.raises(FileTooLarge, match="se décompresse"):
        check_archive(bombed(workbook_bytes([HEADER]), size=500_000))


def test_the_sizes_come_from_the_archive_not_from_reading_it(settings, monkeypatch):
    # Nothing is inflated to check: a bomb is refused without any member being read.
    def no_reading(*args, **kwargs):
        raise AssertionError("read")

    content = bombed(workbook_bytes([HEADER]))
    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(FileTooLarge, match="se décompresse"):
        check_archive(content)


def test_the_admin_says_why_in_french(admin_client, territories, bomb):
    admin_client.raise_request_exception = False
    with bomb.open("rb") as upload:
        response = admin_client.post(
            reverse("admin:programmes_structure_import"),
            {"resource": "0", "format": "1", "import_file": upload},
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fichier refusé, rien n’a été écrit : classeur refusé" in page
    assert "bombe de décompression" in page
    assert Structure.objects.count() == 0


def structure_rows(count):
    return [{"slug": f"s{n}", "name": f"Structure {n}", "kind": "cae"} for n in range(count)]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_more_lines_than_the_limit_are_refused(territories, tmp_path, settings, file_format):
    settings.ESSMAP_IMPORT_MAX_ROWS = 3
    rows = structure_rows(4)
    if file_format == "csv":
        path = csv_file(tmp_path, "structures.csv", rows)
    else:
        path = tmp_path / "structures.xlsx"
        path.write_bytes(workbook_bytes([HEADER] + [list(row.values()) for row in rows]))
    message = refused(path)
    assert f"structures.{file_format} : fichier trop long : plus de 3 lignes" in message
    assert "coupez-le en plusieurs fichiers" in message
    assert Structure.objects.count() == 0

    settings.ESSMAP_IMPORT_MAX_ROWS = 4
    call_command("import_directory", str(path), "--model", "structures", stdout=io.StringIO())
    assert Structure.objects.count() == 4


def test_the_admin_refuses_too_many_lines_in_french(admin_client, territories, tmp_path, settings):
    settings.ESSMAP_IMPORT_MAX_ROWS = 3
    path = csv_file(tmp_path, "structures.csv", structure_rows(4))
    admin_client.raise_request_exception = False
    with path.open("rb") as upload:
        response = admin_client.post(
            reverse("admin:programmes_structure_import"),
            {"resource": "0", "format": "0", "import_file": upload},
        )
    assert response.status_code == 200
    assert "fichier trop long : plus de 3 lignes" in response.content.decode()
    assert Structure.objects.count() == 0
