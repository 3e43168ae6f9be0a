import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import parse_http_date
from icalendar import Calendar

from meetings.feeds import MeetingCalendarView
from tests.factories import CountryFactory, MeetingFactory, MeetingRoleFactory

pytestmark = pytest.mark.django_db
day = datetime.date


def ical(client, **params):
    with translation.override("en"):
        return client.get(reverse("meetings:ical"), params)


def events(response):
    return [
        component
        for component in Calendar.from_ical(response.content).walk()
        if component.name == "VEVENT"
    ]


def test_calendar_lists_dated_published_meetings_as_all_day_events(client):
    start = timezone.localdate() - datetime.timedelta(days=20)
    meeting = MeetingFactory(
        title_en="Senior Officials' Meeting",
        start=start,
        end=start + datetime.timedelta(days=1),
        city_en="Porto",
        host_country=CountryFactory(name_en="Portugal"),
    )
    MeetingFactory(published=False)
    MeetingFactory(start=start.replace(day=1), date_precision="month")
    response = ical(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = events(response)
    assert str(event["SUMMARY"]) == f"Senior Officials' Meeting – Porto, {start.year}"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + datetime.timedelta(days=2)
    assert str(event["LOCATION"]) == "Porto, Portugal"
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    assert str(event["UID"]) == f"meeting-{meeting.pk}@rabat-process"


def test_calendar_takes_the_list_filters(client):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    chaired = MeetingRoleFactory(
        partner=CountryFactory(slug="gambia"), meeting=MeetingFactory(start=soon)
    ).meeting
    MeetingFactory(start=soon)
    (event,) = events(ical(client, chair="gambia"))
    assert str(event["SUMMARY"]) == chaired.full_title


def test_cancelled_meetings_say_so(client):
    MeetingFactory(status="cancelled", start=timezone.localdate())
    (event,) = events(ical(client))
    assert str(event["STATUS"]) == "CANCELLED"


def test_invalid_filters_are_a_bad_request(client):
    response = ical(client, year="abc")
    assert response.status_code == 400
    assert b"year" in response.content


def test_feeds_tell_meetings_of_one_title_apart(client):
    today = timezone.localdate()
    for city, days_ago in (("Dakar", 30), ("Rome", 60)):
        MeetingFactory(
            title_en="SOM", city_en=city, start=today - datetime.timedelta(days=days_ago)
        )
    calendar = Calendar.from_ical(client.get(reverse("meetings:ical")).content)
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    dakar, rome = ((today - datetime.timedelta(days=days)).year for days in (30, 60))
    assert summaries == {f"SOM – Dakar, {dakar}", f"SOM – Rome, {rome}"}
    atom = client.get(reverse("meetings:atom")).content.decode()
    assert f"<title>SOM – Dakar, {dakar}</title>" in atom


def test_atom_feed(client):
    MeetingFactory(title_en="Webinar on voluntary return")
    MeetingFactory(title_en="Draft", published=False)
    with translation.override("fr"):
        response = client.get(reverse("meetings:atom"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Webinar on voluntary return" in body and "Draft" not in body
    assert 'xml:lang="fr"' in body


def test_list_links_its_calendar_with_the_same_filters(client):
    with translation.override("en"):
        page = client.get(reverse("meetings:list"), {"kind": "webinar"}).content.decode()
        assert f'href="{reverse("meetings:ical")}?kind=webinar"' in page


def test_calendar_keeps_the_last_year_and_the_next_meetings_soonest_first(client, monkeypatch):
    monkeypatch.setattr(MeetingCalendarView, "LIMIT", 3)
    today = timezone.localdate()
    MeetingFactory(title_en="Two years ago", start=today - datetime.timedelta(days=730))
    MeetingFactory(title_en="Last month", start=today - datetime.timedelta(days=30))
    for months in (1, 2, 3):
        MeetingFactory(
            title_en=f"In {months} months",
            start=today + datetime.timedelta(days=30 * months),
            status="planned",
        )
    titles = [str(event["SUMMARY"]).split(" – ")[0] for event in events(ical(client))]
    assert titles == ["Last month", "In 1 months", "In 2 months"]


def test_a_calendar_says_when_it_was_made_and_when_its_meetings_last_changed(client):
    meeting = MeetingFactory(start=timezone.localdate())
    before = timezone.now().replace(microsecond=0)
    response = ical(client)
    (event,) = events(response)
    assert before <= event.decoded("DTSTAMP") <= timezone.now()
    assert event.decoded("LAST-MODIFIED") == meeting.updated_at.replace(microsecond=0)
    assert parse_http_date(response["Last-Modified"]) == int(meeting.updated_at.timestamp())
    assert response["Content-Disposition"] == 'attachment; filename="rabat-process-meetings.ics"'


@pytest.mark.usefixtures("page_cache_off")
class TestCalendarQueries:
    """A calendar is rendered from its meetings read in one query."""

    def test_a_filtered_calendar_reads_its_meetings_in_one_query(
        self, client, django_assert_num_queries
    ):
        for days in (3, 5, 8):
            MeetingFactory(start=timezone.localdate() + datetime.timedelta(days=days))
        first = ical(client)
        # The meetings with their host countries; the filter's choices need no query.
        with django_assert_num_queries(1):
            again = ical(client, kind="thematic_meeting")
        assert len(events(again)) == 3
        # The same events, each stamped when the calendar was rendered (DTSTAMP).
        assert [(e["UID"], e["SUMMARY"]) for e in events(again)] == [
            (e["UID"], e["SUMMARY"]) for e in events(first)
        ]

    def test_a_changed_meeting_is_shown_at_once(self, client):
        meeting = MeetingFactory(title_en="Webinar on return", start=timezone.localdate())
        ical(client)
        meeting.title_en = "Webinar on reintegration"
        meeting.save()
        (event,) = events(ical(client))
        assert str(event["SUMMARY"]) == meeting.full_title
        assert meeting.full_title.startswith("Webinar on reintegration")

    def test_events_link_to_the_address_the_calendar_was_asked_at(self, client, settings):
        settings.ALLOWED_HOSTS = ["testserver", "rabat-process.example"]
        meeting = MeetingFactory(start=timezone.localdate())
        ical(client)
        with translation.override("en"):
            response = client.get(
                reverse("meetings:ical"), HTTP_HOST="rabat-process.example", secure=True
            )
        (event,) = events(response)
        assert str(event["URL"]) == "https://rabat-process.example" + meeting.get_absolute_url()
