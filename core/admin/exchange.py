"""Spreadsheets in and out of the admin (django-import-export).

Every list exports what it shows, with its filters and search, to CSV or Excel: related
records by name, each translated text once per language. Lists that take imports use a
resource of their own, whose columns name records by their stable identifiers, so that a
sheet exported, edited and imported again updates the rows it came from. An import is
previewed first, with a message for each bad row, and written all at once or not at all.
"""

import functools

from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from core.models import stamp, translated_field_names


class NameWidget(widgets.ForeignKeyWidget):
    """A related record, exported by its name."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NamesWidget(widgets.ManyToManyWidget):
    """Related records, exported by their names, separated by semicolons."""

    def render(self, value, obj=None, **kwargs):
        return "; ".join(str(related) for related in value.all()) if value is not None else ""


class ReadableResource(resources.ModelResource):
    """The export of a list no import reads back: names rather than numbers."""

    @classmethod
    def get_fk_widget(cls, field):
        return functools.partial(NameWidget, model=field.related_model)

    @classmethod
    def get_m2m_widget(cls, field):
        return functools.partial(NamesWidget, model=field.related_model)

    def filter_export(self, queryset, **kwargs):
        model_fields = self._meta.model._meta.get_fields()
        return queryset.select_related(
            *related_names(model_fields, "many_to_one")
        ).prefetch_related(*related_names(model_fields, "many_to_many"))


def related_names(model_fields, relation):
    return [f.name for f in model_fields if f.concrete and getattr(f, relation)]


def readable_resource(model, exclude=()):
    """A :class:`ReadableResource` for ``model``, without the untranslated twin of its
    translated fields (their values are the per-language columns)."""
    model_fields = model._meta.get_fields()
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "exclude": [*translated_field_names(model), *exclude],
            # Declared, a foreign key is exported through its record rather than its id.
            "widgets": {name: {} for name in related_names(model_fields, "many_to_one")},
        },
    )
    return type(f"{model.__name__}Resource", (ReadableResource,), {"Meta": meta})


class RecordWidget(widgets.ForeignKeyWidget):
    """A related record named by a unique field (its slug, say); an unknown one is an error
    of its row, in words the secretariat understands."""

    def clean(self, value, row=None, **kwargs):
        value = label_text(value)
        if not value:
            return None
        try:
            return self.model.objects.get(**{self.field: value})
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(record)s has the %(field)s “%(value)s”.")
                % {"record": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class RecordsWidget(widgets.ManyToManyWidget):
    """Related records named by a unique field, separated by semicolons; an unknown one is
    an error of its row."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=";", field=field)

    def names(self, value):
        return [name.strip() for name in label_text(value).split(self.separator) if name.strip()]

    def find(self, names, row):
        return self.model.objects.filter(**{f"{self.field}__in": names})

    def clean(self, value, row=None, **kwargs):
        names = self.names(value)
        found = {str(getattr(record, self.field)): record for record in self.find(names, row or {})}
        unknown = sorted(set(names) - set(found))
        if unknown:
            raise ValueError(
                _("Unknown %(records)s: %(names)s.")
                % {"records": self.model._meta.verbose_name_plural, "names": ", ".join(unknown)}
            )
        # In the order of the sheet, which is the order of a meeting's co-chairs.
        return [found[name] for name in dict.fromkeys(names)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(str(getattr(record, self.field)) for record in value.all())


class LabelWidget(widgets.CharWidget):
    """A short label such as a number, "12" or "5a", which a spreadsheet may have turned
    into the number 12.0."""

    def clean(self, value, row=None, **kwargs):
        return label_text(value)


def label_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


class StampedImportResource(resources.ModelResource):
    """An import that stamps what it creates or changes with the user who imports, and
    checks the related records a row names before anything of it is saved, so that the
    preview lists every mistake of the row beside its column."""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as invalid:
            errors = invalid.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.column_name] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if kwargs.get("user") is not None:
            stamp(instance, kwargs["user"])


class SpreadsheetFormats:
    formats = [CSV, XLSX]


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

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        opts = self.opts
        return all(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("add", "change")
        )
