from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from meetings.views import CHAIRS
from news.models import NewsPost
from recommendations.models import Recommendation


class HomeView(TemplateView):
    """The dialogue at a glance: who chairs, what comes next, what was done."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        meetings = (
            Meeting.objects.published().select_related("host_country").prefetch_related(CHAIRS)
        )
        tally = Meeting.objects.published().of_the_dialogue().held().tally_by_kind()
        return super().get_context_data(
            current_presidency=Presidency.objects.current().select_related("partner").first(),
            framework_in_force=Framework.objects.in_force(),
            upcoming_meetings=meetings.upcoming().order_by("start", "pk")[:3],
            latest_meetings=meetings.latest_held()[:5],
            latest_news=NewsPost.objects.published().newest_first()[:3],
            meetings_by_kind=[(label, count) for label, count, _participants in tally],
            meetings_held=sum(count for _label, count, _participants in tally),
            participants=sum(participants for _label, _count, participants in tally),
            outcomes=Recommendation.objects.published().count_by_kind(),
            **Partner.objects.current().tally(),
            **kwargs,
        )


# Error pages, in the site's layout and the visitor's language.


def _error_page(request, status, title, message, context_processors=True):
    context = {"title": title, "message": message, "status": status, "request": request}
    if context_processors:
        return render(request, "error.html", context, status=status)
    # The server error page reads nothing that needs the database: it must show when the
    # database is down. The visitor is not looked up (the menu offers to sign in).
    return HttpResponse(loader.render_to_string("error.html", context), status=status)


def bad_request(request, exception=None):
    return _error_page(
        request,
        400,
        _("Bad request"),
        _("The address or the form sent could not be understood."),
    )


def permission_denied(request, exception=None):
    return _error_page(
        request,
        403,
        _("Access refused"),
        _("Your account does not give access to this page."),
    )


def page_not_found(request, exception=None):
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the address may be mistyped."),
    )


def server_error(request):
    return _error_page(
        request,
        500,
        _("Server error"),
        _("Something went wrong on our side. The team has been told; please try again later."),
        context_processors=False,
    )


def csrf_failure(request, reason=""):
    return _error_page(
        request,
        403,
        _("The form has expired"),
        _(
            "The page was open too long, or cookies are blocked. Go back, reload the page "
            "and send the form again."
        ),
    )
