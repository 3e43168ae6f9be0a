"""Reminding the focal points of a meeting's partners of it, some days before, once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import (
    FocalPointFactory,
    MeetingFactory,
    MeetingRoleFactory,
)

pytestmark = pytest.mark.django_db
JOB = "meeting reminders"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def meeting(settings):
    settings.MEETING_REMINDER_DAYS = 7
    return MeetingFactory(
        title_en="Thematic meeting on legal migration",
        title_fr="Réunion thématique sur la migration légale",
        status="confirmed",
        start=in_days(5),
        city_en="Dakar",
    )


def test_participants_and_chairs_focal_points_are_reminded_once(meeting, run_worker):
    participant = FocalPointFactory(language="fr")
    meeting.participants.add(participant.partner)
    chair = FocalPointFactory(role="thematic")
    MeetingRoleFactory(meeting=meeting, partner=chair.partner)
    opted_out = FocalPointFactory(partner=participant.partner, notify_meeting_reminders=False)
    elsewhere = FocalPointFactory()
    assert run_jobs()[JOB] == 2
    assert run_jobs()[JOB] == 0
    run_worker()
    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {participant.user.email, chair.user.email}
    french = by_address[participant.user.email]
    assert french.subject.startswith("Rappel\u00a0: Réunion thématique sur la migration légale")
    assert f"/fr/reunions/{meeting.slug}/" in french.body
    assert opted_out.user.email not in by_address and elsewhere.user.email not in by_address


@pytest.mark.parametrize(
    "change",
    [
        {"start": datetime.timedelta(days=10)},
        {"status": "cancelled"},
        {"published": False},
        {"date_precision": "month"},
    ],
    ids=["too-far", "cancelled", "unpublished", "day-unknown"],
)
def test_no_reminder_of_a_meeting_not_due(meeting, change):
    meeting.participants.add(FocalPointFactory().partner)
    if "start" in change:
        change = {"start": timezone.localdate() + change["start"]}
    type(meeting).objects.filter(pk=meeting.pk).update(**change)
    assert run_jobs()[JOB] == 0


def test_no_reminders_when_the_days_are_set_to_none(meeting, settings):
    settings.MEETING_REMINDER_DAYS = 0
    meeting.participants.add(FocalPointFactory().partner)
    assert run_jobs()[JOB] == 0
