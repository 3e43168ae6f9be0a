import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models import Action, Domain, Framework, Objective, Partner
from meetings.filters import AddressingFilter, PlanLevelFilter
from meetings.models import Meeting
from recommendations.models import Recommendation


class RecommendationFilterSet(django_filters.FilterSet):
    """The filters of the recommendations list."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"),
        to_field_name="slug",
        queryset=Meeting.objects.published(),
        empty_label=_("All"),
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
        for word in value.split():
            queryset = queryset.filter(Q(text_en__icontains=word) | Q(text_fr__icontains=word))
        return queryset
