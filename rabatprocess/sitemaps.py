"""The sitemap: every public page, in each language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from news.models import NewsPost
from pages.models import Page
from recommendations.models import Recommendation


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(TranslatedSitemap):
    priority = 0.8

    def items(self):
        return [
            "home",
            "meetings:list",
            "news:list",
            "recommendations:list",
            "governance:framework-list",
            "governance:presidency-list",
            "governance:steering-committee",
            "governance:partner-list",
            "library:list",
            "projects:list",
            "overview:index",
            "open-data-archive",
        ]

    def location(self, name):
        return reverse(name)


class MeetingSitemap(TranslatedSitemap):
    def items(self):
        return Meeting.objects.published().order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class PageSitemap(TranslatedSitemap):
    priority = 0.3

    def items(self):
        return Page.objects.order_by("key")

    def lastmod(self, page):
        return page.updated_at


class NewsSitemap(TranslatedSitemap):
    def items(self):
        return NewsPost.objects.published().order_by("pk")

    def lastmod(self, post):
        return post.updated_at


class RecommendationSitemap(TranslatedSitemap):
    def items(self):
        return Recommendation.objects.published().order_by("pk")

    def lastmod(self, recommendation):
        return recommendation.updated_at


class ModelSitemap(TranslatedSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "sections": SectionSitemap,
    "meetings": MeetingSitemap,
    "news": NewsSitemap,
    "recommendations": RecommendationSitemap,
    "frameworks": ModelSitemap(Framework),
    "presidencies": ModelSitemap(Presidency),
    "partners": ModelSitemap(Partner),
    "pages": PageSitemap,
}
