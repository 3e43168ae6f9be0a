"""The site's addresses, and one whose view fails: for the tests of the server error page."""

from django.urls import path

from rabatprocess.urls import handler400, handler403, handler404, handler500, urlpatterns


def failing_view(request):
    raise RuntimeError("a failure in a view")


urlpatterns = [*urlpatterns, path("failing/", failing_view)]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
