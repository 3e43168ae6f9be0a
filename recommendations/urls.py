from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail"),
]
