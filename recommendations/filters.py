import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.filters import ListFilterSet
from governance.models import Action, Domain, Framework, Objective, Partner
from governance.search import text_search
from meetings.filters import AddressingFilter, PlanLevelFilter
from meetings.models import Meeting
from recommendations.models import Recommendation


class RecommendationFilterSet(ListFilterSet):
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
    addressee = django_filters.ModelChoiceFilter(
        label=_("Addressed to"),
        field_name="addressees",
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

    class Meta:
        model = Recommendation
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["text"], value)
