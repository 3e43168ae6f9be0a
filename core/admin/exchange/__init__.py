"""Spreadsheets in and out of the admin (django-import-export).

Every list exports what it shows, with its filters and search, to CSV or Excel: related
records by name, each translated text once per language. Lists that take imports use a
resource of their own, whose columns name records by their stable identifiers, so that a
sheet exported, edited and imported again updates the rows it came from.

An import reads a sheet as a clerk saves it (CSV with commas or semicolons, in UTF-8 or
Windows-1252, or an Excel workbook), previews it with every mistake of every row, and is
written all at once or not at all. Each import offers a template to fill: the column
names and a row of examples.
"""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin

from core.admin.exchange.formats import (
    SafeCSV,
    SafeXLSX,
    SheetCSV,
    SheetXLSX,
    UnreadableSheet,
)
from core.admin.exchange.resources import readable_resource


class SpreadsheetFormats:
    formats = [SafeCSV, SafeXLSX]


class ExportAdminMixin(SpreadsheetFormats, ExportMixin):
    """The list exports to CSV and Excel, for whoever may view it."""

    export_exclude = ()

    def get_export_resource_classes(self, request):
        if self.resource_classes:
            return self.resource_classes
        return [readable_resource(self.model, self.export_exclude)]

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class ImportExportAdminMixin(SpreadsheetFormats, ImportExportMixin):
    """The list imports from a sheet too, for whoever may both add and change its records."""

    import_formats = [SheetCSV, SheetXLSX]
    import_template_name = "admin/exchange/import.html"

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/template.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request, extension):
        """The sheet to fill for an import, in one of the formats the import reads."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formats = {sheet.get_extension(): sheet for sheet in self.sheet_formats()}
        if extension not in formats:
            raise Http404
        sheet_format = formats[extension]
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        response = HttpResponse(
            sheet_format.template(resource.template()),
            content_type=sheet_format.get_content_type(),
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.model_name}-template.{extension}"'
        )
        return response

    def sheet_formats(self):
        return [import_format() for import_format in self.get_import_formats()]

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "import_templates": [sheet.get_extension() for sheet in self.sheet_formats()],
        }

    def get_import_data_kwargs(self, **kwargs):
        # Should the records have changed since the preview, a row that became wrong
        # undoes the whole import rather than being left out of it.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnreadableSheet):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _("This file cannot be read. Check that it is a CSV file or an Excel workbook."),
            )

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except UnreadableSheet:
            # The uploaded file is kept for a day between the preview and the confirmation.
            messages.error(request, _("The uploaded sheet has expired: upload it again."))
            return self.import_page(request)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            count = len(result.problems())
            messages.error(
                request,
                ngettext(
                    "Nothing was imported: %(count)d error was found while importing. "
                    "Upload the sheet again to see it.",
                    "Nothing was imported: %(count)d errors were found while importing. "
                    "Upload the sheet again to see them.",
                    count,
                )
                % {"count": count},
            )
            return self.import_page(request)
        return super().process_result(result, request)

    def import_page(self, request):
        return HttpResponseRedirect(
            reverse(
                "admin:{}_{}_import".format(*self.get_model_info()),
                current_app=self.admin_site.name,
            )
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        opts = self.opts
        return all(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("add", "change")
        )
