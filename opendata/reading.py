"""Reading a data·inclusion file: the records it holds, each with the place a curator finds it
at (sheet and line, or list and number), before any validation.

Two formats (docs/open-data.md, « Import d’un fichier data·inclusion »):

- JSON: one object ``{"structures": [...], "services": [...]}`` (either list may be absent),
  or a list of structures alone;
- XLSX as data·inclusion's own validator reads it: sheets ``Structures`` and ``Services``,
  first row = field names, a non-empty ``__ignore__`` cell skips its row (descriptions,
  examples), list fields as comma-separated text, every cell read as text.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

# One error for every unreadable file, whichever import reads it (message in French).
from bulk.files import FileError, FileTooLarge, check_archive, check_row_count, file_content
from essmap.validators import NUL, has_nul

# The schema's list fields, comma-separated in the validator's XLSX.
LIST_FIELDS = {
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
    "reseaux_porteurs",
}
IGNORE_COLUMN = "__ignore__"
SHEETS = {"structures": "Structures", "services": "Services"}


@dataclass
class Record:
    kind: str  # "structures" or "services"
    place: str  # « Structures, ligne 3 », « services n° 2 »
    data: dict


def read(path):
    """``(structures, services)``: the :class:`Record` lists of a .json or .xlsx file."""
    path = Path(path)
    content = file_content(path, (".json", ".xlsx"))
    if path.suffix.lower() == ".json":
        return _read_json(path.name, content)
    return _read_xlsx(path.name, content)


def _read_json(name, content):
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FileError(f"{name} : ce n’est pas de l’UTF-8") from error
    except json.JSONDecodeError as error:
        raise FileError(
            f"{name} : JSON illisible (ligne {error.lineno}, colonne {error.colno} : {error.msg})"
        ) from error
    except RecursionError as error:  # thousands of nested [[[[…: no record is that deep
        raise FileError(f"{name} : JSON illisible (trop de niveaux imbriqués)") from error
    if isinstance(data, list):
        data = {"structures": data}
    if not isinstance(data, dict) or not ({"structures", "services"} & set(data)):
        raise FileError(
            f"{name} : attendu un objet JSON avec les listes « structures » et « services » "
            "(ou une liste de structures)"
        )
    lists = []
    for kind in ("structures", "services"):
        items = data.get(kind) or []
        if not isinstance(items, list):
            raise FileError(f"{name} : « {kind} » doit être une liste")
        try:
            check_row_count(sum(map(len, lists)) + len(items))
        except FileTooLarge as error:
            raise FileError(f"{name} : {error}") from error
        records = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise FileError(f"{name} : {kind} n° {number} n’est pas un objet JSON")
            for field, value in item.items():
                if has_nul(field) or has_nul(value):
                    raise FileError(
                        f"{name} : {kind} n° {number}, champ « {field.replace(NUL, '')} » : "
                        "caractère nul (U+0000), que la base de données refuse ; retirez-le"
                    )
            records.append(Record(kind, f"{kind} n° {number}", item))
        lists.append(records)
    return tuple(lists)


def _read_xlsx(name, content):
    try:
        check_archive(content)
        return _read_workbook(name, content)
    except FileTooLarge as error:
        raise FileError(f"{name} : {error}") from error
    except FileError:
        raise
    except Exception as error:
        # zip, openpyxl and XML errors alike: xml.etree's ParseError included, raised for an
        # entity expanding a billion times or one naming a file (XXE), both refused by expat.
        cause = str(error).strip() or type(error).__name__
        raise FileError(f"{name} : classeur XLSX illisible ({cause})") from error


def _read_workbook(name, content):
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    missing = [sheet for sheet in SHEETS.values() if sheet not in workbook.sheetnames]
    if missing:
        raise FileError(
            f"{name} : feuille(s) absente(s) : {', '.join(missing)} (attendu les feuilles "
            "« Structures » et « Services », comme le valideur data·inclusion)"
        )
    lists = []
    read = 0  # lines read, both sheets together
    for kind, sheet in SHEETS.items():
        rows = workbook[sheet].iter_rows(values_only=True)
        headers = [_text(cell) for cell in next(rows, ())]
        records = []
        for line, row in enumerate(rows, start=2):
            read += 1
            check_row_count(read)
            cells = dict(zip(headers, row, strict=False))
            if _text(cells.pop(IGNORE_COLUMN, None)):
                continue
            data = {}
            for field, cell in cells.items():
                value = _text(cell)
                if not field or not value:
                    continue
                if field in LIST_FIELDS:
                    data[field] = [v.strip() for v in value.split(",") if v.strip()]
                else:
                    data[field] = value
            if data:  # a blank line
                records.append(Record(kind, f"{sheet}, ligne {line}", data))
        lists.append(records)
    workbook.close()
    return tuple(lists)


def _text(cell):
    """A cell as the validator reads it: text (a whole number without its « .0 »)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell).strip()
