"""Moderation of the forums by the secretariat in the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    FocalPointFactory,
    ForumFactory,
    SecretariatUserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


class TestModerationInTheAdmin:
    def test_the_secretariat_moves_a_thread_to_another_forum(self, client, thread):
        target = ForumFactory(title="Protection")
        client.force_login(SecretariatUserFactory())
        change = reverse("admin:recommendations_thread_change", args=[thread.pk])
        assert client.get(change).status_code == 200
        last_post_at = timezone.localtime(thread.last_post_at)
        response = client.post(
            change,
            {
                "forum": target.pk,
                "title": thread.title,
                "author": thread.author.pk,
                "last_post_at_0": last_post_at.strftime("%Y-%m-%d"),
                "last_post_at_1": last_post_at.strftime("%H:%M:%S"),
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        thread.refresh_from_db()
        assert thread.forum == target
        assert not thread.locked and not thread.hidden
        assert thread.posts.count() == 1

        client.force_login(FocalPointFactory().user)
        response = client.get(url("private:forum-detail", slug=target.slug))
        assert list(response.context["threads"]) == [thread]

    def test_the_secretariat_locks_and_hides_threads_in_bulk(self, client, thread):
        client.force_login(SecretariatUserFactory())
        changelist = reverse("admin:recommendations_thread_changelist")
        for action in ("lock", "hide"):
            client.post(changelist, {"action": action, "_selected_action": [thread.pk]})
        thread.refresh_from_db()
        assert thread.locked and thread.hidden
