from django.db.models import Prefetch
from django.views.generic import TemplateView

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting, MeetingRole
from recommendations.models import Recommendation


class HomeView(TemplateView):
    """The dialogue at a glance: who chairs, what comes next, what was done."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        meetings = (
            Meeting.objects.published()
            .select_related("host_country")
            .prefetch_related(
                Prefetch("chairs", queryset=MeetingRole.objects.select_related("partner"))
            )
        )
        held = Meeting.objects.published().held()
        partners = Partner.objects.current()
        return super().get_context_data(
            current_presidency=Presidency.objects.current().select_related("partner").first(),
            framework_in_force=Framework.objects.in_force(),
            upcoming_meetings=meetings.upcoming().order_by("start", "pk")[:3],
            latest_meetings=meetings.latest_held()[:5],
            meetings_by_kind=held.count_by_kind(),
            meetings_held=held.count(),
            participants=held.total_participants(),
            outcomes=Recommendation.objects.published().count_by_kind(),
            partner_countries=partners.countries().filter(status=Partner.Status.PARTNER).count(),
            organisations=partners.organisations().count(),
            **kwargs,
        )
