"""The private area's front page, which gathers what every layer has for a focal point."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from governance.access import PrivateAreaMixin
from meetings.models import Document, Meeting
from recommendations.models import ImplementationReport, ReportingRound, Thread


class DashboardView(PrivateAreaMixin, TemplateView):
    template_name = "private/dashboard.html"

    def get_context_data(self, **kwargs):
        partner = self.focal_point.partner if self.focal_point else None
        rounds = ReportingRound.objects.open().annotate(
            actions_asked=Count("actions", distinct=True),
            recommendations_asked=Count("recommendations", distinct=True),
        )
        if partner is not None:
            rounds = rounds.annotate(
                answered=Count(
                    "reports",
                    filter=Q(
                        reports__partner=partner,
                        reports__state__in=[
                            ImplementationReport.State.SUBMITTED,
                            ImplementationReport.State.VALIDATED,
                        ],
                    ),
                    distinct=True,
                ),
                returned=Count(
                    "reports",
                    filter=Q(
                        reports__partner=partner,
                        reports__state=ImplementationReport.State.RETURNED,
                    ),
                    distinct=True,
                ),
            )
        return super().get_context_data(
            partner=partner,
            open_rounds=rounds.order_by("closes_on"),
            upcoming_meetings=Meeting.objects.published()
            .upcoming()
            .select_related("host_country")
            .order_by("start")[:5],
            reserved_documents=Document.objects.visible_to(self.request.user)
            .exclude(visibility=Document.Visibility.PUBLIC)
            .published()
            .select_related("meeting")
            .order_by("-created_at")[:5],
            recent_threads=Thread.objects.visible()
            .select_related("forum")
            .order_by("-last_post_at", "-pk")[:5],
            **kwargs,
        )
