import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from governance.linked_records import prefetch_linked_records
from governance.models import Action, Framework, Presidency
from meetings.models import Meeting
from meetings.views import CHAIRS
from rabatprocess.csv_download import CsvListView
from rabatprocess.page_cache import cached, cached_fragments, render_each
from rabatprocess.pagination import FilteredPagesMixin
from recommendations.filters import RecommendationFilterSet
from recommendations.models import ImplementationReport, Recommendation


class PresidencyDetailView(DetailView):
    """A presidency at a glance: its meetings by kind, what they issued, and how much of the
    framework in force they covered. Mounted in the governance namespace.

    A brief, not an archive: each kind lists its first ``MEETINGS_PER_KIND`` meetings and
    links to the meetings list for the rest. Ten queries at most, whatever the size of the
    record.
    """

    MEETINGS_PER_KIND = 20
    template_name = "governance/presidency_detail.html"

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
        # Each meeting's row is kept rendered: its kind, to group it, is all that is read
        # of it, unless its row is not kept yet.
        meetings = list(
            during.annotate(
                rank=Window(RowNumber(), partition_by="kind", order_by=[F("start"), F("title")]),
                kind_total=Window(Count("pk"), partition_by="kind"),
            )
            .filter(rank__lte=self.MEETINGS_PER_KIND)
            .only("kind")
            .order_by("start", "title")
        )
        issued = Recommendation.objects.published().during(presidency).count_by_meeting()
        rows = cached_fragments(
            "presidency-meeting-row",
            [meeting.pk for meeting in meetings],
            lambda keys: render_meeting_rows(during.filter(pk__in=keys), issued),
        )
        meetings = [meeting for meeting in meetings if meeting.pk in rows]
        for meeting in meetings:
            meeting.row = rows[meeting.pk]
        framework = Framework.objects.in_force_on(presidency.start).first()
        coverage = (
            cached(
                f"presidency-coverage:{presidency.pk}",
                lambda: framework.plan_tree(meetings=during).coverage(with_recommendations=True),
            )
            if framework
            else None
        )
        previous, following = presidency.neighbours(self.presidencies)
        groups = by_kind(meetings, presidency)
        return super().get_context_data(
            meeting_groups=groups,
            meeting_total=sum(group.total for group in groups),
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


def render_meeting_rows(meetings, issued):
    """The rows of a presidency's meeting tables by meeting key, with the recommendations
    and conclusions ``issued`` at each, and their chairs read in one query."""
    meetings = list(meetings.select_related("host_country").prefetch_related(CHAIRS))
    for meeting in meetings:
        meeting.recommendation_count = issued[meeting.pk][Recommendation.Kind.RECOMMENDATION]
        meeting.conclusion_count = issued[meeting.pk][Recommendation.Kind.CONCLUSION]
    return render_each("governance/includes/presidency_meeting_row.html", "meeting", meetings)


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
    def rows(self):
        return [meeting.row for meeting in self.meetings]

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


class RecommendationListView(FilteredPagesMixin, FilterView):
    filterset_class = RecommendationFilterSet
    template_name = "recommendations/recommendation_list.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("meeting__host_country")
            .order_by("-meeting__start", "meeting__pk", "kind", "sort_order", "number")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation_items"] = context["object_list"].rendered(
            "recommendation-item", render_recommendation_items
        )
        return context


def render_recommendation_items(recommendations):
    return render_each(
        "recommendations/includes/recommendation_item.html", "recommendation", recommendations
    )


class RecommendationDetailView(DetailView):
    """The chain meeting → document → recommendation → actions, and its follow-up."""

    template_name = "recommendations/recommendation_detail.html"

    def get_queryset(self):
        return Recommendation.objects.published().select_related(
            "meeting__host_country", "document"
        )

    def get_object(self, queryset=None):
        recommendation = super().get_object(queryset)
        prefetch_linked_records(recommendation, "addressees", "domains", "objectives", "actions")
        return recommendation

    def get_context_data(self, **kwargs):
        recommendation = self.object
        follow_up = (
            ImplementationReport.objects.validated()
            .filter(recommendation=recommendation)
            .order_by()
            .values("status")
            .annotate(count=Count("pk"))
        )
        statuses = dict(ImplementationReport.Status.choices)
        return super().get_context_data(
            document_is_public=recommendation.document_id is not None
            and recommendation.meeting.documents.public()
            .filter(pk=recommendation.document_id)
            .exists(),
            follow_up=[(statuses[row["status"]], row["count"]) for row in follow_up],
            **kwargs,
        )


class RecommendationCsvView(CsvListView):
    """The recommendations list, filtered as on its page, as a CSV file."""

    filterset_class = RecommendationFilterSet
    filename = "recommendations.csv"
    columns = (
        (_("Meeting"), lambda recommendation: recommendation.meeting),
        (_("Date"), lambda recommendation: recommendation.meeting.start),
        (_("Kind"), lambda recommendation: recommendation.get_kind_display()),
        (_("Number"), lambda recommendation: recommendation.number),
        (_("Paragraph"), lambda recommendation: recommendation.paragraph),
        (_("Text"), lambda recommendation: recommendation.text),
        (
            _("Addressed to"),
            lambda recommendation: "; ".join(map(str, recommendation.addressees.all())),
        ),
        (
            _("Actions"),
            lambda recommendation: "; ".join(
                f"{action.framework.short_name} {action.number}"
                for action in recommendation.actions.all()
            ),
        ),
    )

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("meeting")
            .prefetch_related(
                "addressees",
                Prefetch("actions", queryset=Action.objects.select_related("framework")),
            )
            .order_by("-meeting__start", "meeting__pk", "kind", "sort_order", "number", "pk")
        )
