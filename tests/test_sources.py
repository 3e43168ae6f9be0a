"""Every public page of a record from the reference data shows where its facts come from;
the secretariat's note on them stays in the admin."""

import pytest

from tests.factories import CountryFactory, FrameworkFactory, MeetingFactory, PresidencyFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

SOURCES = (
    "https://www.rabat-process.org/en/activities/som-2024/\n\nfacts/sources/001_activities.pdf\n"
)
NOTE = "Date inferred from the agenda; the count is a guess."


def sourced(factory, **kwargs):
    return factory(sources=SOURCES, source_note=NOTE, **kwargs)


@pytest.mark.parametrize(
    "address",
    [
        lambda: sourced(MeetingFactory).get_absolute_url(),
        lambda: sourced(PresidencyFactory).get_absolute_url(),
        lambda: url("governance:partner-detail", slug=sourced(CountryFactory).slug),
        lambda: url("governance:framework-detail", slug=sourced(FrameworkFactory).slug),
    ],
    ids=["meeting", "presidency", "partner", "framework"],
)
def test_the_page_shows_its_sources_not_the_working_note(client, address):
    page = client.get(address()).content.decode()
    sources = page[page.index('<section class="sources') :]
    sources = sources[: sources.index("</section>")]
    assert "Sources (2)" in sources
    assert (
        '<a href="https://www.rabat-process.org/en/activities/som-2024/" '
        'rel="noopener noreferrer">rabat-process.org/en/activities/som-2024</a>'
    ) in sources
    assert "facts/sources/001_activities.pdf" in sources
    assert "a document held by the secretariat" in sources
    assert NOTE not in page


def test_no_sources_no_section(client):
    page = client.get(MeetingFactory(sources="").get_absolute_url()).content.decode()
    assert 'class="sources' not in page


def test_an_address_that_is_not_a_web_address_is_never_a_link():
    meeting = MeetingFactory.build(sources="javascript:alert(1)\nhttps://example.org/a/")
    assert meeting.source_list == [
        ("", "javascript:alert(1)"),
        ("https://example.org/a/", "example.org/a"),
    ]
