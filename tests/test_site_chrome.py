"""What every public page carries besides its content: a description and the tags that
give a shared link its title and summary, the icon of the site, and the footer's links."""

import pytest

from tests.factories import MeetingFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", {}),
    ("meetings:list", {}),
    ("recommendations:list", {}),
    ("governance:framework-list", {}),
    ("governance:presidency-list", {}),
    ("governance:steering-committee", {}),
    ("governance:partner-list", {}),
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_public_page_describes_itself(client, name, kwargs, language):
    page = client.get(url(name, language, **kwargs)).content.decode()
    assert '<meta name="description" content="' in page
    for tag in ("og:site_name", "og:title", "og:description", "og:url", "og:locale"):
        assert f'<meta property="{tag}" content="' in page
    assert ('content="fr_FR"' if language == "fr" else 'content="en_GB"') in page
    assert 'rel="icon"' in page
    assert 'href="/api/docs/"' in page


def test_a_meeting_shared_shows_its_title_and_dates(client):
    meeting = MeetingFactory(title_en="Thematic meeting on missing migrants", city="Geneva")
    page = client.get(url("meetings:detail", slug=meeting.slug)).content.decode()
    title = f"Thematic meeting on missing migrants – Geneva, {meeting.start.year}"
    assert f'<meta property="og:title" content="{title}">' in page
    description = page[page.index('<meta name="description" content="') :]
    assert meeting.dates_display in description[: description.index(">")]
    assert "Geneva" in description[: description.index(">")]


def test_the_icon_is_served_where_browsers_ask_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_a_wordmark_leads_home(client):
    page = client.get(url("meetings:list")).content.decode()
    brand = page[page.index('<a class="brand"') :]
    brand = brand[: brand.index("</a>")]
    assert 'href="/en/"' in brand and "img/logo" in brand and "Rabat Process" in brand
