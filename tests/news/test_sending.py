"""Sending an edition: preview, test, then every subscriber once, in their language, with
a link and headers to leave; progress shown; erasing a subscriber erases what was sent."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import OutgoingEmail
from news import sending
from news.models import EditionDelivery, EditionPost, Subscriber
from tests.factories import EditionFactory, NewsPostFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db


def subscriber(email, languages):
    return Subscriber.objects.create(email=email, languages=languages, confirmed_at=timezone.now())


@pytest.fixture
def edition():
    edition = EditionFactory(number=3, year=2026)
    post = NewsPostFactory(title_en="Presidency handed over", title_fr="Passation de présidence")
    EditionPost.objects.create(edition=edition, post=post)
    return edition


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory(email="secretariat@example.org")
    client.force_login(user)
    return user


def act(client, action, edition):
    return client.post(
        reverse("admin:news_edition_changelist"),
        {"action": action, "_selected_action": [edition.pk]},
        follow=True,
    )


def time_passes():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


class TestSending:
    def test_each_subscriber_gets_the_edition_once_in_their_language(
        self, client, secretariat, edition, run_worker
    ):
        subscriber("fr@example.org", "fr")
        subscriber("en@example.org", "en")
        subscriber("both@example.org", "both")
        Subscriber.objects.create(email="unconfirmed@example.org", languages="fr")

        act(client, "send_to_subscribers", edition)
        assert mail.outbox == []  # the request only queued the sending
        run_worker()
        time_passes()
        run_worker()

        by_address = {}
        for message in mail.outbox:
            by_address.setdefault(message.to[0], []).append(message)
        assert sorted(by_address) == ["both@example.org", "en@example.org", "fr@example.org"]
        (french,) = by_address["fr@example.org"]
        assert "Passation de présidence" in french.body
        assert "/fr/actualites/rabat-review/3-2026/" in french.body
        html = french.alternatives[0].content
        assert "Passation de présidence" in html
        leave = french.extra_headers["List-Unsubscribe"].strip("<>")
        assert leave in french.body and "/quitter/" in leave
        assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert len(by_address["both@example.org"]) == 2

        # Sending again reaches nobody twice.
        act(client, "send_to_subscribers", edition)
        run_worker()
        time_passes()
        run_worker()
        assert len(mail.outbox) == 4
        page = client.get(reverse("admin:news_edition_changelist")).content.decode()
        assert "sent 4 of 4; 0 failed" in page

    def test_the_mail_server_limit_spaces_the_emails(self, settings, edition):
        settings.NEWSLETTER_PER_MINUTE = 2
        for number in range(5):
            subscriber(f"s{number}@example.org", "en")
        assert sending.send_edition.call(edition_id=edition.pk, site_root="https://x.org") == 5
        waits = sorted(
            task.run_after
            for task in DBTaskResult.objects.filter(task_path__endswith="deliver_email")
        )
        minutes = [round((wait - waits[0]).total_seconds() / 60) for wait in waits]
        assert minutes == [0, 0, 1, 1, 2]

    def test_an_unpublished_edition_is_not_sent(self, client, secretariat, run_worker):
        draft = EditionFactory(published=False)
        subscriber("fr@example.org", "fr")
        response = act(client, "send_to_subscribers", draft)
        assert "Publish an edition before sending it" in response.content.decode()
        run_worker()
        assert mail.outbox == []

    def test_a_test_goes_to_the_secretariat_alone_in_each_language(
        self, client, secretariat, edition, run_worker
    ):
        subscriber("fr@example.org", "fr")
        act(client, "send_test", edition)
        run_worker()
        assert [message.to for message in mail.outbox] == [["secretariat@example.org"]] * 2
        assert all(message.subject.startswith("[TEST]") for message in mail.outbox)
        assert not EditionDelivery.objects.exists()

    def test_the_preview_shows_the_email_of_each_language(self, client, secretariat, edition):
        french = client.get(reverse("admin:news_edition_preview", args=[edition.pk, "fr"]))
        assert "Passation de présidence" in french.content.decode()
        assert (
            client.get(reverse("admin:news_edition_preview", args=[edition.pk, "xx"])).status_code
            == 404
        )

    def test_erasing_a_subscriber_erases_what_was_sent_to_them(
        self, client, secretariat, edition, run_worker
    ):
        kept, erased = subscriber("kept@example.org", "en"), subscriber("gone@example.org", "en")
        sending.send_edition.call(edition_id=edition.pk, site_root="https://x.org")
        client.post(
            reverse("admin:news_subscriber_changelist"),
            {"action": "delete_selected", "_selected_action": [erased.pk], "post": "yes"},
        )
        assert not OutgoingEmail.objects.filter(to="gone@example.org").exists()
        assert list(EditionDelivery.objects.values_list("subscriber", flat=True)) == [kept.pk]
        run_worker()
        assert [message.to for message in mail.outbox] == [["kept@example.org"]]


def test_the_list_of_editions_reads_its_progress_in_one_query(
    client, secretariat, edition, django_assert_num_queries
):
    subscriber("fr@example.org", "fr")
    sending.send_edition.call(edition_id=edition.pk, site_root="https://x.org")
    address = reverse("admin:news_edition_changelist")
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for number in range(10, 15):
        more = EditionFactory(number=number)
        sending.send_edition.call(edition_id=more.pk, site_root="https://x.org")
    with django_assert_num_queries(len(few)):
        page = client.get(address)
    assert "sent 0 of 1; 0 failed" in page.content.decode()
