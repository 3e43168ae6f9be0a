import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, RecordFilter
from core.search import text_search
from governance.filters import PARTNER_OPTIONS, PLAN_LEVEL_OPTION, plan_level_label
from governance.models import Domain
from news.models import NewsPost


class NewsFilterSet(FilterSet):
    """The filters of the news list, also used by its feed."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="published_on",
        lookup_expr="year",
        min_value=1900,
        max_value=2200,
    )
    domain = RecordFilter(
        label=_("Domain"),
        field_name="domains",
        queryset=Domain.objects.select_related("framework").only(*PLAN_LEVEL_OPTION),
        label_from_instance=plan_level_label,
    )
    partner = RecordFilter(
        label=_("Partner"), field_name="partners", queryset=PARTNER_OPTIONS, to_field_name="slug"
    )

    class Meta:
        model = NewsPost
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, ["title", "summary", "body"], value)
