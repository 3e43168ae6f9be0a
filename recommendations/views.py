from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.charts import Row, StackedBars
from core.csv_download import CsvListView
from governance.models import Action, Domain, Objective
from recommendations.filters import RecommendationFilterSet
from recommendations.models import ImplementationReport, Recommendation


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
        return super().get_context_data(
            document_is_public=recommendation.document_id is not None
            and recommendation.meeting.documents.public()
            .filter(pk=recommendation.document_id)
            .exists(),
            follow_up=follow_up_chart(recommendation),
            **kwargs,
        )


def follow_up_chart(recommendation):
    """How many partners' validated reports give each status, round by round."""
    rows = {}
    reports = (
        ImplementationReport.objects.validated()
        .filter(recommendation=recommendation)
        .order_by()
        .values("round", "round__name", "round__opens_on", "status")
        .annotate(count=Count("pk"))
        .order_by("round__opens_on", "round")
    )
    for report in reports:
        row = rows.setdefault(report["round"], Row(report["round__name"]))
        row.values[report["status"]] = report["count"]
    return StackedBars(
        name="follow-up",
        title=_("Partners' validated reports on this recommendation, by status"),
        series=[(status.value, status.label) for status in ImplementationReport.Status],
        rows=list(rows.values()),
        unit_label=_("Reporting round"),
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
