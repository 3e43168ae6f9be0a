"""The filters of the governance lists, and the filters by plan level that lists of
every layer share."""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.fallback import marked_text
from core.filters import FilterSet, RecordFilter
from core.models import localized_fields
from core.search import words_in
from governance.models import (
    Action,
    Domain,
    FocalPoint,
    Framework,
    Objective,
    Partner,
    Region,
    SteeringCommitteeMembership,
)

# The partners a drop-down list offers, with what their options need: key and names.
PARTNER_OPTIONS = Partner.objects.order_by("name").only("slug", *localized_fields("name"))


class AddressingFilter(RecordFilter):
    """Rows that address the chosen framework or level of a plan, or one of its parts,
    through their queryset's ``addressing(level)``."""

    def filter(self, qs, value):
        return qs if value is None else qs.addressing(value)


# What the option of a plan level needs: its number and title, and its framework's name
# and word for a domain.
PLAN_LEVEL_OPTION = (
    "number",
    "framework__domain_level",
    *localized_fields("title", "framework__name", "framework__short_name"),
)


def plan_level_filters():
    """The filters by framework, domain, objective and action of a list whose queryset
    has ``addressing(level)``: matches derive upward (an action covers its objective)."""
    return (
        AddressingFilter(
            label=_("Framework"), queryset=Framework.objects.all(), to_field_name="slug"
        ),
        *(
            AddressingFilter(
                label=label,
                queryset=model.objects.select_related("framework").only(*PLAN_LEVEL_OPTION),
                label_from_instance=plan_level_label,
            )
            for label, model in (
                (_("Domain"), Domain),
                (_("Objective"), Objective),
                (_("Action"), Action),
            )
        ),
    )


def plan_level_label(level):
    title = marked_text(level, "title")
    return (
        f"{level.framework} – {level.label} – {title}"
        if title
        else f"{level.framework} – {level.label}"
    )


class PartnerFilterSet(FilterSet):
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


class CommitteeFilterSet(FilterSet):
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


class FocalPointFilterSet(FilterSet):
    """The directory of focal points and thematic contacts."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    partner = RecordFilter(label=_("Partner"), queryset=PARTNER_OPTIONS, to_field_name="slug")
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
        columns = [
            "user__first_name",
            "user__last_name",
            "email",
            "institution",
            "theme",
            *(f"partner__name_{language}" for language, _name in settings.LANGUAGES),
        ]
        return queryset.filter(words_in(columns, value))
