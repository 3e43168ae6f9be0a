from django.views.generic import TemplateView

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from meetings.views import render_meeting_items
from rabatprocess.page_cache import cached, cached_fragments_of
from recommendations.models import Recommendation


class HomeView(TemplateView):
    """The dialogue at a glance: who chairs, what comes next, what was done."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        records = cached("home-records", home_records)
        upcoming, latest = records["upcoming_meetings"], records["latest_meetings"]
        items = cached_fragments_of("meeting-item", [*upcoming, *latest], render_meeting_items)
        return super().get_context_data(
            upcoming_items=[items[meeting.pk] for meeting in upcoming],
            latest_items=[items[meeting.pk] for meeting in latest],
            **records,
            # Counting the whole record takes longer than the rest of the page together.
            **cached("key-figures", key_figures),
            **kwargs,
        )


def home_records():
    """The presidency, the framework and the meetings the home page shows, as of today."""
    meetings = Meeting.objects.published().select_related("host_country")
    return {
        "current_presidency": Presidency.objects.current().select_related("partner").first(),
        "framework_in_force": Framework.objects.in_force(),
        "upcoming_meetings": list(meetings.upcoming().order_by("start", "pk")[:3]),
        "latest_meetings": list(meetings.latest_held()[:5]),
    }


def key_figures():
    """The figures of the home page, counted from the published record in three queries."""
    tally = Meeting.objects.published().held().tally_by_kind()
    return {
        "meetings_by_kind": [(label, count) for label, count, _participants in tally],
        "meetings_held": sum(count for _label, count, _participants in tally),
        "participants": sum(participants for _label, _count, participants in tally),
        "outcomes": Recommendation.objects.published().count_by_kind(),
        **Partner.objects.current().tally(),
    }
