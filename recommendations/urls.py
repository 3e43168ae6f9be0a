from django.urls import path

from rabatprocess.page_cache import cache_public_page
from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", cache_public_page(views.RecommendationListView.as_view()), name="list"),
    path("<int:pk>/", cache_public_page(views.RecommendationDetailView.as_view()), name="detail"),
]
