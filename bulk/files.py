"""Files: the CSV and XLSX formats, reading a file, and the import and export services that
the command and the admin use."""

import io
import zipfile
from pathlib import Path

import tablib
from django.conf import settings
from import_export.formats import base_formats
from import_export.results import RowResult

from bulk.resources import PersonResource, ProgrammeResource, StructureResource
from essmap.cells import csv_text, csv_value, text_cell
from essmap.validators import has_nul

RESOURCES = {
    "structures": StructureResource,
    "programmes": ProgrammeResource,
    "people": PersonResource,
}


class CSV(base_formats.CSV):
    """« ; » or « , » separated (the header line tells), UTF-8 with or without BOM; exported
    with « ; » and a BOM, as French spreadsheets expect. A cell that could run as a formula is
    exported with an apostrophe first, which import removes (essmap/cells.py)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.lstrip("\ufeff")
        if not in_stream.strip():
            raise EmptyFile("fichier vide : ni en-tête ni ligne")
        header = in_stream.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        dataset = tablib.import_set(in_stream, format="csv", delimiter=delimiter)
        check_row_count(len(dataset))
        check_no_nul(dataset)
        unneutralised = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            unneutralised.append([csv_value(v) if isinstance(v, str) else v for v in row])
        return unneutralised

    def export_data(self, dataset, **kwargs):
        neutralised = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            neutralised.append([csv_text(v) if isinstance(v, str) else v for v in row])
        return "\ufeff" + neutralised.export("csv", delimiter=";")


class XLSX(base_formats.XLSX):
    """The first sheet; the archive's sizes are checked before it is opened (see
    :func:`check_archive`), and no more than ``ESSMAP_IMPORT_MAX_ROWS`` lines are read. Text is
    exported as string cells, never as formulas (essmap/cells.py)."""

    def create_dataset(self, in_stream):
        import openpyxl

        check_archive(in_stream)
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        rows = book.active.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        dataset.headers = list(next(rows))
        limit = settings.ESSMAP_IMPORT_MAX_ROWS
        for row in rows:
            if len(dataset) >= limit:
                check_row_count(limit + 1)
            dataset.append(row)
        book.close()
        return dataset

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        book = Workbook(write_only=True)
        sheet = book.create_sheet(dataset.title or "essmap")
        sheet.freeze_panes = "A2"
        # Columns as wide as their longest cell (as tablib made them), within reason.
        for number, column in enumerate(zip(dataset.headers or [], *dataset, strict=False), 1):
            width = max((len(str(v)) for v in column if v is not None), default=0)
            sheet.column_dimensions[get_column_letter(number)].width = min(width + 2, 60)
        bold = Font(bold=True)
        header = []
        for name in dataset.headers or []:
            cell = text_cell(sheet, name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in dataset:
            sheet.append([text_cell(sheet, value) for value in row])
        output = io.BytesIO()
        book.save(output)
        return output.getvalue()


FORMATS = {"csv": CSV, "xlsx": XLSX}


class FileError(Exception):
    pass


class FileTooLarge(FileError):
    """A file past the import's limits (rows, sizes of an archive), said in French."""


class NulCharacter(FileError):
    """A cell holding a NUL character."""


def check_row_count(count):
    """Refuse a file of more than ``ESSMAP_IMPORT_MAX_ROWS`` lines (besides its header)."""
    limit = settings.ESSMAP_IMPORT_MAX_ROWS
    if count > limit:
        raise FileTooLarge(
            f"fichier trop long : plus de {limit:_} lignes".replace("_", "\u202f")
            + " (coupez-le en plusieurs fichiers)"
        )


def check_no_nul(dataset):
    """Refuse a NUL character (U+0000) in any cell, before the import looks anything up with
    it: PostgreSQL refuses it in a query as in a field (essmap/validators.py)."""
    for number, row in enumerate([dataset.headers or [], *dataset], start=1):
        for index, value in enumerate(row):
            if has_nul(value):
                headers = dataset.headers or []
                column = headers[index] if number > 1 and index < len(headers) else index + 1
                raise NulCharacter(
                    f"ligne {number}, colonne « {column} » : caractère nul (U+0000), que la base "
                    "de données refuse ; retirez-le"
                )


