import csv

from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.csv_download import Line, spreadsheet_safe
from overview.follow_up import LEVELS, STATUSES, FollowUp
from overview.gaps import Gaps
from overview.maps import DialogueMap
from overview.presidencies import CompareForm, Comparison, latest_two
from overview.timeline import Timeline


class OverviewView(TemplateView):
    """What the section shows, a line each."""

    template_name = "overview/index.html"


class TimelineView(TemplateView):
    template_name = "overview/timeline.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(timeline=Timeline(), **kwargs)


class GapsView(TemplateView):
    template_name = "overview/gaps.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gaps=Gaps(), **kwargs)


class FollowUpView(TemplateView):
    template_name = "overview/follow_up.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(follow_up=FollowUp(self.request.GET.get("round")), **kwargs)


class FollowUpCsvView(View):
    """One figure of the dashboard as a CSV file: a row per domain, objective or action."""

    def get(self, request, level):
        if level not in LEVELS:
            raise Http404
        follow_up = FollowUp(request.GET.get("round"))
        if follow_up.round is None or follow_up.unknown_round:
            raise Http404
        writer = csv.writer(Line())
        headings = [_("Number"), _("Title"), *(label for _key, label in STATUSES), _("Total")]
        lines = [
            "\ufeff" + writer.writerow([str(heading) for heading in headings]),
            *(
                writer.writerow([spreadsheet_safe(cell) for cell in row])
                for row in follow_up.table(level)
            ),
        ]
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        name = f"follow-up-{follow_up.round.slug}-{level}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class MapView(TemplateView):
    template_name = "overview/map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(map=DialogueMap(), **kwargs)


class ComparePresidenciesView(TemplateView):
    """Two to four presidencies side by side; the latest two unless others are chosen."""

    template_name = "overview/presidencies.html"

    def get_context_data(self, **kwargs):
        form = CompareForm(self.request.GET or None)
        if form.is_bound:
            chosen = form.cleaned_data["presidencies"] if form.is_valid() else []
        else:
            chosen = latest_two()
            # The boxes of the two compared are ticked.
            form = CompareForm(initial={"presidencies": chosen})
        comparison = Comparison(chosen) if len(chosen) >= 2 else None
        return super().get_context_data(form=form, comparison=comparison, **kwargs)
