"""A presidency at a glance: the meetings held during it by kind, what they issued, and
how much of the framework then in force they covered. A page of the governance section,
built here because it counts meetings and recommendations."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView

from governance.models import Framework, Presidency
from meetings.models import Meeting
from meetings.views import CHAIRS
from recommendations.models import Recommendation


class PresidencyBriefView(DetailView):
    """A brief, not an archive: each kind lists its first ``MEETINGS_PER_KIND`` meetings
    and links to the meetings list for the rest. A constant number of queries, whatever
    the size of the record."""

    MEETINGS_PER_KIND = 20
    template_name = "recommendations/presidency_brief.html"

    def get_object(self, queryset=None):
        # All of them, in one short query (there is one a year): the page links to the
        # presidencies before and after.
        self.presidencies = list(Presidency.objects.select_related("partner").order_by("start"))
        for presidency in self.presidencies:
            if presidency.pk == self.kwargs["pk"]:
                return presidency
        raise Http404

    def get_context_data(self, **kwargs):
        presidency = self.object
        during = Meeting.objects.published().during(presidency)
        meetings = list(
            during.annotate(
                rank=Window(RowNumber(), partition_by="kind", order_by=[F("start"), F("title")]),
                kind_total=Window(Count("pk"), partition_by="kind"),
            )
            .filter(rank__lte=self.MEETINGS_PER_KIND)
            .select_related("host_country")
            .prefetch_related(CHAIRS)
            .order_by("start", "title")
        )
        issued = Recommendation.objects.published().during(presidency).count_by_meeting()
        for meeting in meetings:
            meeting.recommendation_count = issued[meeting.pk][Recommendation.Kind.RECOMMENDATION]
            meeting.conclusion_count = issued[meeting.pk][Recommendation.Kind.CONCLUSION]
        framework = Framework.objects.in_force_on(presidency.start).first()
        coverage = (
            framework.plan_tree(meetings=during).coverage(with_recommendations=True)
            if framework
            else None
        )
        previous, following = presidency.neighbours(self.presidencies)
        groups = by_kind(meetings, presidency)
        related = Meeting.Kind.RELATED_EVENT
        return super().get_context_data(
            meeting_groups=[group for group in groups if group.kind != related],
            related_groups=[group for group in groups if group.kind == related],
            meetings_held=during.of_the_dialogue().held().count(),
            recommendation_total=sum(
                c[Recommendation.Kind.RECOMMENDATION] for c in issued.values()
            ),
            conclusion_total=sum(c[Recommendation.Kind.CONCLUSION] for c in issued.values()),
            framework=framework,
            coverage=coverage,
            previous_presidency=previous,
            next_presidency=following,
            **kwargs,
        )


@dataclass
class KindGroup:
    """The meetings of one kind shown on a presidency's page, out of ``total``; all of them
    are at ``more_url``."""

    kind: Meeting.Kind
    meetings: list
    total: int
    more_url: str

    @property
    def label(self):
        return self.kind.label

    @property
    def more(self):
        return self.total - len(self.meetings)


def by_kind(meetings, period):
    """A :class:`KindGroup` for each kind present, in the order of the kinds of meeting."""
    groups = {kind: [] for kind in Meeting.Kind}
    for meeting in meetings:
        groups[meeting.kind].append(meeting)
    # The list's date filters include their last day; a term's end is its successor's first.
    dates = {"date_from": period.start}
    if period.end:
        dates["date_to"] = period.end - datetime.timedelta(days=1)
    return [
        KindGroup(
            kind,
            members,
            members[0].kind_total,
            f"{reverse('meetings:list')}?{urlencode({'kind': kind.value, **dates})}",
        )
        for kind, members in groups.items()
        if members
    ]
