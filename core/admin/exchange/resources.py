"""The resources that turn records into sheets and sheets into records."""

import functools

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.results import Result, RowResult

from core.admin.exchange.widgets import (
    ChoiceWidget,
    DayWidget,
    NamesWidget,
    NameWidget,
    WholeNumberWidget,
    YesNoWidget,
    label_text,
)
from core.models import localized_fields, stamp, translated_field_names


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


class SheetProblem:
    """One mistake of a sheet: the line the spreadsheet shows it on (none for the sheet as
    a whole), its column (none for the row as a whole) and what is wrong."""

    def __init__(self, line, column, message):
        self.line, self.column, self.message = line, column, str(message)


class SheetResult(Result):
    """The outcome of an import, with every mistake of the sheet in one list."""

    def problems(self):
        found = [
            SheetProblem(None, "", message)
            for error in self.base_errors
            for message in messages(error.error)
        ]
        # Row 1 of the data is line 2 of the sheet, under the column names.
        for row in self.error_rows:
            for error in row.errors:
                found.extend(SheetProblem(row.number + 1, "", m) for m in messages(error.error))
        for row in self.invalid_rows:
            for column, column_messages in row.field_specific_errors.items():
                found.extend(SheetProblem(row.number + 1, column, m) for m in column_messages)
            found.extend(SheetProblem(row.number + 1, "", m) for m in row.non_field_specific_errors)
        return sorted(found, key=lambda problem: problem.line or 0)


def messages(error):
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


class StampedImportResource(resources.ModelResource):
    """An import that reads a clerk's sheet as it comes and stamps what it creates or
    changes with the user who imports.

    Columns are checked first: an unknown one (a misspelt name whose values would be lost)
    or a missing identifier is an error of the sheet. Each row is then read whole, so that
    the preview lists every mistake of every row beside its column; a blank row is skipped.
    Yes/no, choice, date and number columns accept what a clerk writes in either language.
    """

    #: One row of made-up values, shown under the column names of the template to fill.
    import_example = {}

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if django_field.choices:
            field.widget = ChoiceWidget(django_field.choices)
        elif isinstance(django_field, models.BooleanField):
            field.widget = YesNoWidget()
        elif isinstance(django_field, models.DateField):
            field.widget = DayWidget()
        elif isinstance(django_field, models.IntegerField):
            field.widget = WholeNumberWidget()
        return field

    def get_result_class(self):
        return SheetResult

    def column_names(self):
        return [field.column_name for field in self.get_user_visible_fields()]

    def template(self):
        """The column names of the sheet, and a row of example values."""
        names = self.column_names()
        return tablib.Dataset([self.import_example.get(name, "") for name in names], headers=names)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The line of the sheet that first named each record, to catch a record named twice.
        self.lines_by_record = {}
        problems = []
        known = set(self.column_names())
        for number, name in enumerate(dataset.headers, 1):
            if not name:
                problems.append(
                    _("Column %(number)s has values but no name in the first row.")
                    % {"number": number}
                )
            elif name not in known:
                problems.append(
                    _("Unknown column “%(name)s”: the import reads %(columns)s.")
                    % {"name": name, "columns": ", ".join(self.column_names())}
                )
        for name in sorted({name for name in dataset.headers if dataset.headers.count(name) > 1}):
            problems.append(_("The column “%(name)s” appears twice.") % {"name": name})
        for name in self.get_import_id_fields():
            column = self.fields[name].column_name
            if column not in dataset.headers:
                problems.append(
                    _("The sheet has no “%(name)s” column, which finds each row's record.")
                    % {"name": column}
                )
        if problems:
            raise ValidationError(problems)

    def import_row(self, row, instance_loader, **kwargs):
        if not any(label_text(value) for value in row.values()):
            skipped = self.get_row_result_class()()
            skipped.import_type = RowResult.IMPORT_TYPE_SKIP
            return skipped
        return super().import_row(row, instance_loader, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # An identifier that names no record: the error is given under its column when
            # the row is read, with the row's other mistakes.
            return None

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
        repeated = self.repeated_line(instance, kwargs["row_number"] + 1, errors)
        if repeated:
            errors[NON_FIELD_ERRORS] = ValidationError(
                _("This row names the same record as line %(line)s (same %(columns)s).")
                % {"line": repeated, "columns": ", ".join(self.id_columns())}
            )
        if errors:
            raise ValidationError(errors)

    def id_columns(self):
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def repeated_line(self, instance, line, errors):
        """The earlier line of the sheet that names the same record as this one, if any:
        the second would silently overwrite the first."""
        id_fields = [self.fields[name] for name in self.get_import_id_fields()]
        if any({field.attribute, field.column_name} & set(errors) for field in id_fields):
            return None
        try:
            record = tuple(field.get_value(instance) for field in id_fields)
        except ObjectDoesNotExist:
            return None
        first = self.lines_by_record.setdefault(record, line)
        return first if first != line else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The row's errors and the record's own, each under the column that holds it."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as invalid:
            raise ValidationError(
                {self.column_of(name): errors for name, errors in invalid.error_dict.items()}
            ) from invalid
        except (TypeError, ValueError, AttributeError) as error:
            # A record's own checks may stumble on a value its row already got wrong: the
            # row's errors say what to correct.
            if not import_validation_errors:
                raise
            raise ValidationError(import_validation_errors) from error

    def column_of(self, name):
        """The column of a model field: its own, or its first language's for a translated
        field whose text the record requires."""
        columns = self.column_names()
        for field in self.get_import_fields():
            if field.attribute == name:
                return field.column_name
        return next((column for column in localized_fields(name) if column in columns), name)

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if kwargs.get("user") is not None:
            stamp(instance, kwargs["user"])
