"""The public governance pages, in the ``governance`` namespace; the root URLs add the
presidency at a glance, which lives in the top layer (``recommendations.presidencies``).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.page_cache import cache_public_page
from governance import views
from governance.filters import CommitteeFilterSet, PartnerFilterSet

app_name = "governance"

urlpatterns = [
    path(
        _("action-plans/"),
        cache_public_page(views.FrameworkListView.as_view()),
        name="framework-list",
    ),
    path(
        _("action-plans/<slug:slug>/"),
        cache_public_page(views.FrameworkDetailView.as_view()),
        name="framework-detail",
    ),
    path(
        _("presidencies/"),
        cache_public_page(views.PresidencyListView.as_view()),
        name="presidency-list",
    ),
    path(
        _("steering-committee/"),
        cache_public_page(views.SteeringCommitteeView.as_view(), CommitteeFilterSet.base_filters),
        name="steering-committee",
    ),
    path(
        _("partners/"),
        cache_public_page(views.PartnerListView.as_view(), PartnerFilterSet.base_filters),
        name="partner-list",
    ),
    path(
        _("steering-committee/steering-committee.csv"),
        views.SteeringCommitteeCsvView.as_view(),
        name="steering-committee-csv",
    ),
    path(_("partners/partners.csv"), views.PartnerCsvView.as_view(), name="partner-csv"),
    path(
        _("partners/<slug:slug>/"),
        cache_public_page(views.PartnerDetailView.as_view()),
        name="partner-detail",
    ),
]
