import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Partner, Region, SteeringCommitteeMembership


class PartnerFilterSet(django_filters.FilterSet):
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


class CommitteeFilterSet(django_filters.FilterSet):
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
