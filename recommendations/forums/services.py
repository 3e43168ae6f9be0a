"""Writes in the thematic forums: starting a thread, replying, and telling participants."""

from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from recommendations.models import Forum, Post, Thread

MAX_POST_LENGTH = 10_000


@transaction.atomic
def start_thread(*, forum: Forum, title: str, body: str, author) -> Thread:
    """A new thread in an active forum, opened by its first post."""
    if not forum.active:
        raise ValidationError(_("This forum is closed."))
    thread = Thread(
        forum=forum,
        title=title.strip(),
        author=author,
        last_post_at=timezone.now(),
        created_by=author,
        updated_by=author,
    )
    thread.full_clean()
    thread.save()
    _add_post(thread=thread, body=body, author=author)
    return thread


@transaction.atomic
def reply(*, thread: Thread, body: str, author, site_root: str) -> Post:
    """A post at the end of an open thread; once the write is committed, the earlier
    participants who want it get an e-mail in their language, linking to the thread on the
    site at ``site_root`` (such as ``https://example.org``)."""
    # Lock the row so that a moderator locking the thread and a reply cannot cross.
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("forum").get(pk=thread.pk)
    )
    if thread.locked:
        raise ValidationError(_("This thread is locked: it takes no more replies."))
    if thread.hidden or not thread.forum.active:
        raise ValidationError(_("This thread is closed."))
    post = _add_post(thread=thread, body=body, author=author)
    recipients = reply_recipients(thread=thread, replier=author)
    if recipients:
        transaction.on_commit(
            partial(
                _send_reply_notifications,
                post=post,
                recipients=recipients,
                site_root=site_root,
                language=translation.get_language(),
            )
        )
    return post


def reply_recipients(*, thread: Thread, replier) -> list:
    """The users to tell of a reply: authors of the thread's visible posts, active, with an
    e-mail address and not opted out, the replier excepted."""
    return list(
        get_user_model()
        .objects.filter(forum_posts__thread=thread, forum_posts__hidden=False, is_active=True)
        .filter(Q(focal_point__isnull=True) | Q(focal_point__notify_forum_replies=True))
        .exclude(pk=replier.pk)
        .exclude(email="")
        .select_related("focal_point")
        .distinct()
        .order_by("pk")
    )


def _add_post(*, thread: Thread, body: str, author) -> Post:
    body = normalise_body(body)
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_POST_LENGTH:
        raise ValidationError(
            {"body": _("A message has at most %(limit)d characters.") % {"limit": MAX_POST_LENGTH}}
        )
    post = Post(thread=thread, body=body, author=author, created_by=author, updated_by=author)
    post.full_clean()
    post.save()
    thread.last_post_at = post.created_at
    thread.save(update_fields=["last_post_at"])
    return post


def normalise_body(body: str) -> str:
    """Plain text with Unix line endings and no surrounding blank space."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def _send_reply_notifications(*, post: Post, recipients, site_root: str, language) -> None:
    """One message to each recipient, in the language of their card; the secretariat's
    accounts, which have none, get the replier's."""
    thread = post.thread
    replier = post.author
    messages = []
    for user in recipients:
        focal_point = getattr(user, "focal_point", None)
        with translation.override(focal_point.language if focal_point else language):
            context = {
                "thread": thread,
                "forum": thread.forum,
                "post": post,
                "replier": (replier.get_full_name() or replier.get_username()) if replier else "",
                "thread_url": site_root.rstrip("/")
                + reverse("private:thread-detail", kwargs={"pk": thread.pk}),
            }
            subject = "".join(
                render_to_string("private/emails/forum_reply_subject.txt", context).splitlines()
            ).strip()
            body = render_to_string("private/emails/forum_reply.txt", context)
        # One message each, so that nobody learns the others' addresses.
        messages.append(EmailMessage(subject, body, to=[user.email]))
    get_connection().send_messages(messages)
