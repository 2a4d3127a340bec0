"""The export as the XLSX data·inclusion's own validator (« valideur ») reads: two sheets,
``Structures`` and ``Services``, field names on the first row, every cell text, list fields
comma-separated (docs/open-data.md). Text is written as string cells, never as formulas
(essmap/cells.py)."""

import io

from data_inclusion.schema import v1
from openpyxl import Workbook

from essmap.cells import text_cell

SHEETS = {"Structures": v1.Structure, "Services": v1.Service}


def cell(value):
    """A record's value as the validator reads it: text; lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ",".join(str(v) for v in value)
    return str(value)


def workbook(structures, services):
    """The XLSX file (bytes) of the records: every field of the schema's model as a column,
    in its order, so that an absent value is an empty cell."""
    book = Workbook(write_only=True)
    for (title, model), records in zip(SHEETS.items(), (structures, services), strict=True):
        sheet = book.create_sheet(title)
        fields = list(model.model_fields)
        sheet.append(fields)
        for record in records:
            sheet.append([text_cell(sheet, cell(record.get(field))) for field in fields])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
