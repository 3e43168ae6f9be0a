from django.urls import path

from meetings import feeds, views
from rabatprocess.page_cache import cache_public_page

app_name = "meetings"

urlpatterns = [
    path("", cache_public_page(views.MeetingListView.as_view()), name="list"),
    path("calendar.ics", cache_public_page(feeds.MeetingCalendarFeed()), name="ical"),
    path("feed.atom", cache_public_page(feeds.LatestMeetingsFeed()), name="atom"),
    path(
        "documents/<int:pk>/<str:language>/",
        views.DocumentFileView.as_view(),
        name="document-file",
    ),
    path("<slug:slug>/", cache_public_page(views.MeetingDetailView.as_view()), name="detail"),
]
