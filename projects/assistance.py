"""Requests for short-term technical assistance: a partner's focal point asks, the
secretariat is told; the secretariat answers, the partner's focal points are told; a
delivered request becomes a meeting of kind "training or technical assistance" in one
step. Every e-mail goes through the worker, written in the transaction of its cause."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import queue_email
from core.models import OutgoingEmail
from governance.mail import site_url, write_to
from governance.models import FocalPoint, Partner
from meetings.models import Meeting
from projects.models import AssistanceRequest

PURPOSE = OutgoingEmail.Purpose.ASSISTANCE


@transaction.atomic
def submit(focal_point, **fields):
    """The request of ``focal_point``'s partner; the secretariat's mailbox is told."""
    request = AssistanceRequest.objects.create(
        partner=focal_point.partner,
        requested_by=focal_point.user,
        created_by=focal_point.user,
        updated_by=focal_point.user,
        **fields,
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "request": request,
            "address": settings.SITE_URL
            + reverse("admin:projects_assistancerequest_change", args=[request.pk]),
        }
        queue_email(
            to=settings.SECRETARIAT_EMAIL,
            subject=render_to_string("private/emails/assistance_submitted_subject.txt", context),
            body=render_to_string("private/emails/assistance_submitted.txt", context),
            purpose=PURPOSE,
        )
    return request


def people_of(partner):
    """The partner's focal points with an active account and an address."""
    return (
        FocalPoint.objects.filter(partner=partner, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "partner")
        .order_by("pk")
    )


@transaction.atomic
def answer(request, *, status, answer, user):
    """The secretariat's answer, recorded and sent to the partner's focal points."""
    request.status = status
    request.answer = answer
    request.answered_at = timezone.now()
    request.updated_by = user
    request.save()
    for person in people_of(request.partner):
        write_to(
            person,
            "private/emails/assistance_answered",
            lambda: {"request": request, "address": site_url("private:assistance")},
            purpose=PURPOSE,
        )
    return request


@transaction.atomic
def make_meeting(request, *, user):
    """A meeting of kind "training or technical assistance" for a delivered request, not
    published until the secretariat completes it; the request points to it."""
    country = request.partner if request.partner.kind == Partner.Kind.COUNTRY else None
    meeting = Meeting(
        kind=Meeting.Kind.TRAINING,
        status=Meeting.Status.HELD,
        start=request.wished_from or timezone.localdate(),
        host_country=country,
        published=False,
        created_by=user,
        updated_by=user,
    )
    for code, _name in settings.LANGUAGES:
        setattr(meeting, f"title_{code}", request.subject)
    meeting.slug = meeting.free_slug() or f"technical-assistance-{request.pk}"
    meeting.save()
    meeting.participants.add(request.partner)
    request.meeting = meeting
    request.updated_by = user
    request.save(update_fields=["meeting", "updated_by", "updated_at"])
    return meeting
