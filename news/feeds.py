from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from news.filters import NewsFilterSet
from news.models import NewsPost


class NewsFeed(Feed):
    """The latest news posts, filtered as the list is (year, domain, partner)."""

    feed_type = Atom1Feed
    title = _("Rabat Process news")
    subtitle = _("News of the Euro-African Dialogue on Migration and Development")

    def get_object(self, request):
        return NewsFilterSet(request.GET, queryset=NewsPost.objects.published().newest_first())

    def link(self, filterset):
        return reverse("news:list")

    def items(self, filterset):
        # Invalid filters give the whole list, as the list page shows it with its errors.
        queryset = filterset.qs if filterset.is_valid() else filterset.queryset
        return queryset[:30]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.summary

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.updated_at
