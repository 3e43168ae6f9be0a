from django.views.generic import TemplateView

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from meetings.views import CHAIRS
from recommendations.models import Recommendation


class HomeView(TemplateView):
    """The dialogue at a glance: who chairs, what comes next, what was done."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        meetings = (
            Meeting.objects.published().select_related("host_country").prefetch_related(CHAIRS)
        )
        tally = Meeting.objects.published().held().tally_by_kind()
        return super().get_context_data(
            current_presidency=Presidency.objects.current().select_related("partner").first(),
            framework_in_force=Framework.objects.in_force(),
            upcoming_meetings=meetings.upcoming().order_by("start", "pk")[:3],
            latest_meetings=meetings.latest_held()[:5],
            meetings_by_kind=[(label, count) for label, count, _participants in tally],
            meetings_held=sum(count for _label, count, _participants in tally),
            participants=sum(participants for _label, _count, participants in tally),
            outcomes=Recommendation.objects.published().count_by_kind(),
            **Partner.objects.current().tally(),
            **kwargs,
        )
