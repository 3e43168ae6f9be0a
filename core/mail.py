"""Every e-mail the platform sends, through the background worker.

A request never talks to the mail server. It calls ``queue_email``, which writes an
``OutgoingEmail`` and the worker's task in the request's own transaction (the database task
backend keeps tasks in the same database): if the request fails, neither exists; once it
commits, both do, whether or not the worker or the mail server is running.

The worker (``manage.py db_worker``) runs ``deliver_email``: it claims the e-mail, so that a
second run of the same task sends nothing, hands it to the mail server, and on failure tries
again after ``RETRY_DELAYS``; after the last one the e-mail is marked not sent, and the
secretariat sees it in the admin, with the error, and can send it again.
"""

import logging
import re
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from core.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Waits before the second, third… attempt: about nine hours in all, enough for a mail
# server to come back after an incident.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# Line breaks, tabs and runs of spaces, which a subject folds into one space.
ONE_LINE = re.compile(r"[ \t\r\n\f\v]+")


def queue_email(
    *, to, subject, body, purpose, confidential=False, html_body="", headers=None, run_after=None
):
    """An e-mail to the one address ``to``, sent by the worker once the current
    transaction commits (at once outside a transaction), or from ``run_after`` on: a text,
    and optionally its HTML version and extra headers."""
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to=to,
            # A subject is one line (a template may end it with a line break); French
            # no-break spaces stay.
            subject=ONE_LINE.sub(" ", subject).strip(" "),
            body=body,
            html_body=html_body,
            headers=headers or {},
            purpose=purpose,
            confidential=confidential,
        )
        deliver_email.using(run_after=run_after).enqueue(email.pk)
    return email


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued e-mail; what happened, in a word, as the task's result."""
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=timezone.now(),
        next_attempt_at=None,
    )
    if not claimed:
        # Sent already, being sent by another worker, or given up: nothing to do.
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        email.message().send()
    except Exception as error:  # whatever the mail transport raises: refused, unreachable…
        return _failed(email, error)
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    if email.confidential:
        email.body = email.html_body = ""
    email.save(update_fields=["status", "sent_at", "last_error", "body", "html_body"])
    return "sent"


def _failed(email, error):
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
        email.save(update_fields=["status", "last_error"])
        logger.error("E-mail %s to %s not sent: %s", email.pk, email.to, email.last_error)
        return "failed"
    email.status = OutgoingEmail.Status.QUEUED
    email.next_attempt_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
    with transaction.atomic():
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    logger.warning(
        "E-mail %s to %s not sent (attempt %d), next attempt at %s: %s",
        email.pk,
        email.to,
        email.attempts,
        email.next_attempt_at.isoformat(),
        email.last_error,
    )
    return "retry"


def send_again(emails):
    """Queue again the e-mails that were not sent or whose sending was interrupted, with a
    fresh round of attempts; the number queued."""
    queued = 0
    with transaction.atomic():
        for email in emails.not_delivered().select_for_update():
            email.status = OutgoingEmail.Status.QUEUED
            email.attempts = 0
            email.next_attempt_at = None
            email.save(update_fields=["status", "attempts", "next_attempt_at"])
            deliver_email.enqueue(email.pk)
            queued += 1
    return queued
