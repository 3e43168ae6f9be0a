"""Meetings for calendars (iCalendar, with the list's filters) and feed readers (Atom)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views import View
from icalendar import Calendar, Event

from governance.models import DatePrecision
from meetings.filters import MeetingFilterSet
from meetings.models import Meeting

CALENDAR_STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.CONFIRMED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


class MeetingCalendarView(View):
    """Meetings with exact dates as all-day events; takes the same filters as the list.

    A meeting known only to the month or the year has no day to put in a calendar, so it
    is left out rather than pinned to the first of the month. A calendar carries the
    meetings of the last ``PAST_DAYS`` days and the next ones, soonest first, ``LIMIT`` at
    the most.
    """

    LIMIT = 300
    PAST_DAYS = 365
    FILE_NAME = "rabat-process-meetings.ics"

    def get(self, request):
        filterset = MeetingFilterSet(request.GET, queryset=Meeting.objects.published())
        if not filterset.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
            )
            return HttpResponseBadRequest(f"Invalid filters. {errors}", content_type="text/plain")
        since = timezone.localdate() - datetime.timedelta(days=self.PAST_DAYS)
        meetings = list(
            filterset.qs.filter(start__gte=since, date_precision=DatePrecision.DAY)
            .select_related("host_country")
            .order_by("start", "pk")[: self.LIMIT]
        )
        calendar = Calendar()
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("prodid", "-//Rabat Process//Meetings//EN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Rabat Process meetings"))
        calendar.add("x-wr-timezone", "UTC")
        # Events link to the site under the address they were asked at.
        site = f"{request.scheme}://{request.get_host()}"
        for meeting in meetings:
            calendar.add_component(calendar_event(meeting, site))
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        if meetings:
            last_change = max(meeting.updated_at for meeting in meetings)
            response["Last-Modified"] = http_date(last_change.timestamp())
        response["Content-Disposition"] = f'attachment; filename="{self.FILE_NAME}"'
        return response


def calendar_event(meeting, site):
    """A meeting as an all-day event of a calendar."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@rabat-process")
    event.add("summary", meeting.full_title)
    event.add("description", meeting.get_kind_display().capitalize())
    event.add("categories", [meeting.get_kind_display()])
    event.add("dtstart", meeting.start)
    # The end of an all-day event is the day after its last day.
    event.add("dtend", (meeting.end or meeting.start) + datetime.timedelta(days=1))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("location", str(meeting.place))
    event.add("url", site + meeting.get_absolute_url())
    event.add("status", CALENDAR_STATUS[meeting.status])
    return event


class LatestMeetingsFeed(Feed):
    """The meetings most recently published or changed, for feed readers."""

    feed_type = Atom1Feed
    title = _("Rabat Process meetings")
    subtitle = _("Meetings of the Euro-African Dialogue on Migration and Development")

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .order_by("-updated_at", "-pk")[:50]
        )

    def item_title(self, meeting):
        return meeting.full_title

    def item_description(self, meeting):
        return (
            f"{meeting.get_kind_display().capitalize()} · {meeting.dates_display} · {meeting.place}"
        )

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_pubdate(self, meeting):
        return meeting.created_at
