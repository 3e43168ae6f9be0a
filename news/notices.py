"""Short notices of new posts, to the subscribers who asked for them.

A post is announced once, when it is published: at once when the secretariat saves it
published (a task for the worker), or by the scheduled jobs on the day a scheduled post
comes out. Announcing claims the post first (``notices_sent_at``, one conditional UPDATE
in the transaction that queues the e-mails), so a second run, or the job and the task
together, announce it once. A post entered long after its date is not announced.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core.fallback import marked_text
from core.mail import queue_email
from core.models import OutgoingEmail
from news.models import NewsPost, Subscriber
from news.subscriptions import leave_headers, leave_path

# How old a post may be and still be announced: a back-dated post is not news.
RECENT = timedelta(days=7)


def to_announce():
    """Published posts of the last days not announced yet."""
    return NewsPost.objects.published().filter(
        notices_sent_at__isnull=True, published_on__gte=timezone.localdate() - RECENT
    )


def notice_email(post, subscriber, language):
    """``(subject, text, html, headers)`` of the notice of ``post`` to ``subscriber``."""
    with translation.override(language):
        leave = settings.SITE_URL + leave_path(subscriber)
        context = {
            "post": post,
            "post_url": settings.SITE_URL + post.get_absolute_url(),
            "leave": leave,
        }
        subject = marked_text(post, "title")
        text = render_to_string("news/emails/news_notice.txt", context)
        html = render_to_string("news/emails/news_notice.html", context)
    return subject, text, html, leave_headers(leave)


def announce(post):
    """Queue the notice of ``post`` to each subscriber who follows it, in each of their
    languages, unless it was announced already; how many e-mails were queued."""
    per_minute = max(settings.NEWSLETTER_PER_MINUTE, 1)
    start = timezone.now()
    queued = 0
    with transaction.atomic():
        if not to_announce().filter(pk=post.pk).update(notices_sent_at=start):
            return 0
        for subscriber in Subscriber.objects.to_notify_of(post).order_by("pk"):
            for language in subscriber.language_codes:
                subject, text, html, headers = notice_email(post, subscriber, language)
                queue_email(
                    to=subscriber.email,
                    subject=subject,
                    body=text,
                    html_body=html,
                    headers=headers,
                    purpose=OutgoingEmail.Purpose.NEWS_NOTICE,
                    confidential=True,
                    run_after=start + timedelta(minutes=queued // per_minute),
                )
                queued += 1
    return queued


def announce_due():
    """The scheduled job: every post due to be announced; how many e-mails were queued."""
    return sum(announce(post) for post in to_announce())


@task()
def announce_post(post_id: int) -> int:
    """The task queued when the secretariat saves a post."""
    post = NewsPost.objects.filter(pk=post_id).first()
    return announce(post) if post is not None else 0
