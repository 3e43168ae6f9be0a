from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from core.page_cache import cache_public_page
from news import feeds, views
from news.filters import NewsFilterSet

app_name = "news"

FILTERS = list(NewsFilterSet.base_filters)

urlpatterns = [
    path("", cache_public_page(views.NewsListView.as_view(), [*FILTERS, "page"]), name="list"),
    path(_("newsletter/"), cache_public_page(views.NewsletterView.as_view()), name="newsletter"),
    path(_("newsletter/subscribe/"), views.SubscribeView.as_view(), name="subscribe"),
    path("rabat-review/", cache_public_page(views.EditionListView.as_view()), name="editions"),
    path(
        "rabat-review/<int:number>-<int:year>/",
        cache_public_page(views.EditionDetailView.as_view()),
        name="edition",
    ),
    path(
        "rabat-review/<int:number>-<int:year>/<str:language>.pdf",
        views.EditionPdfView.as_view(),
        name="edition-pdf",
    ),
    path(
        _("newsletter/check-your-mail/"),
        views.SubscriptionAskedView.as_view(),
        name="subscription-asked",
    ),
    path(
        _("newsletter/confirm/<str:token>/"),
        never_cache(views.ConfirmSubscriptionView.as_view()),
        name="subscription-confirm",
    ),
    path(
        _("newsletter/leave/<str:token>/"),
        never_cache(views.LeaveView.as_view()),
        name="subscription-leave",
    ),
    path("feed.atom", cache_public_page(feeds.NewsFeed(), FILTERS), name="atom"),
    path("<slug:slug>/", cache_public_page(views.NewsDetailView.as_view()), name="detail"),
    path("<slug:slug>/image/", views.NewsImageView.as_view(), name="image"),
]
