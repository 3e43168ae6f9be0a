import pytest

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_pages_in_both_languages(client):
    shown = MeetingFactory(slug="som-porto-2025")
    MeetingFactory(slug="draft-meeting", published=False)
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/meetings/som-porto-2025/" in body
    assert f"/fr/reunions/{shown.slug}/" in body
    assert "draft-meeting" not in body
    assert "/fr/comite-de-pilotage/" in body


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert b"Disallow: /admin/" in response.content
    assert b"Sitemap: http://testserver/sitemap.xml" in response.content
