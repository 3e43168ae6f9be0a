"""Sending an edition of the Rabat Review by e-mail, through the background worker.

The secretariat previews an edition as each language's subscribers receive it, sends a test
to itself, then sends. The request only queues ``send_edition``; the worker writes one
``EditionDelivery`` and one e-mail per subscriber and language, spaced at
``NEWSLETTER_PER_MINUTE`` so as to stay within the mail server's limits. A delivery is
written once (a database constraint): sending again, or a second run of the task, reaches
only those not reached yet.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core.mail import queue_email
from core.models import OutgoingEmail
from news.models import Edition, EditionDelivery, Subscriber
from news.subscriptions import leave_headers, leave_path

# What an e-mail of the edition shows, read once for all its e-mails.
EDITION_ITEMS = ("post_items__post", "meeting_items__meeting__host_country")


def edition_email(edition, language, *, site_root, subscriber=None):
    """``(subject, text, html, headers)`` of the edition in ``language``, for
    ``subscriber`` (with their link to leave), or as a preview or test without one."""
    site_root = site_root.rstrip("/")
    with translation.override(language):
        leave = site_root + leave_path(subscriber) if subscriber else ""
        context = {
            "edition": edition,
            "posts": [item.post for item in edition.post_items.all()],
            "meetings": [item.meeting for item in edition.meeting_items.all()],
            "site_root": site_root,
            "web_edition": site_root + edition.get_absolute_url(),
            "leave": leave,
        }
        subject = str(edition)
        text = render_to_string("news/emails/edition.txt", context)
        html = render_to_string("news/emails/edition.html", context)
    return subject, text, html, leave_headers(leave) if leave else {}


def send_test(edition, *, to, site_root):
    """The edition in each language to ``to``, marked as a test."""
    edition = Edition.objects.prefetch_related(*EDITION_ITEMS).get(pk=edition.pk)
    for language, _name in settings.LANGUAGES:
        subject, text, html, _headers = edition_email(edition, language, site_root=site_root)
        queue_email(
            to=to,
            subject=f"[TEST] {subject}",
            body=text,
            html_body=html,
            purpose=OutgoingEmail.Purpose.NEWSLETTER,
        )


def start_sending(edition, *, site_root):
    send_edition.enqueue(edition_id=edition.pk, site_root=site_root)


@task()
def send_edition(edition_id: int, site_root: str) -> int:
    """Queue the edition for every confirmed subscriber not reached yet, in each of their
    languages; how many e-mails were queued."""
    edition = Edition.objects.prefetch_related(*EDITION_ITEMS).get(pk=edition_id)
    per_minute = max(settings.NEWSLETTER_PER_MINUTE, 1)
    start = timezone.now()
    queued = 0
    for subscriber in Subscriber.objects.confirmed().order_by("pk").iterator(chunk_size=500):
        for language in subscriber.language_codes:
            try:
                with transaction.atomic():
                    delivery = EditionDelivery.objects.create(
                        edition=edition, subscriber=subscriber, language=language
                    )
                    subject, text, html, headers = edition_email(
                        edition, language, site_root=site_root, subscriber=subscriber
                    )
                    delivery.email = queue_email(
                        to=subscriber.email,
                        subject=subject,
                        body=text,
                        html_body=html,
                        headers=headers,
                        purpose=OutgoingEmail.Purpose.NEWSLETTER,
                        confidential=True,
                        run_after=start + timedelta(minutes=queued // per_minute),
                    )
                    delivery.save(update_fields=["email"])
            except IntegrityError:
                continue  # reached already
            queued += 1
    return queued
