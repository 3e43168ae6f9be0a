"""The public API under /api/: its collections, its OpenAPI schema and its documentation."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from core.api import not_found
from governance import api as governance
from meetings import api as meetings
from projects import api as projects
from recommendations import api as recommendations

app_name = "api"

router = DefaultRouter()
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("library", meetings.PublicationViewSet, basename="publication")
router.register("recommendations", recommendations.RecommendationViewSet, basename="recommendation")
router.register(
    "implementation",
    recommendations.ImplementationFigureViewSet,
    basename="implementation",
)
router.register("projects", projects.ProjectViewSet, basename="project")
router.register("partners", governance.PartnerViewSet, basename="partner")
router.register("presidencies", governance.PresidencyViewSet, basename="presidency")
router.register("steering-committee", governance.CommitteeSeatViewSet, basename="committee-seat")
router.register("frameworks", governance.FrameworkViewSet, basename="framework")
router.register("domains", governance.DomainViewSet, basename="domain")
router.register("objectives", governance.ObjectiveViewSet, basename="objective")
router.register("actions", governance.ActionViewSet, basename="action")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Swagger UI's page sets its layout in one inline <style>: nothing a visitor wrote.
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("", include(router.urls)),
    # Any other address under /api/, line breaks included, answers in JSON.
    re_path(r"^(?P<path>[\s\S]*)$", not_found),
]
