"""The site's URLs, and one more: a view that returns a fixed small page through the
whole middleware stack, without a template or a query. No page can be faster, so each
page's throughput is measured against it. It sits under the language prefix, as every
public page does, so that its address is resolved the same way."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from rabatprocess.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("<!DOCTYPE html><title>Bare</title><p>A fixed small page.</p>")


urlpatterns = [
    *i18n_patterns(path("bench/bare/", bare, name="bench-bare")),
    *site_urlpatterns,
]