def check_archive(content, ratio_from=None):
    """Refuse a zip archive (an XLSX) that would take too much memory to read: more than
    ``ESSMAP_IMPORT_MAX_UNCOMPRESSED_BYTES`` in all once inflated, or a member inflating more
    than ``ESSMAP_IMPORT_MAX_COMPRESSION_RATIO`` times (from ``ESSMAP_IMPORT_RATIO_FROM_BYTES``
    inflated: small files of repeated markup compress well and are harmless). Read from the
    sizes the archive declares, without inflating anything: zipfile never inflates a member
    past its declared size, so a lying archive is cut short (and then refused as corrupt).
    Anything that is not a readable archive is left to the reader to refuse."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = sum(member.file_size for member in members)
    limit = settings.ESSMAP_IMPORT_MAX_UNCOMPRESSED_BYTES
    if total > limit:
        raise FileTooLarge(
            f"classeur trop gros : {_megabytes(total)} une fois décompressé, pour "
            f"{_megabytes(limit)} au plus (coupez-le en plusieurs fichiers)"
        )
    ratio = settings.ESSMAP_IMPORT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size < settings.ESSMAP_IMPORT_RATIO_FROM_BYTES:
            continue
        if member.file_size > ratio * max(member.compress_size, 1):
            raise FileTooLarge(
                f"classeur refusé : « {member.filename[:80]} » se décompresse "
                f"{member.file_size // max(member.compress_size, 1)} fois (au plus {ratio} "
                "fois), comme une « bombe de décompression »"
            )


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


class EmptyFile(ValueError):
    pass


def file_content(path, suffixes):
    """The bytes of the file at ``path`` whose suffix is one of ``suffixes`` (".csv"…), not
    empty; raises FileError (in French) otherwise. Shared by every import of a file."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        expected = " ou ".join(suffixes)
        raise FileError(f"{path.name} : format inconnu (attendu {expected})")
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FileError(f"{path.name} : fichier illisible ({error.strerror or error})") from error
    if not content.strip():
        raise FileError(f"{path.name} : fichier vide")
    return content


def read_file(path):
    """The dataset of a .csv or .xlsx file; raises FileError (in French) otherwise."""
    path = Path(path)
    content = file_content(path, [f".{suffix}" for suffix in FORMATS])
    file_format = FORMATS[path.suffix.lower().lstrip(".")]
    try:
        dataset = file_format(encoding="utf-8-sig").create_dataset(content)
    except UnicodeDecodeError as error:
        raise FileError(
            f"{path.name} : ce n’est pas de l’UTF-8 (enregistrez-le en « CSV UTF-8 »)"
        ) from error
    except (EmptyFile, FileTooLarge, NulCharacter) as error:
        raise FileError(f"{path.name} : {error}") from error
    except StopIteration as error:  # a workbook whose sheet has no row
        raise FileError(f"{path.name} : fichier vide (feuille sans ligne)") from error
    except Exception as error:  # csv, zip, openpyxl and tablib errors alike
        # Some say nothing (str() is empty): their kind is then the cause given.
        cause = str(error).strip() or type(error).__name__
        raise FileError(f"{path.name} : fichier illisible ({cause})") from error
    if not dataset.headers:
        raise FileError(f"{path.name} : fichier vide (aucune ligne d’en-tête)")
    return dataset


def import_dataset(model, dataset, dry_run=False, file_name=None, preview=False):
    """Import a dataset of ``model`` ("structures", "programmes", "people"): the import-export
    :class:`LineResult` (``.accepted``, ``.totals``…); see :func:`problems_of`."""
    resource = RESOURCES[model](preview=preview)
    return resource.import_data(dataset, dry_run=dry_run, file_name=file_name)


def export_dataset(model, queryset=None, native=False):
    """Every entry of ``model`` (or of ``queryset``) as a dataset that imports back as is;
    ``native`` keeps dates, numbers and yes/no as such (for XLSX)."""
    return RESOURCES[model]().export(queryset=queryset, force_native_type=native)


def export_file(model, file_format, queryset=None):
    """The bytes of an export as ``file_format`` ("csv" or "xlsx")."""
    data = FORMATS[file_format]().export_data(
        export_dataset(model, queryset, native=file_format == "xlsx")
    )
    return data.encode("utf-8") if isinstance(data, str) else data


def summary(result):
    """What an import did (or, in a dry run, would do), in French: « 3 créations, 1 mise à
    jour, 5 sans changement »."""
    totals = result.totals

    def count(n, singular, plural):
        return f"{n} {singular if n < 2 else plural}"

    return ", ".join(
        [
            count(totals[RowResult.IMPORT_TYPE_NEW], "création", "créations"),
            count(totals[RowResult.IMPORT_TYPE_UPDATE], "mise à jour", "mises à jour"),
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} sans changement",
        ]
    )
