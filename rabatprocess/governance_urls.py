"""The public governance pages, in the ``governance`` namespace.

The project package mounts them because one of them, the presidency at a glance, counts
meetings and recommendations and so lives in the top layer.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from governance import views
from recommendations.views import PresidencyDetailView

app_name = "governance"

urlpatterns = [
    path(_("action-plans/"), views.FrameworkListView.as_view(), name="framework-list"),
    path(
        _("action-plans/<slug:slug>/"),
        views.FrameworkDetailView.as_view(),
        name="framework-detail",
    ),
    path(_("presidencies/"), views.PresidencyListView.as_view(), name="presidency-list"),
    path(_("presidencies/<int:pk>/"), PresidencyDetailView.as_view(), name="presidency-detail"),
    path(
        _("steering-committee/"), views.SteeringCommitteeView.as_view(), name="steering-committee"
    ),
    path(_("partners/"), views.PartnerListView.as_view(), name="partner-list"),
    path(_("partners/<slug:slug>/"), views.PartnerDetailView.as_view(), name="partner-detail"),
]
