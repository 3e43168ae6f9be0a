from django.urls import path

from core.page_cache import cache_public_page
from meetings import feeds, views
from meetings.filters import MeetingFilterSet

app_name = "meetings"

# The query strings a cached page may have: its filters, and the list's page number.
FILTERS = list(MeetingFilterSet.base_filters)

urlpatterns = [
    path("", cache_public_page(views.MeetingListView.as_view(), [*FILTERS, "page"]), name="list"),
    path("meetings.csv", views.MeetingCsvView.as_view(), name="csv"),
    path(
        "calendar.ics",
        cache_public_page(feeds.MeetingCalendarView.as_view(), FILTERS),
        name="ical",
    ),
    path("feed.atom", cache_public_page(feeds.LatestMeetingsFeed()), name="atom"),
    path("documents/<int:pk>/thumbnail/", views.ThumbnailView.as_view(), name="document-thumbnail"),
    path(
        "documents/<int:pk>/<str:language>/",
        views.DocumentFileView.as_view(),
        name="document-file",
    ),
    path("<slug:slug>/", cache_public_page(views.MeetingDetailView.as_view()), name="detail"),
]
