from django.urls import path

from core.page_cache import cache_public_page
from meetings import views
from meetings.filters import LibraryFilterSet

app_name = "library"

FILTERS = [*LibraryFilterSet.base_filters, "page"]

urlpatterns = [
    path("", cache_public_page(views.LibraryView.as_view(), FILTERS), name="list"),
    path("library.csv", views.LibraryCsvView.as_view(), name="csv"),
    path("<int:pk>/", cache_public_page(views.PublicationView.as_view()), name="detail"),
]
