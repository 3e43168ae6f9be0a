from pathlib import PurePath

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from core.security import client_ip_address
from governance.models import Domain, Partner, by_name
from meetings.models import Meeting
from news import subscriptions
from news.filters import NewsFilterSet
from news.forms import SubscriptionForm
from news.models import Edition, NewsPost

MEETINGS = Prefetch(
    "meetings",
    # Undated meetings last on every database (PostgreSQL would put them first).
    queryset=Meeting.objects.published()
    .select_related("host_country")
    .order_by(F("start").desc(nulls_last=True), "pk"),
)
DOMAINS = Prefetch("domains", queryset=Domain.objects.select_related("framework"))


class NewsListView(FilterView):
    filterset_class = NewsFilterSet
    template_name = "news/news_list.html"
    paginate_by = 10

    def get_queryset(self):
        return NewsPost.objects.published().newest_first()


class NewsDetailView(DetailView):
    template_name = "news/news_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        partners = Prefetch("partners", queryset=Partner.objects.order_by(by_name()))
        return NewsPost.objects.published().prefetch_related(MEETINGS, partners, DOMAINS)


class NewsImageView(View):
    """The image of a published post, from whichever storage holds the files: pages name
    it by the post's address, never by the file's."""

    def get(self, request, slug):
        post = get_object_or_404(NewsPost.objects.published(), slug=slug)
        if not post.image:
            raise Http404
        response = FileResponse(post.image.open("rb"), filename=PurePath(post.image.name).name)
        patch_cache_control(response, public=True, max_age=24 * 3600)
        return response


class NewsletterView(FormView):
    """The newsletter's page: what it is, and the full subscription form."""

    template_name = "news/newsletter.html"
    form_class = SubscriptionForm


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(FormView):
    """Asking for the newsletter, from this page's form or from the box in every page's
    footer. Pages are kept whole for visitors, so the box carries no CSRF token; none is
    needed here: the asking gives no power to whoever makes it, and only a link in the
    e-mail sent to the address confirms it."""

    template_name = "news/newsletter.html"
    form_class = SubscriptionForm
    http_method_names = ["post"]

    def form_valid(self, form):
        data = form.cleaned_data
        if form.from_a_robot:
            return redirect("news:subscription-asked")
        if not subscriptions.subscription_allowed(
            email=data["email"], client_address=client_ip_address(self.request)
        ):
            form.add_error(None, _("Too many subscriptions were asked for. Try again in an hour."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        subscriptions.ask(
            email=data["email"],
            languages=data["languages"],
            domains=data["domains"],
            news_notices=data["news_notices"],
            site_root=self.request.build_absolute_uri("/"),
        )
        return redirect("news:subscription-asked")


class SubscriptionAskedView(TemplateView):
    template_name = "news/subscription_asked.html"


class TokenActionView(TemplateView):
    """A page reached from a link in an e-mail, whose button does what the link names.
    A GET never changes anything: mail scanners open links."""

    def get(self, request, token):
        subscriber = self.get_subscriber(token)
        return self.render_to_response({"subscriber": subscriber, "done": False})

    def post(self, request, token):
        subscriber = self.get_subscriber(token)
        if subscriber is not None:
            self.act(subscriber)
        return self.render_to_response({"subscriber": subscriber, "done": True})


class ConfirmSubscriptionView(TokenActionView):
    template_name = "news/subscription_confirm.html"

    def get_subscriber(self, token):
        return subscriptions.subscriber_to_confirm(token)

    def act(self, subscriber):
        subscriptions.confirm(subscriber)


@method_decorator(csrf_exempt, name="dispatch")
class LeaveView(TokenActionView):
    """Leaving the newsletter: the page's button, or a mail program's one-click
    unsubscribe (RFC 8058), which posts to the address of the List-Unsubscribe header
    without any cookie; the signed token is the authority."""

    template_name = "news/subscription_leave.html"

    def get_subscriber(self, token):
        return subscriptions.subscriber_leaving(token)

    def act(self, subscriber):
        subscriptions.leave(subscriber)


class EditionListView(ListView):
    """The archive of the Rabat Review."""

    template_name = "news/edition_list.html"
    context_object_name = "editions"

    def get_queryset(self):
        return Edition.objects.published()


class EditionDetailView(DetailView):
    template_name = "news/edition_detail.html"
    context_object_name = "edition"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Edition.objects.published().with_public_items().prefetch_related("generated_pdfs"),
            year=self.kwargs["year"],
            number=self.kwargs["number"],
        )


class EditionPdfView(View):
    """The PDF of a published edition in one language: the one uploaded for an edition
    from before the platform, else the one the worker generated from its content."""

    def get(self, request, year, number, language):
        if language not in dict(settings.LANGUAGES):
            raise Http404
        edition = get_object_or_404(Edition.objects.published(), year=year, number=number)
        file = getattr(edition, f"pdf_{language}")
        if not file:
            generated = edition.generated_pdfs.filter(language=language).first()
            if generated is None:
                raise Http404
            file = generated.file
        return FileResponse(file.open("rb"), filename=f"rabat-review-{edition.slug}-{language}.pdf")
