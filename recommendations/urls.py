from django.urls import path

from core.page_cache import cache_public_page
from recommendations import views
from recommendations.filters import RecommendationFilterSet

app_name = "recommendations"

urlpatterns = [
    path(
        "",
        cache_public_page(
            views.RecommendationListView.as_view(), [*RecommendationFilterSet.base_filters, "page"]
        ),
        name="list",
    ),
    path("recommendations.csv", views.RecommendationCsvView.as_view(), name="csv"),
    path("<int:pk>/", cache_public_page(views.RecommendationDetailView.as_view()), name="detail"),
]
