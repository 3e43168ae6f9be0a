"""The dialogue over time: meetings a year by kind, recommendations and conclusions a
year, participation a year by bloc, and the plans in force; each bar leads to the list
that holds what it counts. Four queries, whatever the size of the record."""

import datetime
from collections import defaultdict

from django.db.models import Case, CharField, Count, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.charts import Period, Periods, Row, StackedBars
from governance.models import AFRICAN_REGIONS, Bloc, Framework, Partner
from meetings.models import Meeting
from recommendations.models import Recommendation

# The bloc of a meeting's participant, as ``Partner.bloc`` says it, in SQL.
PARTICIPANT_BLOC = Case(
    When(participants__status=Partner.Status.OBSERVER, then=Value(Bloc.OBSERVERS.value)),
    When(participants__kind=Partner.Kind.ORGANISATION, then=Value(Bloc.ORGANISATIONS.value)),
    When(participants__region__in=AFRICAN_REGIONS, then=Value(Bloc.AFRICAN.value)),
    default=Value(Bloc.EUROPEAN.value),
    output_field=CharField(),
)


def by_year(rows, key):
    """{year: {series: count}} from rows of ``year``, ``key`` and ``count``."""
    table = defaultdict(dict)
    for row in rows:
        if row["year"] is not None:
            table[row["year"]][row[key]] = row["count"]
    return table


def list_address(name, **filters):
    return f"{reverse(name)}?{urlencode(filters)}"


class Timeline:
    """The charts of the page, read in four queries."""

    def __init__(self):
        meetings = Meeting.objects.published().annotate(year=ExtractYear("start")).order_by()
        by_kind = by_year(meetings.values("year", "kind").annotate(count=Count("pk")), "kind")
        by_bloc = by_year(
            meetings.filter(participants__isnull=False)
            .annotate(bloc=PARTICIPANT_BLOC)
            .values("year", "bloc")
            .annotate(count=Count("pk")),
            "bloc",
        )
        issued = by_year(
            Recommendation.objects.published()
            .annotate(year=ExtractYear("meeting__start"))
            .order_by()
            .values("year", "kind")
            .annotate(count=Count("pk")),
            "kind",
        )
        frameworks = list(
            Framework.objects.strategic().filter(adopted_on__isnull=False).order_by("adopted_on")
        )
        known = set(by_kind) | set(issued)
        self.years = list(range(min(known), max(known) + 1)) if known else []
        self.in_force = self.plans_by_year(frameworks)
        self.meetings = StackedBars(
            name="meetings-by-year",
            title=_("Meetings a year, by kind"),
            series=[(kind.value, kind.label) for kind in Meeting.Kind],
            rows=self.rows(by_kind, "meetings:list", "kind"),
            unit_label=_("Year"),
        )
        self.issued = StackedBars(
            name="recommendations-by-year",
            title=_("Recommendations and conclusions a year"),
            series=[(kind.value, kind.label) for kind in Recommendation.Kind],
            rows=self.rows(issued, "recommendations:list", "kind"),
            unit_label=_("Year"),
        )
        self.participation = StackedBars(
            name="participation-by-year",
            title=_("Participation a year, by bloc (each partner at each meeting)"),
            series=[(bloc.value, bloc.label) for bloc in Bloc],
            rows=self.rows(by_bloc, "meetings:list", None),
            unit_label=_("Year"),
        )
        self.plans = Periods(
            name="plans",
            title=_("The plans in force"),
            first=self.years[0] if self.years else None,
            last=self.years[-1] if self.years else None,
            periods=[
                Period(
                    f"{framework.short_name} ({framework.adopted_on.year})",
                    framework.adopted_on.year,
                    following.adopted_on.year if following else None,
                    framework.get_absolute_url(),
                )
                for framework, following in zip(
                    frameworks, [*frameworks[1:], None][: len(frameworks)], strict=True
                )
            ],
        )

    def plans_by_year(self, frameworks):
        """{year: the framework in force in the middle of that year}."""
        in_force = {}
        for year in self.years:
            middle = datetime.date(year, 7, 1)
            current = [framework for framework in frameworks if framework.adopted_on <= middle]
            in_force[year] = current[-1] if current else None
        return in_force

    def rows(self, table, list_name, filter_name):
        """A row a year, each leading to the list for that year, each segment to the list
        for that year and series (when the list filters by it)."""
        rows = []
        for year in self.years:
            plan = self.in_force[year]
            values = table.get(year, {})
            rows.append(
                Row(
                    f"{year} · {plan.short_name}" if plan else str(year),
                    url=list_address(list_name, year=year),
                    values=values,
                    links={
                        key: list_address(list_name, year=year, **{filter_name: key})
                        for key in values
                    }
                    if filter_name
                    else {},
                )
            )
        return rows
