import django_filters
from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from governance.filters import ListFilterSet
from governance.models import Action, Domain, Framework, Objective, Partner
from governance.search import text_search
from meetings.models import Meeting


@extend_schema_field(OpenApiTypes.STR)
class AddressingFilter(django_filters.ModelChoiceFilter):
    """Rows that address a framework or one of its levels, through ``addressing()``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return queryset if value in (None, "") else queryset.addressing(value)


class PlanLevelField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.framework} – {obj.display_title}"


@extend_schema_field(OpenApiTypes.INT)
class PlanLevelFilter(AddressingFilter):
    """A domain, objective or action, named with its framework; matches derive upward."""

    field_class = PlanLevelField


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts rows without a value (undated meetings) last, in either direction and on
    every database."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map[param.lstrip("-")])
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)


class MeetingFilterSet(ListFilterSet):
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
    host = django_filters.ModelChoiceFilter(
        label=_("Host country"),
        field_name="host_country",
        to_field_name="slug",
        queryset=Partner.objects.countries(),
        empty_label=_("All"),
    )
    chair = django_filters.ModelChoiceFilter(
        label=_("Chair or co-chair"),
        field_name="chairs__partner",
        to_field_name="slug",
        queryset=Partner.objects.all(),
        empty_label=_("All"),
    )
    participant = django_filters.ModelChoiceFilter(
        label=_("Participating partner"),
        field_name="participants",
        to_field_name="slug",
        queryset=Partner.objects.all(),
        empty_label=_("All"),
    )
    framework = AddressingFilter(
        label=_("Framework"), to_field_name="slug", queryset=Framework.objects.all()
    )
    domain = PlanLevelFilter(label=_("Domain"), queryset=Domain.objects.select_related("framework"))
    objective = PlanLevelFilter(
        label=_("Objective"), queryset=Objective.objects.select_related("framework")
    )
    action = PlanLevelFilter(label=_("Action"), queryset=Action.objects.select_related("framework"))
    order = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=(("start", "date"),),
        # Ascending choices are labelled by field, descending ones by parameter.
        field_labels={"start": _("Date, oldest first"), "-date": _("Date, newest first")},
        empty_label=None,
    )

    same_choices_as = {"participant": "chair"}

    class Meta:
        model = Meeting
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["title", "city"], value)

    def filter_period(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming()
        return queryset.filter(start__lt=timezone.localdate())
