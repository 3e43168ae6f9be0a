from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.page_cache import cache_public_page
from governance import urls as governance_urls
from opendata.views import ArchiveView, DownloadView
from pages.views import ContactSentView, ContactView, PageView
from rabatprocess import views
from rabatprocess.health import health
from rabatprocess.sitemaps import SITEMAPS
from recommendations.presidencies import PresidencyBriefView

# The governance section, with the presidency at a glance that the top layer builds.
governance_pages = [
    *governance_urls.urlpatterns,
    path(
        _("presidencies/<int:pk>/"),
        cache_public_page(PresidencyBriefView.as_view()),
        name="presidency-detail",
    ),
]

urlpatterns = [
    # Load balancers poll it: no language prefix, no sign-in, no session.
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    # The API chooses its language from ?lang= or Accept-Language, not from its address.
    path("api/", include("rabatprocess.api_urls")),
    # Scripts fetch the newest archive at one address, whatever the language.
    path(
        "open-data/rabat-process-open-data.zip", DownloadView.as_view(), name="open-data-download"
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

urlpatterns += i18n_patterns(
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path(_("meetings/"), include("meetings.urls")),
    path(_("news/"), include("news.urls")),
    path(_("library/"), include("meetings.library_urls")),
    path(_("overview/"), include("overview.urls")),
    path(_("projects/"), include("projects.urls")),
    *(
        path(address, cache_public_page(PageView.as_view(key=key)), name=key)
        for key, address in (
            ("about", _("about/")),
            ("legal", _("legal-notice/")),
            ("privacy", _("privacy/")),
            ("accessibility", _("accessibility/")),
        )
    ),
    path(
        _("open-data/"),
        cache_public_page(PageView.as_view(key="open-data", template_name="pages/open_data.html")),
        name="open-data",
    ),
    path(
        _("open-data/archive/"), cache_public_page(ArchiveView.as_view()), name="open-data-archive"
    ),
    path("contact/", ContactView.as_view(), name="contact"),
    path(_("contact/sent/"), ContactSentView.as_view(), name="contact-sent"),
    path(_("recommendations/"), include("recommendations.urls")),
    path(
        _("search/"),
        cache_public_page(views.SearchView.as_view(), ["q", "type", "year", "language", "page"]),
        name="search",
    ),
    path(_("private/"), include("rabatprocess.private_urls")),
    path("", include((governance_pages, governance_urls.app_name))),
)

# Error pages in the site's layout (rabatprocess.views); the CSRF failure page is set in
# the settings (CSRF_FAILURE_VIEW).
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
