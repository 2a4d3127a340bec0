"""Files: the CSV and XLSX formats, reading a file, and the import and export services that
the command and the admin use."""

from pathlib import Path

import tablib
from import_export.formats import base_formats
from import_export.results import RowResult

from bulk.resources import PersonResource, ProgrammeResource, StructureResource

RESOURCES = {
    "structures": StructureResource,
    "programmes": ProgrammeResource,
    "people": PersonResource,
}


class CSV(base_formats.CSV):
    """« ; » or « , » separated (the header line tells), UTF-8 with or without BOM; exported
    with « ; » and a BOM, as French spreadsheets expect."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.lstrip("\ufeff")
        if not in_stream.strip():
            raise EmptyFile("fichier vide : ni en-tête ni ligne")
        header = in_stream.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        return tablib.import_set(in_stream, format="csv", delimiter=delimiter)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", delimiter=";")


class XLSX(base_formats.XLSX):
    pass


FORMATS = {"csv": CSV, "xlsx": XLSX}


class FileError(Exception):
    pass


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
    except EmptyFile as error:
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
