"""What the tests of the forums share."""

from django.contrib.messages import get_messages

from tests.helpers import url

PAGES = ("forum-list", "forum-detail", "thread-create", "thread-detail")


def address(name, thread):
    if name == "forum-list":
        return url("private:forum-list")
    if name == "thread-detail":
        return url("private:thread-detail", pk=thread.pk)
    return url(f"private:{name}", slug=thread.forum.slug)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def post_reply(client, thread, body):
    return client.post(url("private:thread-detail", pk=thread.pk), {"body": body})
