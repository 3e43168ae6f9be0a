"""The site's URLs, and one more: a view that returns a fixed small page through the
whole middleware stack, without a template or a query. No page can be faster, so each
page's throughput is measured against it."""

from django.http import HttpResponse
from django.urls import path

from rabatprocess.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("<!DOCTYPE html><title>Bare</title><p>A fixed small page.</p>")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *site_urlpatterns]
