"""The private area's forum pages, spliced into the ``private`` namespace."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from recommendations.forums import views as forum_views

urlpatterns = [
    path(_("forums/"), forum_views.ForumListView.as_view(), name="forum-list"),
    path(
        _("forums/threads/<int:pk>/"),
        forum_views.ThreadDetailView.as_view(),
        name="thread-detail",
    ),
    path(_("forums/<slug:slug>/"), forum_views.ForumDetailView.as_view(), name="forum-detail"),
    path(
        _("forums/<slug:slug>/new-thread/"),
        forum_views.ThreadCreateView.as_view(),
        name="thread-create",
    ),
]
