from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.page_cache import cache_public_page
from overview import views

app_name = "overview"

urlpatterns = [
    path("", cache_public_page(views.OverviewView.as_view()), name="index"),
    path(_("over-time/"), cache_public_page(views.TimelineView.as_view()), name="timeline"),
    path(_("gaps/"), cache_public_page(views.GapsView.as_view()), name="gaps"),
    path(_("map/"), cache_public_page(views.MapView.as_view()), name="map"),
    path(
        _("presidencies/"),
        cache_public_page(views.ComparePresidenciesView.as_view(), ["presidencies"]),
        name="presidencies",
    ),
    path(
        _("follow-up/"),
        cache_public_page(views.FollowUpView.as_view(), ["round"]),
        name="follow-up",
    ),
    path(
        _("follow-up/<slug:level>.csv"),
        views.FollowUpCsvView.as_view(),
        name="follow-up-csv",
    ),
]
