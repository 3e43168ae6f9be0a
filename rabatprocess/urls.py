from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from rabatprocess import views

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("meetings/"), include("meetings.urls")),
    path(_("recommendations/"), include("recommendations.urls")),
    path("", include("rabatprocess.governance_urls")),
)
