import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, RecordFilter
from core.search import text_search
from governance.filters import PARTNER_OPTIONS, plan_level_filters
from meetings.models import Meeting
from recommendations.models import Recommendation


class RecommendationFilterSet(FilterSet):
    """The filters of the recommendations list."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    # Set by the link from a meeting's page: a list of every meeting would weigh more
    # than the page itself.
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"),
        to_field_name="slug",
        queryset=Meeting.objects.published(),
        widget=forms.HiddenInput,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Recommendation.Kind.choices, empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="meeting__start",
        lookup_expr="year",
        min_value=1900,
        max_value=2200,
    )
    addressee = RecordFilter(
        label=_("Addressed to"),
        field_name="addressees",
        queryset=PARTNER_OPTIONS,
        to_field_name="slug",
    )
    framework, domain, objective, action = plan_level_filters()

    class Meta:
        model = Recommendation
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["text"], value)
