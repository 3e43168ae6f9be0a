"""Reminding the focal points of a meeting's partners (its participants and chairs) of it,
``MEETING_REMINDER_DAYS`` before it starts (0: never), once each through
``MeetingReminder``, in the language of their card; a scheduled job."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.models import OutgoingEmail
from governance.mail import reachable, write_once
from governance.models import DatePrecision, Partner
from meetings.models import Meeting, MeetingReminder


def remind_upcoming_meetings():
    """Remind those not reminded yet of every published meeting starting soon; how many."""
    days = settings.MEETING_REMINDER_DAYS
    if days <= 0:
        return 0
    today = timezone.localdate()
    # Meetings whose day is known and that still take place.
    meetings = Meeting.objects.published().filter(
        start__gt=today,
        start__lte=today + timedelta(days=days),
        date_precision=DatePrecision.DAY,
        status__in=(Meeting.Status.PLANNED, Meeting.Status.CONFIRMED),
    )
    reminded = 0
    for meeting in meetings:
        partners = Partner.objects.filter(attended_meetings=meeting) | Partner.objects.filter(
            chaired__meeting=meeting
        )
        already = meeting.reminders.values("focal_point")
        for focal_point in reachable("notify_meeting_reminders", partners=partners).exclude(
            pk__in=already
        ):
            reminded += write_once(
                focal_point,
                "private/emails/meeting_reminder",
                lambda meeting=meeting: {
                    "meeting": meeting,
                    "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
                },
                purpose=OutgoingEmail.Purpose.MEETING_REMINDER,
                record=lambda meeting=meeting, focal_point=focal_point: (
                    MeetingReminder.objects.create(meeting=meeting, focal_point=focal_point)
                ),
            )
    return reminded
