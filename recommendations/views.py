from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView
from django_filters.views import FilterView

from governance.models import Action, Domain, Framework, Objective, Presidency
from meetings.models import Meeting, MeetingRole
from recommendations.filters import RecommendationFilterSet
from recommendations.models import ImplementationReport, Recommendation


def issued(kind):
    return Count(
        "recommendations", filter=Q(recommendations__published=True, recommendations__kind=kind)
    )


class PresidencyDetailView(DetailView):
    """A presidency at a glance: its meetings by kind, what they issued, and how much of the
    framework in force they covered. Mounted in the governance namespace."""

    template_name = "governance/presidency_detail.html"
    queryset = Presidency.objects.select_related("partner")

    def get_context_data(self, **kwargs):
        presidency = self.object
        during = Meeting.objects.published().during(presidency)
        meetings = list(
            during.select_related("host_country")
            .prefetch_related(
                Prefetch("chairs", queryset=MeetingRole.objects.select_related("partner"))
            )
            .annotate(
                recommendation_count=issued(Recommendation.Kind.RECOMMENDATION),
                conclusion_count=issued(Recommendation.Kind.CONCLUSION),
            )
            .order_by("start", "title")
        )
        framework = Framework.objects.in_force_on(presidency.start).first()
        tree = framework.plan_tree(meetings=during) if framework else None
        return super().get_context_data(
            meeting_groups=by_kind(meetings),
            meeting_total=len(meetings),
            recommendation_total=sum(meeting.recommendation_count for meeting in meetings),
            conclusion_total=sum(meeting.conclusion_count for meeting in meetings),
            framework=framework,
            coverage=tree.coverage(with_recommendations=True) if tree else None,
            previous_presidency=Presidency.objects.filter(start__lt=presidency.start)
            .select_related("partner")
            .order_by("-start")
            .first(),
            next_presidency=Presidency.objects.filter(start__gt=presidency.start)
            .select_related("partner")
            .order_by("start")
            .first(),
            **kwargs,
        )


def by_kind(meetings):
    """``(kind label, meetings)`` pairs in the order of the kinds of meeting."""
    groups = {kind: [] for kind in Meeting.Kind}
    for meeting in meetings:
        groups[meeting.kind].append(meeting)
    return [(kind.label, members) for kind, members in groups.items() if members]


class RecommendationListView(FilterView):
    filterset_class = RecommendationFilterSet
    template_name = "recommendations/recommendation_list.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("meeting__host_country")
            .order_by("-meeting__start", "meeting__pk", "kind", "sort_order", "number")
        )


class RecommendationDetailView(DetailView):
    """The chain meeting → document → recommendation → actions, and its follow-up."""

    template_name = "recommendations/recommendation_detail.html"

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("meeting__host_country", "document")
            .prefetch_related(
                "addressees",
                Prefetch("domains", queryset=Domain.objects.select_related("framework")),
                Prefetch("objectives", queryset=Objective.objects.select_related("framework")),
                Prefetch("actions", queryset=Action.objects.select_related("framework")),
            )
        )

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
