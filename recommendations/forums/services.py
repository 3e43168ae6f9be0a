"""Writes in the thematic forums: starting a thread, replying, and telling participants."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from recommendations.forums.tasks import notify_reply
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
    # Queued with the post, in its transaction: the worker writes to the participants.
    notify_reply.enqueue(post_id=post.pk, site_root=site_root, language=translation.get_language())
    return post


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
