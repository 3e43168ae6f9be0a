import functools
import hashlib

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from governance.models import FocalPoint, Partner, Region, SteeringCommitteeMembership
from governance.widgets import QuickCheckboxes, QuickSelect, quick_renderer
from rabatprocess.page_cache import cached


class ListFilterSet(django_filters.FilterSet):
    """The filters of a public list: the form renders quickly, its drop-down lists and
    checkboxes are kept rendered in the cache until the data changes, and the records
    chosen in it are found among those kept.

    The form's class is built once per filter set, as a form class is: no filter of
    these lists depends on the request.

    Each visible field of the form is rendered by ``includes/filter_field.html``; a field
    left empty, or set to one of its choices, is kept rendered too: most filters of a
    list are left empty, and the others take a few values each. A field with an error,
    or with text typed by the visitor, is rendered for its request only.
    """

    field_template = "includes/filter_field.html"
    # A filter whose drop-down list offers the same records as another's: the records are
    # then read, and their options rendered, once for both.
    same_choices_as = {}

    _form_classes = {}

    def get_form_class(self):
        form_class = self._form_classes.get(type(self))
        if form_class is None:
            form_class = self._form_classes[type(self)] = super().get_form_class()
        return form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            super().form.renderer = quick_renderer
            for name, field in self._form.fields.items():
                # In this request's language once, rather than at every use in the page.
                field.label = str(field.label)
                shared = self.same_choices_as.get(name, name)
                kept_as = f"{type(self).__name__}:{self._form.add_prefix(shared)}"
                keep = functools.partial(cached, f"markup:{kept_as}")
                if type(field.widget) is forms.CheckboxSelectMultiple:
                    field.widget = QuickCheckboxes(
                        attrs=field.widget.attrs, choices=field.choices, keep=keep
                    )
                elif type(field.widget) is forms.Select:
                    field.widget = QuickSelect(
                        attrs=field.widget.attrs, choices=field.choices, keep=keep
                    )
                    if isinstance(field, forms.ModelChoiceField):
                        field.to_python = functools.partial(
                            known_record, field, f"records:{kept_as}"
                        )
        return self._form

    def fingerprint(self):
        """The filters chosen, in a short string: the same for two requests that choose
        the same."""
        chosen = sorted(
            (name, self.data.getlist(name)) for name in self.filters if name in self.data
        )
        digest = hashlib.sha256(repr(chosen).encode()).hexdigest()
        return f"{type(self).__name__}:{digest}"

    def rendered_fields(self):
        return [self._rendered_field(field) for field in self.form.visible_fields()]

    def _rendered_field(self, field):
        render = functools.partial(render_to_string, self.field_template, {"field": field})
        value = field.value()
        among_choices = value in field.field.empty_values or hasattr(field.field, "choices")
        if field.errors or not among_choices:
            return render()
        chosen = sorted({str(item) for item in value}) if isinstance(value, list) else value
        digest = hashlib.sha256(repr(chosen).encode()).hexdigest()
        return cached(f"markup:{type(self).__name__}:{field.html_name}:{digest}", render)


def known_record(field, kept_as, value):
    """The record chosen in a drop-down list of records, found among those the list
    offers, which are kept in the cache until the data changes: a list filtered by three
    of them would otherwise ask the database three times before its own query."""
    if value in field.empty_values:
        return None
    key = field.to_field_name or "pk"
    records = cached(
        kept_as, lambda: {str(getattr(record, key)): record for record in field.queryset}
    )
    try:
        return records[str(value)]
    except KeyError:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        ) from None


class PartnerFilterSet(ListFilterSet):
    """The filters of the partner list."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Country or organisation"), choices=Partner.Kind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Partner.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Partner
        fields = ["q", "region", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class CommitteeFilterSet(ListFilterSet):
    """The steering committee on a chosen date."""

    date = django_filters.DateFilter(
        label=_("Members on"),
        method="on_date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = SteeringCommitteeMembership
        fields = ["date"]

    def on_date(self, queryset, name, value):
        return queryset.on(value)


class FocalPointFilterSet(ListFilterSet):
    """The directory of focal points and thematic contacts."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        to_field_name="slug",
        queryset=Partner.objects.all(),
        empty_label=_("All"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="partner__region",
        choices=Region.choices,
        empty_label=_("All"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=FocalPoint.Role.choices, empty_label=_("All")
    )

    class Meta:
        model = FocalPoint
        fields = []

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(institution__icontains=word)
                | Q(theme__icontains=word)
                | Q(partner__name_en__icontains=word)
                | Q(partner__name_fr__icontains=word)
            )
        return queryset
