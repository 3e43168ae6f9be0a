import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models import FocalPoint, Partner, Region, SteeringCommitteeMembership


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


class FocalPointFilterSet(django_filters.FilterSet):
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
