"""No public page scrolls sideways on a phone: each is measured at 390 px, in both
languages, with the reference data. The private area's pages are measured in
test_private_area.py, as a focal point and as the secretariat."""

import pytest

from governance.models import Presidency
from meetings.models import Meeting
from tests.factories import EditionFactory, NewsPostFactory, RecommendationFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def public_pages():
    meeting = Meeting.objects.published().filter(chairs__isnull=False).first()
    recommendation = RecommendationFactory(meeting=meeting)
    presidency = Presidency.objects.order_by("-start").first()
    post = NewsPostFactory(
        body="## A heading\n\nA [link](https://example.org/a-rather-long-address-that-goes-on)."
    )
    edition = EditionFactory()
    edition.posts.add(post)
    return [
        "/{language}/",
        "/{language}/meetings/",
        meeting.get_absolute_url().replace("/en/", "/{language}/"),
        "/{language}/recommendations/",
        recommendation.get_absolute_url().replace("/en/", "/{language}/"),
        "/{language}/action-plans/",
        "/{language}/action-plans/cadiz-action-plan/",
        "/{language}/action-plans/marrakesh-action-plan/",
        "/{language}/presidencies/",
        presidency.get_absolute_url().replace("/en/", "/{language}/"),
        "/{language}/steering-committee/",
        "/{language}/partners/",
        "/{language}/partners/senegal/",
        "/{language}/news/",
        post.get_absolute_url().replace("/en/", "/{language}/"),
        "/{language}/news/newsletter/",
        "/{language}/news/rabat-review/",
        edition.get_absolute_url().replace("/en/", "/{language}/"),
        "/{language}/privacy/",
        "/{language}/library/",
        "/{language}/about/",
        "/{language}/contact/",
        "/{language}/accessibility/",
        "/{language}/open-data/",
        "/{language}/open-data/archive/",
        "/{language}/overview/",
        "/{language}/overview/over-time/",
        "/{language}/overview/gaps/",
        "/{language}/overview/map/",
        "/{language}/overview/presidencies/",
        "/{language}/overview/follow-up/",
        "/{language}/search/?q=missing+persons+geneve",
        "/{language}/no-page-here/",
        "/{language}/private/login/",
    ]


def test_no_public_page_is_wider_than_a_phone(reference_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide = []
    for address in public_pages():
        for language in ("en", "fr"):
            # The French page is reached by the language switch: its paths are translated.
            page.goto(reference_site.url + address.format(language="en"))
            if language == "fr":
                french = page.get_attribute(".language-switch a[hreflang=fr]", "href")
                page.goto(reference_site.url + french)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append((page.url, width))
    context.close()
    assert too_wide == []
