"""A public list, filtered as on its page, downloaded as a CSV file: every matching row,
not one page of them, in the language of the page."""

import csv

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

# Spreadsheet programs run a cell that starts with one of these as a formula. Every cell of
# text the platform writes in a spreadsheet, public or in the admin, goes through
# ``spreadsheet_safe``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Line:
    """What csv.writer writes to: it hands back the line instead of keeping it."""

    def write(self, line):
        return line


def spreadsheet_safe(value):
    """The cell as text that no spreadsheet program runs: a single quote before a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_unescaped(text):
    """What ``spreadsheet_safe`` was given: a sheet written by the platform reads back as
    it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class CsvListView(View):
    """Subclasses name the list's FilterSet, its rows and the ``columns``: pairs of a
    heading and a function of the row giving the cell. A last column gives the address of
    each row's page (``page_of``)."""

    filterset_class = None
    filename = "list.csv"
    columns = ()
    # Rows are read from the database this many at a time, with their related records.
    chunk_size = 2000

    def get_queryset(self):
        raise NotImplementedError

    def page_of(self, row):
        """The public page the last column points to."""
        return row.get_absolute_url()

    def get(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
            )
            return HttpResponseBadRequest(
                _("Some filters are not valid: %s") % problems, content_type="text/plain"
            )
        response = StreamingHttpResponse(
            self.lines(filterset.qs, translation.get_language()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response

    def lines(self, rows, language):
        # The file is written after the view has returned: in the language of the request.
        writer = csv.writer(Line())
        with translation.override(language):
            # The byte order mark tells spreadsheet programs the file is UTF-8.
            headings = [str(heading) for heading, _cell in self.columns]
            yield "\ufeff" + writer.writerow([*headings, _("Page")])
            for row in rows.iterator(chunk_size=self.chunk_size):
                cells = [spreadsheet_safe(cell(row)) for _heading, cell in self.columns]
                page = self.request.build_absolute_uri(self.page_of(row))
                yield writer.writerow([*cells, page])
