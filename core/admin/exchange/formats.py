"""The files an import reads: CSV as spreadsheets save it in either language, and Excel
workbooks. A file that is neither gives a message that says what to do, never an error
from the library that read it."""

import codecs
import csv
import io

import openpyxl
import tablib
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from core.csv_download import spreadsheet_safe, spreadsheet_unescaped

ZIP_SIGNATURE = b"PK\x03\x04"
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t")
# Spreadsheets set up for French (and most of continental Europe) separate CSV columns with
# semicolons, since the comma is their decimal mark.
SEMICOLON_LANGUAGES = ("fr",)


class UnreadableSheet(ValueError):
    """A file that cannot be read as the sheet its format says, in words for the
    secretariat."""


def neutralised(dataset):
    """The dataset with every cell of text made safe to open in a spreadsheet program."""
    return tablib.Dataset(
        *[
            [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]
            for row in dataset
        ],
        headers=dataset.headers,
        title=dataset.title,
    )


class SafeExport:
    """Exports with the platform's escaping of formulas (django-import-export's own
    removes one leading ``=`` only)."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)


class SafeCSV(SafeExport, CSV):
    pass


class SafeXLSX(SafeExport, XLSX):
    pass


class SheetFormat:
    """Reads every format in the same way: column names trimmed and in small letters,
    cells trimmed, columns without a name nor a value dropped, and blank rows at the end
    dropped, so that each row keeps the number the spreadsheet shows."""

    def is_binary(self):
        # The file is read as bytes: the format itself finds how its text is encoded.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        if not in_stream:
            raise UnreadableSheet(_("The file is empty."))
        rows = [[tidy_cell(value) for value in row] for row in self.read_rows(bytes(in_stream))]
        while rows and not any(cell != "" for cell in rows[-1]):
            rows.pop()
        if not rows:
            raise UnreadableSheet(_("The file is empty."))
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        kept = [
            index
            for index in range(width)
            if any(cell != "" for cell in (row[index] for row in rows))
        ]
        headers, *body = [[row[index] for index in kept] for row in rows]
        return tablib.Dataset(*body, headers=[str(name).lower() for name in headers])

    def read_rows(self, data):
        raise NotImplementedError

    def template(self, dataset):
        """The bytes of a file with the dataset's rows, as a template to fill."""
        raise NotImplementedError


def tidy_cell(value):
    if value is None:
        return ""
    return spreadsheet_unescaped(value).strip() if isinstance(value, str) else value


class SheetCSV(SheetFormat, SafeCSV):
    """CSV in UTF-8 (with or without the mark Excel puts first) or Windows-1252, its columns
    separated by commas, semicolons or tabs."""

    def read_rows(self, data):
        text = decoded(data)
        header = text.split("\n", 1)[0]
        delimiter = max(DELIMITERS, key=header.count)
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def template(self, dataset):
        delimiter = ";" if get_language() in SEMICOLON_LANGUAGES else ","
        return codecs.BOM_UTF8 + neutralised(dataset).export("csv", delimiter=delimiter).encode()


def decoded(data):
    if data.startswith(ZIP_SIGNATURE) or data.startswith(OLD_EXCEL_SIGNATURE):
        raise UnreadableSheet(
            _("This file is an Excel workbook, not a CSV file: choose the “xlsx” format.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(char) < 32 and char not in "\t\n\r" for char in text):
            return text
    raise UnreadableSheet(
        _(
            "This file is not a CSV file the import can read. Save the sheet as “CSV UTF-8” "
            "(or as CSV from Excel) and upload it again."
        )
    )


class SheetXLSX(SheetFormat, SafeXLSX):
    """An Excel workbook (.xlsx); its first sheet is read, dates as dates."""

    def read_rows(self, data):
        if data.startswith(OLD_EXCEL_SIGNATURE):
            raise UnreadableSheet(
                _("This is an Excel 97–2003 workbook (.xls): save it as .xlsx and upload it again.")
            )
        if not data.startswith(ZIP_SIGNATURE):
            raise UnreadableSheet(
                _("This file is not an Excel workbook (.xlsx). If it is a CSV file, choose “csv”.")
            )
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return [list(row) for row in workbook.active.iter_rows(values_only=True)]
        except Exception as error:
            # A damaged or disguised file raises whatever the part of it that fails raises.
            raise UnreadableSheet(
                _("This Excel workbook cannot be read. Open it, save it again and upload it.")
            ) from error

    def template(self, dataset):
        return neutralised(dataset).export("xlsx")
