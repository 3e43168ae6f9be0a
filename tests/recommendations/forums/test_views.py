"""The thematic forums of the private area, tried from the outside: who gets in, what they
see, new threads and replies."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from recommendations.forums import services as forum_services
from recommendations.forums.services import MAX_POST_LENGTH
from recommendations.models import Thread
from tests.factories import (
    DomainFactory,
    FocalPointFactory,
    ForumFactory,
    PostFactory,
    SecretariatUserFactory,
    ThreadFactory,
    UserFactory,
)
from tests.helpers import url
from tests.recommendations.forums.helpers import (
    PAGES,
    address,
    messages_of,
    post_reply,
)

pytestmark = pytest.mark.django_db


class TestAccess:
    def test_addresses_are_translated(self, thread):
        assert url("private:forum-list", "fr").startswith("/fr/")
        assert url("private:forum-list") == "/en/private/forums/"
        assert (
            url("private:thread-detail", pk=thread.pk) == f"/en/private/forums/threads/{thread.pk}/"
        )

    @pytest.mark.parametrize("name", PAGES)
    def test_anonymous_visitor_is_sent_to_sign_in(self, client, thread, name):
        response = client.get(address(name, thread))
        assert response.status_code == 302
        assert response["Location"].startswith(url("private:login"))

    def test_anonymous_visitor_cannot_post(self, client, thread):
        response = post_reply(client, thread, "Hello")
        assert response.status_code == 302
        assert response["Location"].startswith(url("private:login"))
        response = client.post(address("thread-create", thread), {"title": "T", "body": "B"})
        assert response["Location"].startswith(url("private:login"))
        assert thread.posts.count() == 1 and Thread.objects.count() == 1

    @pytest.mark.parametrize("name", PAGES)
    def test_a_user_who_is_neither_focal_point_nor_secretariat_is_refused(
        self, client, thread, name
    ):
        client.force_login(UserFactory())
        assert client.get(address(name, thread)).status_code == 403

    def test_a_refused_user_cannot_post(self, client, thread):
        client.force_login(UserFactory())
        assert post_reply(client, thread, "Hello").status_code == 403
        assert thread.posts.count() == 1

    @pytest.mark.parametrize("name", PAGES)
    def test_focal_point_gets_in(self, client, thread, name):
        client.force_login(FocalPointFactory().user)
        assert client.get(address(name, thread)).status_code == 200

    @pytest.mark.parametrize("name", PAGES)
    def test_secretariat_gets_in(self, client, thread, name):
        client.force_login(SecretariatUserFactory())
        assert client.get(address(name, thread)).status_code == 200

    @pytest.mark.parametrize("name", ["forum-detail", "thread-create", "thread-detail"])
    def test_an_inactive_forum_is_gone_for_everyone(self, client, thread, name):
        thread.forum.active = False
        thread.forum.save()
        for user in (FocalPointFactory().user, SecretariatUserFactory()):
            client.force_login(user)
            assert client.get(address(name, thread)).status_code == 404


class TestForumList:
    def test_active_forums_with_their_visible_threads_counted(self, client):
        forum = ForumFactory(title="Legal migration", domain=DomainFactory(title="Mobility"))
        ForumFactory(title="Closed forum", active=False)
        latest = timezone.now()
        ThreadFactory(forum=forum, last_post_at=latest - datetime.timedelta(days=3))
        ThreadFactory(forum=forum, last_post_at=latest - datetime.timedelta(days=1))
        ThreadFactory(forum=forum, last_post_at=latest, hidden=True)
        client.force_login(FocalPointFactory().user)
        response = client.get(url("private:forum-list"))
        (shown,) = response.context["forums"]
        assert shown == forum
        assert shown.thread_count == 2
        assert shown.last_activity == latest - datetime.timedelta(days=1)
        page = response.content.decode()
        assert "Closed forum" not in page and "Mobility" in page

        client.force_login(SecretariatUserFactory())
        (shown,) = client.get(url("private:forum-list")).context["forums"]
        assert shown.thread_count == 3 and shown.last_activity == latest

    def test_query_count_is_constant(self, client, django_assert_num_queries):
        client.force_login(FocalPointFactory().user)

        def grow():
            for _ in range(3):
                forum = ForumFactory(domain=DomainFactory())
                PostFactory(thread=ThreadFactory(forum=forum))

        grow()
        # Session, user, focal point, forums with their counts.
        with django_assert_num_queries(4):
            client.get(url("private:forum-list"))
        grow()
        with django_assert_num_queries(4):
            client.get(url("private:forum-list"))


class TestForumDetail:
    def test_visible_threads_latest_activity_first(self, client):
        forum = ForumFactory()
        now = timezone.now()
        old = ThreadFactory(forum=forum, last_post_at=now - datetime.timedelta(days=2))
        new = ThreadFactory(forum=forum, last_post_at=now)
        hidden = ThreadFactory(forum=forum, last_post_at=now, hidden=True, title="Spam offer")
        ThreadFactory(title="Elsewhere")
        client.force_login(FocalPointFactory().user)
        response = client.get(url("private:forum-detail", slug=forum.slug))
        assert list(response.context["threads"]) == [new, old]
        assert "Spam offer" not in response.content.decode()

        client.force_login(SecretariatUserFactory())
        response = client.get(url("private:forum-detail", slug=forum.slug))
        assert list(response.context["threads"]) == [hidden, new, old]
        page = response.content.decode()
        assert "Spam offer" in page and 'class="marker marker-hidden"' in page

    def test_paginated(self, client):
        forum = ForumFactory()
        ThreadFactory.create_batch(26, forum=forum)
        client.force_login(FocalPointFactory().user)
        response = client.get(url("private:forum-detail", slug=forum.slug), {"page": 2})
        assert len(response.context["threads"]) == 1

    def test_query_count_is_constant(self, client, django_assert_num_queries):
        forum = ForumFactory()
        client.force_login(FocalPointFactory().user)

        def grow():
            for _ in range(3):
                thread = ThreadFactory(forum=forum, author=FocalPointFactory().user)
                PostFactory.create_batch(2, thread=thread)

        grow()
        # Session, user, focal point, forum, thread count, threads with authors and posts.
        with django_assert_num_queries(6):
            client.get(url("private:forum-detail", slug=forum.slug))
        grow()
        with django_assert_num_queries(6):
            client.get(url("private:forum-detail", slug=forum.slug))


class TestThreadDetail:
    def test_hidden_thread_is_a_404_for_focal_points_and_marked_for_the_secretariat(
        self, client, thread
    ):
        thread.hidden = True
        thread.save()
        client.force_login(FocalPointFactory().user)
        assert client.get(address("thread-detail", thread)).status_code == 404
        assert post_reply(client, thread, "Hello").status_code == 404

        client.force_login(SecretariatUserFactory())
        response = client.get(address("thread-detail", thread))
        assert response.status_code == 200
        assert response.context["form"] is None
        page = response.content.decode()
        assert 'class="marker marker-hidden"' in page
        assert reverse("admin:recommendations_thread_change", args=[thread.pk]) in page

    def test_hidden_posts_are_left_out_for_focal_points_only(self, client, thread):
        PostFactory(thread=thread, body="Unwelcome advertisement", hidden=True)
        client.force_login(FocalPointFactory().user)
        response = client.get(address("thread-detail", thread))
        assert len(response.context["posts"]) == 1
        assert "Unwelcome advertisement" not in response.content.decode()

        client.force_login(SecretariatUserFactory())
        response = client.get(address("thread-detail", thread))
        assert len(response.context["posts"]) == 2
        page = response.content.decode()
        assert "Unwelcome advertisement" in page and 'class="marker marker-hidden"' in page

    def test_posts_are_plain_text_with_links_and_line_breaks(self, client, thread):
        PostFactory(
            thread=thread,
            body='<script>alert("x")</script> <b>bold</b>\nSee https://example.org/report?a=1&b=2',
        )
        client.force_login(FocalPointFactory().user)
        page = client.get(address("thread-detail", thread)).content.decode()
        assert "<script>alert" not in page and "<b>bold</b>" not in page
        assert "&lt;script&gt;" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
        assert (
            '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow">'
            "https://example.org/report?a=1&amp;b=2</a>" in page
        )
        assert "&lt;/b&gt;<br>See" in page

    def test_locked_thread_shows_no_form_and_refuses_a_reply(self, client, thread):
        thread.locked = True
        thread.save()
        client.force_login(FocalPointFactory().user)
        response = client.get(address("thread-detail", thread))
        assert response.context["form"] is None
        assert "This thread is locked" in response.content.decode()
        assert 'name="body"' not in response.content.decode()

        response = post_reply(client, thread, "Still want to say something")
        assert response.status_code == 302
        assert messages_of(response) == ["This thread is locked: it takes no more replies."]
        assert thread.posts.count() == 1

    def test_query_count_is_constant(self, client, django_assert_num_queries):
        thread = ThreadFactory(author=FocalPointFactory().user)
        client.force_login(FocalPointFactory().user)

        def grow():
            for _ in range(3):
                PostFactory(thread=thread, author=FocalPointFactory().user)
            PostFactory(thread=thread, author=SecretariatUserFactory())
            PostFactory(thread=thread, author=None)

        grow()
        # Session, user, focal point, thread with forum and author, posts with authors.
        with django_assert_num_queries(5):
            client.get(url("private:thread-detail", pk=thread.pk))
        grow()
        with django_assert_num_queries(5):
            client.get(url("private:thread-detail", pk=thread.pk))


class TestStartThread:
    def test_a_focal_point_opens_a_thread(self, client):
        forum = ForumFactory()
        user = FocalPointFactory().user
        client.force_login(user)
        response = client.post(
            url("private:thread-create", slug=forum.slug),
            {"title": "  Return and reintegration  ", "body": "First\r\nmessage"},
        )
        thread = Thread.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("private:thread-detail", pk=thread.pk)
        assert (thread.forum, thread.title, thread.author) == (
            forum,
            "Return and reintegration",
            user,
        )
        (post,) = thread.posts.all()
        assert (post.body, post.author, post.created_by) == ("First\nmessage", user, user)
        assert thread.last_post_at == post.created_at

    def test_empty_title_or_message_is_refused(self, client):
        forum = ForumFactory()
        client.force_login(FocalPointFactory().user)
        response = client.post(
            url("private:thread-create", slug=forum.slug), {"title": " ", "body": " \n "}
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"title", "body"}
        assert not Thread.objects.exists()

    def test_a_title_too_long_is_refused_with_a_message_not_cut(self, client):
        forum = ForumFactory()
        client.force_login(FocalPointFactory().user)
        address = url("private:thread-create", slug=forum.slug)
        page = client.get(address).content.decode()
        assert "At most 200 characters." in page and "At most 10,000 characters." in page
        assert "maxlength" not in page
        title = "Reintegration of returnees and " * 7
        response = client.post(address, {"title": title, "body": "B"})
        assert response.status_code == 200
        assert (
            "Shorten the title to 200 characters at most (it has 216); the message can say more."
            in response.content.decode()
        )
        assert title.strip() in response.content.decode()
        assert not Thread.objects.exists()

    def test_the_service_refuses_an_inactive_forum(self):
        with pytest.raises(ValidationError):
            forum_services.start_thread(
                forum=ForumFactory(active=False), title="T", body="B", author=UserFactory()
            )


class TestReply:
    def test_a_reply_is_added_at_the_end_and_dates_the_thread(self, client, thread):
        user = FocalPointFactory().user
        client.force_login(user)
        response = post_reply(client, thread, "I agree.")
        post = thread.posts.last()
        assert (post.body, post.author) == ("I agree.", user)
        assert response["Location"] == f"{address('thread-detail', thread)}#post-{post.pk}"
        thread.refresh_from_db()
        assert thread.last_post_at == post.created_at

    @pytest.mark.parametrize("body", ["", "   ", "\r\n\t", "x" * (MAX_POST_LENGTH + 1)])
    def test_an_empty_or_too_long_message_is_refused_with_a_form_error(self, client, thread, body):
        client.force_login(FocalPointFactory().user)
        response = post_reply(client, thread, body)
        assert response.status_code == 200
        assert response.context["form"].errors["body"]
        assert 'class="field-errors"' in response.content.decode()
        assert thread.posts.count() == 1

    def test_a_message_of_the_maximum_length_is_accepted_counting_a_line_break_once(
        self, client, thread
    ):
        client.force_login(FocalPointFactory().user)
        post_reply(client, thread, "x" * (MAX_POST_LENGTH - 2) + "\r\ny")
        assert len(thread.posts.last().body) == MAX_POST_LENGTH

    @pytest.mark.parametrize(
        "change", [{"locked": True}, {"hidden": True}], ids=["locked", "hidden"]
    )
    def test_the_service_refuses_a_closed_thread(self, thread, change):
        Thread.objects.filter(pk=thread.pk).update(**change)
        with pytest.raises(ValidationError):
            forum_services.reply(
                thread=thread, body="Hello", author=UserFactory(), site_root="http://x/"
            )
        assert thread.posts.count() == 1

    def test_the_service_refuses_a_thread_of_an_inactive_forum(self, thread):
        thread.forum.active = False
        thread.forum.save()
        with pytest.raises(ValidationError):
            forum_services.reply(
                thread=thread, body="Hello", author=UserFactory(), site_root="http://x/"
            )
