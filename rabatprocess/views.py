from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.search import query_words
from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from meetings.views import CHAIRS
from news.models import NewsPost
from rabatprocess import search
from rabatprocess.forms import SearchForm
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


class SearchView(TemplateView):
    """One search across the public content: each kind of content with its count and its
    first results, or one kind page by page."""

    template_name = "search.html"
    first_results = 3
    paginate_by = 20

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        context = super().get_context_data(form=form, sections=[], **kwargs)
        if not form.is_valid() or not query_words(form.cleaned_data["q"]):
            return context
        text, chosen = form.cleaned_data["q"], form.cleaned_data["type"]
        words = query_words(text)
        options = {
            "languages": search.languages_searched(form.cleaned_data["language"]),
            "year": form.cleaned_data["year"],
        }
        for section in search.SECTIONS:
            if chosen and section.key != chosen:
                continue
            rows = section.find(text, **options)
            if chosen:
                page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
                context["page_obj"], count, shown = page, page.paginator.count, page.object_list
            else:
                count, shown = rows.count(), rows[: self.first_results]
            context["sections"].append(
                {
                    "key": section.key,
                    "label": section.label,
                    "count": count,
                    "results": [section.show(row, words) for row in shown],
                    "list_url": search.section_list_url(section, text),
                    "more_url": self.address(type=section.key),
                }
            )
        context.update(
            query=text,
            searched=True,
            total=sum(section["count"] for section in context["sections"]),
            everything_url=self.address(type=""),
        )
        return context

    def address(self, **changes):
        """This search's address with ``changes`` to its parameters, from its first page."""
        parameters = {key: value for key, value in self.request.GET.items() if key != "page"}
        parameters.update(changes)
        return "?" + urlencode({key: value for key, value in parameters.items() if value})


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
