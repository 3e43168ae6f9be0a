"""Filter sets of the public lists (django-filter), whose drop-down lists of records read
each set of records once per request.

django-filter's ``ModelChoiceFilter`` reads its records to render its options, and again
to find the record chosen: a list filtered by its partner, its co-chair and an action
would ask the database six times before its own query. A :class:`RecordFilter` reads its
records when its form field is first validated or rendered, finds the chosen one among
them, and shares them with the filters of its filter set that name the same ``records``.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


class RecordChoiceField(forms.ChoiceField):
    """A drop-down list of records; its value is the chosen record.

    ``records()`` gives the records by the text of their key.
    """

    def __init__(self, *, records, label_from_instance=str, empty_label=None, **kwargs):
        self.records = records
        self.label_from_instance = label_from_instance
        self.empty_label = _("All") if empty_label is None else empty_label
        self.labelled = None
        super().__init__(choices=self.record_choices, **kwargs)

    def record_choices(self):
        # Django asks for the choices several times while it validates and renders the
        # field: the records are labelled once.
        if self.labelled is None:
            self.labelled = [
                ("", self.empty_label),
                *((key, self.label_from_instance(item)) for key, item in self.records().items()),
            ]
        return self.labelled

    def clean(self, value):
        key = super().clean(value)
        return self.records()[key] if key else None


@extend_schema_field(OpenApiTypes.STR)
class RecordFilter(django_filters.Filter):
    """Rows linked to the record chosen among ``queryset``, named in the address by its
    ``to_field_name``. Filters of one filter set with the same ``records`` name read their
    records once for all; the filter set must be a :class:`FilterSet`."""

    field_class = RecordChoiceField

    def __init__(self, *args, queryset, records=None, to_field_name="pk", **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset
        self.records = records
        self.to_field_name = to_field_name


class FilterSet(django_filters.FilterSet):
    """A filter set whose :class:`RecordFilter` filters read their records once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records_read = {}
        for name, filter_ in self.filters.items():
            if isinstance(filter_, RecordFilter):
                filter_.extra["records"] = self.records_reader(filter_.records or name, filter_)

    def records_reader(self, name, filter_):
        def records():
            if name not in self.records_read:
                self.records_read[name] = {
                    str(getattr(record, filter_.to_field_name)): record
                    for record in filter_.queryset.all()
                }
            return self.records_read[name]

        return records
