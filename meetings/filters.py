import django_filters
from django import forms
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, RecordFilter
from core.search import text_search
from governance.filters import (
    PARTNER_OPTIONS,
    PLAN_LEVEL_OPTION,
    plan_level_filters,
    plan_level_label,
)
from governance.models import Domain
from meetings.models import Document, Meeting


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts rows without a value (undated meetings) last, in either direction and on
    every database."""

    def build_choices(self, fields, labels):
        # Descending first: the list's own order when nothing is chosen, which a drop-down
        # list shows by its first option.
        choices = super().build_choices(fields, labels)
        return [*choices[1::2], *choices[0::2]]

    def filter(self, qs, value):
        # No sort chosen ("?order=,") keeps the list's own order, which paging needs.
        if not any(value or ()):
            return qs
        return super().filter(qs, value)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map[param.lstrip("-")])
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)


class MeetingFilterSet(FilterSet):
    """The filters of the meetings list, also used by its feeds."""

    PERIODS = (("upcoming", _("Upcoming")), ("past", _("Past")))

    q = django_filters.CharFilter(label=_("Search"), method="search")
    # A plain column: no join can repeat a meeting, so no DISTINCT over its wide rows.
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"),
        choices=Meeting.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    period = django_filters.ChoiceFilter(
        label=_("Upcoming or past"), choices=PERIODS, method="filter_period", empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="start", lookup_expr="year", min_value=1900, max_value=2200
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="start",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="start",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Meeting.Status.choices, empty_label=_("All")
    )
    host = RecordFilter(
        label=_("Host country"),
        field_name="host_country",
        queryset=PARTNER_OPTIONS.countries(),
        to_field_name="slug",
    )
    # One join row per meeting and partner: no DISTINCT needed.
    chair = RecordFilter(
        label=_("Chair or co-chair"),
        field_name="chairs__partner",
        queryset=PARTNER_OPTIONS,
        records="partners",
        to_field_name="slug",
    )
    participant = RecordFilter(
        label=_("Participating partner"),
        field_name="participants",
        queryset=PARTNER_OPTIONS,
        records="partners",
        to_field_name="slug",
    )
    framework, domain, objective, action = plan_level_filters()
    order = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=(("start", "date"),),
        # Ascending choices are labelled by field, descending ones by parameter.
        field_labels={"start": _("Date, oldest first"), "-date": _("Date, newest first")},
        empty_label=None,
    )

    class Meta:
        model = Meeting
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["title", "city"], value)

    def filter_period(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming()
        return queryset.filter(start__lt=timezone.localdate())


class LibraryFilterSet(FilterSet):
    """The filters of the library of documents and publications."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Document.Kind.choices, empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1900, max_value=2200
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        method="filter_language",
        empty_label=_("All"),
    )
    domain = RecordFilter(
        label=_("Domain"),
        field_name="domains",
        queryset=Domain.objects.select_related("framework").only(*PLAN_LEVEL_OPTION),
        label_from_instance=plan_level_label,
    )
    # Reached from a meeting's page (?meeting=<its address>), not chosen in the form.
    meeting = django_filters.CharFilter(
        label=_("Meeting"), field_name="meeting__slug", widget=forms.HiddenInput
    )
    partner = RecordFilter(
        label=_("Partner"), field_name="partners", queryset=PARTNER_OPTIONS, to_field_name="slug"
    )

    class Meta:
        model = Document
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["title", "text"], value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(
            Q(published_on__year=value) | Q(published_on__isnull=True, meeting__start__year=value)
        )

    def filter_language(self, queryset, name, value):
        return queryset.filter(~Q(**{f"file_{value}": ""}) | ~Q(**{f"url_{value}": ""}))
