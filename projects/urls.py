from django.urls import path

from core.page_cache import cache_public_page
from projects import views
from projects.filters import ProjectFilterSet

app_name = "projects"

FILTERS = [*ProjectFilterSet.base_filters, "page"]

urlpatterns = [
    path("", cache_public_page(views.ProjectListView.as_view(), FILTERS), name="list"),
    path("projects.csv", views.ProjectCsvView.as_view(), name="csv"),
    path(
        "<slug:identifier>/",
        cache_public_page(views.ProjectDetailView.as_view()),
        name="detail",
    ),
]
