"""What import_data_inclusion refuses before reading (issue 23, item 9 and its low items): a
« zip bomb », too many records, hostile XML (billion laughs, an external entity), JSON nested
thousands of levels deep. Always a French sentence (a CommandError), never a traceback."""

import io
import json
import zipfile

import openpyxl
import pytest

from opendata.reading import read
from programmes.models import Structure
from tests.bulk.test_import_limits import bombed
from tests.opendata.test_import import json_file, refused, structure

pytestmark = pytest.mark.django_db


def di_workbook(structures=1):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Structures"
    sheet.append(["source", "id", "nom"])
    for n in range(structures):
        sheet.append(["dora", f"dora--s{n}", f"Structure {n}"])
    book.create_sheet("Services").append(["id", "structure_id", "nom"])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def with_doctype(content, doctype, reference):
    """``content`` (an XLSX) whose first sheet declares ``doctype`` and uses ``reference``."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("<worksheet", doctype + "<worksheet", 1)
                data = text.replace("<t>", "<t>" + reference, 1).encode()
            target.writestr(member, data)
    return output.getvalue()


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("doctype", "reference", "cause"),
    [
        (LAUGHS, "&lol9;", "limit on input amplification factor"),
        (XXE, "&xxe;", "undefined entity &xxe;"),
    ],
)
def test_hostile_xml_is_an_unreadable_workbook(territories, tmp_path, doctype, reference, cause):
    path = tmp_path / "di.xlsx"
    path.write_bytes(with_doctype(di_workbook(), doctype, reference))
    message = refused(path)
    assert f"di.xlsx : classeur XLSX illisible ({cause}" in message
    assert "Rien n’a été écrit" in message
    assert "Traceback" not in message
    assert Structure.objects.count() == 0


def test_json_nested_too_deep_is_unreadable(territories, tmp_path):
    path = tmp_path / "di.json"
    path.write_text('{"structures": ' + "[" * 100_000 + "]" * 100_000 + "}")
    message = refused(path)
    assert "di.json : JSON illisible (trop de niveaux imbriqués)" in message
    assert "Rien n’a été écrit" in message


def test_a_zip_bomb_is_refused_before_reading(territories, tmp_path):
    path = tmp_path / "di.xlsx"
    path.write_bytes(bombed(di_workbook()))
    message = refused(path)
    assert "di.xlsx : classeur refusé : « xl/media/bombe.xml » se décompresse" in message
    assert "Rien n’a été écrit" in message


def test_too_many_records_are_refused(territories, tmp_path, settings):
    settings.ESSMAP_IMPORT_MAX_ROWS = 2
    path = tmp_path / "di.xlsx"
    path.write_bytes(di_workbook(structures=3))
    assert "di.xlsx : fichier trop long : plus de 2 lignes" in refused(path)
    records = [structure(id=f"dora--s{n}") for n in range(3)]
    assert "di.json : fichier trop long : plus de 2 lignes" in refused(json_file(tmp_path, records))
    settings.ESSMAP_IMPORT_MAX_ROWS = 3
    assert len(read(path)[0]) == 3
    assert len(read(json_file(tmp_path, records))[0]) == 3


def test_the_limit_counts_both_lists(territories, tmp_path, settings):
    settings.ESSMAP_IMPORT_MAX_ROWS = 2
    path = tmp_path / "di.json"
    path.write_text(json.dumps({"structures": [structure()], "services": [{}, {}]}))
    assert "fichier trop long" in refused(path)
