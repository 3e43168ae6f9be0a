"""Work of the forums done by the background worker: telling participants of a reply."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.mail import queue_email
from core.models import OutgoingEmail
from recommendations.models import Post, Thread


@task()
def notify_reply(post_id: int, site_root: str, language: str) -> None:
    """Queue one e-mail to each participant of the thread of ``post_id``, in the language
    of their card (the secretariat's accounts, which have none, get the replier's), linking
    to the thread on the site at ``site_root`` (such as ``https://example.org``)."""
    post = Post.objects.select_related("thread__forum", "author").filter(pk=post_id).first()
    if post is None:  # removed since
        return
    thread = post.thread
    replier = post.author
    for user in reply_recipients(thread=thread, replier=replier):
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
            subject = render_to_string("private/emails/forum_reply_subject.txt", context)
            body = render_to_string("private/emails/forum_reply.txt", context)
        # One message each, so that nobody learns the others' addresses.
        queue_email(
            to=user.email, subject=subject, body=body, purpose=OutgoingEmail.Purpose.FORUM_REPLY
        )


def reply_recipients(*, thread: Thread, replier) -> list:
    """The users to tell of a reply: authors of the thread's visible posts, active, with an
    e-mail address and not opted out, the replier excepted."""
    users = (
        get_user_model()
        .objects.filter(forum_posts__thread=thread, forum_posts__hidden=False, is_active=True)
        .filter(Q(focal_point__isnull=True) | Q(focal_point__notify_forum_replies=True))
        .exclude(email="")
    )
    if replier is not None:  # an account removed since its reply leaves none
        users = users.exclude(pk=replier.pk)
    return list(users.select_related("focal_point").distinct().order_by("pk"))
