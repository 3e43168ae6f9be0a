"""Replies notify the people of a thread by e-mail."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from core.models import OutgoingEmail
from recommendations.forums import services as forum_services
from recommendations.models import Post
from tests.factories import (
    FocalPointFactory,
    PostFactory,
    SecretariatUserFactory,
    ThreadFactory,
)
from tests.helpers import url
from tests.recommendations.forums.helpers import (
    post_reply,
)

pytestmark = pytest.mark.django_db


class TestReplyNotification:
    def test_earlier_participants_are_told_except_the_replier_and_those_who_opted_out(
        self, client, run_worker
    ):
        starter = FocalPointFactory(user__first_name="Awa", user__last_name="Diallo")
        opted_out = FocalPointFactory(notify_forum_replies=False)
        withdrawn = FocalPointFactory(user__is_active=False)
        hidden_only = FocalPointFactory()
        secretariat = SecretariatUserFactory()
        replier = FocalPointFactory(user__first_name="Jan", user__last_name="Jansen")
        outsider = FocalPointFactory()  # never wrote in this thread
        thread = ThreadFactory(title="Visa facilitation", author=starter.user)
        for user in (starter.user, opted_out.user, withdrawn.user, secretariat, replier.user):
            PostFactory(thread=thread, author=user)
        PostFactory(thread=thread, author=hidden_only.user, hidden=True)
        PostFactory(thread=thread, author=starter.user)  # two posts, one e-mail
        PostFactory(thread=ThreadFactory(), author=outsider.user)

        client.force_login(replier.user)
        post_reply(client, thread, "Here is our <draft>.")
        assert mail.outbox == []  # the request only queued them
        run_worker()

        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            [starter.user.email, secretariat.email]
        )
        assert all(len(message.to) == 1 for message in mail.outbox)
        message = mail.outbox[0]
        assert message.subject == "New reply in the forum thread “Visa facilitation”"
        assert "Jan Jansen replied" in message.body
        assert "Here is our <draft>." in message.body
        thread_address = f"http://testserver{url('private:thread-detail', pk=thread.pk)}"
        assert thread_address in message.body

    def test_nothing_is_queued_nor_sent_when_the_write_fails(self, thread, run_worker):
        PostFactory(thread=thread, author=FocalPointFactory().user)
        replier = FocalPointFactory().user
        with pytest.raises(RuntimeError), transaction.atomic():
            forum_services.reply(thread=thread, body="Lost", author=replier, site_root="http://x/")
            assert DBTaskResult.objects.count() == 1
            raise RuntimeError("the request failed after the reply")
        run_worker()
        assert mail.outbox == []
        assert not Post.objects.filter(body="Lost").exists()
        assert not DBTaskResult.objects.exists()
        assert not OutgoingEmail.objects.exists()

    def test_a_lone_author_replying_to_themselves_sends_nothing(self, run_worker):
        author = FocalPointFactory().user
        thread = ThreadFactory(author=author)
        PostFactory(thread=thread, author=author)
        forum_services.reply(thread=thread, body="And more", author=author, site_root="u")
        run_worker()
        assert mail.outbox == []
        assert not OutgoingEmail.objects.exists()
