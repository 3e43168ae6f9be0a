from django.db.models import Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from governance.models import Action, Domain, Objective
from meetings.filters import MeetingFilterSet
from meetings.models import Document, Meeting, MeetingRole

CHAIRS = Prefetch("chairs", queryset=MeetingRole.objects.select_related("partner"))


class MeetingListView(FilterView):
    filterset_class = MeetingFilterSet
    template_name = "meetings/meeting_list.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .prefetch_related(CHAIRS)
            .order_by("-start", "title")
        )


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .prefetch_related(
                CHAIRS,
                "participants",
                "frameworks",
                Prefetch("domains", queryset=Domain.objects.select_related("framework")),
                Prefetch("plan_objectives", queryset=Objective.objects.select_related("framework")),
                Prefetch("actions", queryset=Action.objects.select_related("framework")),
                Prefetch("documents", queryset=Document.objects.public()),
            )
        )

    def get_context_data(self, **kwargs):
        meeting = self.object
        previous, following = meeting.neighbours()
        return super().get_context_data(
            recommendations=meeting.recommendations.filter(published=True).order_by(
                "kind", "sort_order", "number"
            ),
            previous_meeting=previous,
            next_meeting=following,
            **kwargs,
        )
