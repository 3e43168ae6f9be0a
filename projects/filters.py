import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, RecordFilter
from core.search import text_search
from governance.filters import PARTNER_OPTIONS, PLAN_LEVEL_OPTION, plan_level_label
from governance.models import Domain
from projects.models import Organisation, Project


class ProjectFilterSet(FilterSet):
    """The filters of the projects list, its CSV file and the API."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = RecordFilter(
        label=_("Country"),
        field_name="countries",
        queryset=PARTNER_OPTIONS.countries(),
        to_field_name="slug",
    )
    domain = RecordFilter(
        label=_("Domain"),
        field_name="domains",
        queryset=Domain.objects.select_related("framework").only(*PLAN_LEVEL_OPTION),
        label_from_instance=plan_level_label,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Under way in"), method="under_way_in", min_value=1900, max_value=2200
    )
    organisation = RecordFilter(
        label=_("Organisation"),
        method="by_organisation",
        queryset=Organisation.objects.order_by("name"),
    )

    class Meta:
        model = Project
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["title", "summary"], value)

    def under_way_in(self, queryset, name, value):
        """Projects whose dates meet that year (those without dates are not placed)."""
        year = int(value)
        return queryset.filter(
            start__lte=datetime.date(year, 12, 31),
        ).filter(Q(end__isnull=True) | Q(end__gte=datetime.date(year, 1, 1)))

    def by_organisation(self, queryset, name, value):
        """Projects the organisation implements or funds."""
        return queryset.filter(Q(implementers=value) | Q(funders=value)).distinct()
