from django.urls import path

from meetings import feeds, views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("calendar.ics", feeds.MeetingCalendarFeed(), name="ical"),
    path("feed.atom", feeds.LatestMeetingsFeed(), name="atom"),
    path(
        "documents/<int:pk>/<str:language>/",
        views.DocumentFileView.as_view(),
        name="document-file",
    ),
    path("<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
]
