import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from meetings.feeds import MeetingCalendarFeed
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
    assert str(event["SUMMARY"]) == "Senior Officials' Meeting"
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
    assert str(event["SUMMARY"]) == chaired.title


def test_cancelled_meetings_say_so(client):
    MeetingFactory(status="cancelled", start=timezone.localdate())
    (event,) = events(ical(client))
    assert str(event["STATUS"]) == "CANCELLED"


def test_invalid_filters_are_a_bad_request(client):
    response = ical(client, year="abc")
    assert response.status_code == 400
    assert b"year" in response.content


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
    monkeypatch.setattr(MeetingCalendarFeed, "LIMIT", 3)
    today = timezone.localdate()
    MeetingFactory(title_en="Two years ago", start=today - datetime.timedelta(days=730))
    MeetingFactory(title_en="Last month", start=today - datetime.timedelta(days=30))
    for months in (1, 2, 3):
        MeetingFactory(
            title_en=f"In {months} months",
            start=today + datetime.timedelta(days=30 * months),
            status="planned",
        )
    titles = [str(event["SUMMARY"]) for event in events(ical(client))]
    assert titles == ["Last month", "In 1 months", "In 2 months"]


def test_one_request_leaves_no_filters_on_the_shared_feed(rf):
    feed = MeetingCalendarFeed()
    MeetingFactory(kind="webinar")
    response = feed(rf.get("/en/meetings/calendar.ics", {"kind": "webinar"}))
    assert response.status_code == 200
    assert not hasattr(feed, "filterset")
