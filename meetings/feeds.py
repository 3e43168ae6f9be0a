"""Meetings for calendars (iCalendar, with the list's filters) and feed readers (Atom)."""

import copy
import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django_ical.views import ICalFeed

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


class MeetingCalendarFeed(ICalFeed):
    """Meetings with exact dates as all-day events; takes the same filters as the list.

    A meeting known only to the month or the year has no day to put in a calendar, so it
    is left out rather than pinned to the first of the month. A calendar carries the
    meetings of the last ``PAST_DAYS`` days and the next ones, soonest first, ``LIMIT`` at
    the most.
    """

    LIMIT = 300
    PAST_DAYS = 365

    product_id = "-//Rabat Process//Meetings//EN"
    timezone = "UTC"
    file_name = "rabat-process-meetings.ics"
    title = _("Rabat Process meetings")

    def __call__(self, request, *args, **kwargs):
        # One feed object serves every request, from several threads: the filters of this
        # request go on a copy of it.
        feed = copy.copy(self)
        feed.filterset = MeetingFilterSet(
            request.GET, queryset=Meeting.objects.published().select_related("host_country")
        )
        if not feed.filterset.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in feed.filterset.errors.items()
            )
            return HttpResponseBadRequest(f"Invalid filters. {errors}", content_type="text/plain")
        feed.request = request
        return super(MeetingCalendarFeed, feed).__call__(request, *args, **kwargs)

    def items(self):
        since = timezone.localdate() - datetime.timedelta(days=self.PAST_DAYS)
        return self.filterset.qs.filter(
            start__gte=since, date_precision=DatePrecision.DAY
        ).order_by("start", "pk")[: self.LIMIT]

    def item_guid(self, meeting):
        return f"meeting-{meeting.pk}@rabat-process"

    def item_title(self, meeting):
        return meeting.title

    def item_description(self, meeting):
        return meeting.get_kind_display().capitalize()

    def item_link(self, meeting):
        return meeting.get_absolute_url()

    def item_categories(self, meeting):
        return [meeting.get_kind_display()]

    def item_start_datetime(self, meeting):
        return meeting.start

    def item_end_datetime(self, meeting):
        # The end of an all-day event is the day after its last day.
        return (meeting.end or meeting.start) + datetime.timedelta(days=1)

    def item_location(self, meeting):
        return str(meeting.place)

    def item_status(self, meeting):
        return CALENDAR_STATUS[meeting.status]

    def item_updateddate(self, meeting):
        return meeting.updated_at


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
        return meeting.title

    def item_description(self, meeting):
        return (
            f"{meeting.get_kind_display().capitalize()} · {meeting.dates_display} · {meeting.place}"
        )

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_pubdate(self, meeting):
        return meeting.created_at
