"""Files that cannot be imported: empty, blank, a workbook without rows, a broken archive. A
French sentence with its cause, nothing written, a non-zero exit code; never a traceback."""

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from programmes.models import Structure

ROOT = Path(__file__).resolve().parents[2]


def empty_workbook(path):
    openpyxl.Workbook().save(path)
    return path


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("vide.csv", b"", "fichier vide"),
        ("lignes-blanches.csv", b"\n\n  \n", "fichier vide"),
        ("bom.csv", b"\xef\xbb\xbf", "fichier vide"),
        ("vide.xlsx", b"", "fichier vide"),
        ("casse.xlsx", b"PK\x03\x04", "fichier illisible (BadZipFile"),
    ],
)
def test_the_command_says_why_a_file_cannot_be_read(db, tmp_path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_directory", str(path), "--model", "structures")
    assert said in str(error.value) or said.replace("(BadZipFile", "(File is") in str(error.value)
    assert "Rien n’a été écrit" in str(error.value)
    assert "()" not in str(error.value)
    assert Structure.objects.count() == 0


def test_a_workbook_without_rows_is_empty(db, tmp_path):
    path = empty_workbook(tmp_path / "feuille.xlsx")
    with pytest.raises(CommandError, match="fichier vide"):
        call_command("import_directory", str(path), "--model", "programmes")


def test_an_empty_file_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_directory", str(path), "--model", "structures"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"ESSMAP_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "DEBUG": "1"},
    )
    assert result.returncode != 0
    assert "vide.csv : fichier vide. Rien n’a été écrit." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", "Le fichier soumis est vide"), (b"\n\n", "pendant la lecture du fichier")],
)
def test_the_admin_refuses_an_empty_file_in_french(admin_client, db, tmp_path, content, said):
    path = tmp_path / "vide.csv"
    path.write_bytes(content)
    admin_client.raise_request_exception = False
    with path.open("rb") as upload:
        response = admin_client.post(
            reverse("admin:programmes_structure_import"),
            {"resource": "0", "format": "0", "import_file": upload},
        )
    assert response.status_code == 200
    assert said in response.content.decode()
    assert Structure.objects.count() == 0
