"""An import's result: its lines numbered as a spreadsheet shows them, and its problems in
French."""

from django.core.exceptions import NON_FIELD_ERRORS
from import_export.results import Result


class LineResult(Result):
    """Rows numbered by their line in the file, the header being line 1."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]

    @property
    def accepted(self):
        return not (self.has_errors() or self.has_validation_errors())


def problems_of(result):
    """Every problem of an import, in French, line by line."""
    problems = [(0, f"fichier : {error.error}") for error in result.base_errors]
    for row in result.invalid_rows:
        for name, texts in row.error_dict.items():
            where = f"ligne {row.number}" + ("" if name == NON_FIELD_ERRORS else f", {name}")
            problems.extend((row.number, f"{where} : {t}") for t in texts)
    for line, errors in result.row_errors():
        problems.extend((line, f"ligne {line} : {error.error}") for error in errors)
    return [problem for _, problem in sorted(problems, key=lambda p: p[0])]


class NoDiff:
    """Used when nobody looks at a preview (the command): saves an export of every line."""

    def __init__(self, *args):
        pass

    def compare_with(self, *args):
        pass

    def as_html(self):
        return []
