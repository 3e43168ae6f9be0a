"""Every e-mail goes through the background worker: a request only queues it, with its data;
the worker sends it once, retries while the mail server is down, and gives up where the
secretariat sees it."""

import logging
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.logs import QueuedAdminEmailHandler
from core.mail import MAX_ATTEMPTS, RETRY_DELAYS, deliver_email, queue_email
from core.models import OutgoingEmail
from governance.models import FocalPoint
from recommendations.models import Post
from tests.factories import (
    FocalPointFactory,
    PostFactory,
    SecretariatUserFactory,
    ThreadFactory,
    UserFactory,
)
from tests.helpers import url
from tests.recommendations.forums.helpers import post_reply
from tests.test_admin_exchange import export

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """The platform's real transport, to a port where nothing listens: refused at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def time_passes():
    """Every task waiting for a later attempt becomes due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def invite_contributor(client, email="awa.diop@example.org"):
    return client.post(
        url("private:contributors"),
        {"first_name": "Awa", "last_name": "Diop", "email": email, "language": "en"},
    )


class TestARequestNeverWaitsForTheMailServer:
    def test_a_forum_reply_with_the_mail_server_down_is_saved_once_and_sent_later(
        self, client, settings, mail_server_down, run_worker
    ):
        participant = FocalPointFactory()
        thread = ThreadFactory()
        PostFactory(thread=thread, author=participant.user)
        client.force_login(FocalPointFactory().user)

        response = post_reply(client, thread, "Our draft is ready.")

        assert response.status_code == 302
        assert Post.objects.filter(body="Our draft is ready.").count() == 1
        run_worker()
        (email,) = OutgoingEmail.objects.all()
        assert email.to == participant.user.email
        assert email.status == OutgoingEmail.Status.QUEUED
        assert email.attempts == 1
        assert "ConnectionRefusedError" in email.last_error
        waited = email.next_attempt_at - email.last_attempt_at
        assert abs(waited - RETRY_DELAYS[0]).total_seconds() < 5

        mail_server_back(settings)
        run_worker()
        assert mail.outbox == []  # not before its time
        time_passes()
        run_worker()
        (message,) = mail.outbox
        assert message.to == [participant.user.email]
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.SENT
        assert email.attempts == 2
        assert email.sent_at is not None

    def test_an_invitation_with_the_mail_server_down_reaches_the_person_later(
        self, client, settings, mail_server_down, run_worker
    ):
        client.force_login(FocalPointFactory().user)

        response = invite_contributor(client)

        assert response.status_code == 302
        assert FocalPoint.objects.filter(user__email="awa.diop@example.org").exists()
        run_worker()
        mail_server_back(settings)
        time_passes()
        run_worker()
        (invitation,) = mail.outbox
        link = re.search(r"https?://\S+", invitation.body).group(0)
        assert client.get(link, follow=True).context["validlink"]

    def test_with_the_worker_stopped_nothing_is_lost(self, client, run_worker):
        client.force_login(FocalPointFactory().user)
        invite_contributor(client)
        assert mail.outbox == []
        assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED
        # The worker starts later: the e-mail waited in the database.
        run_worker()
        assert len(mail.outbox) == 1

    def test_when_the_request_fails_neither_the_account_nor_its_email_exists(self, client):
        FocalPointFactory(user__email="awa.diop@example.org")
        client.force_login(FocalPointFactory().user)
        response = invite_contributor(client, email="AWA.DIOP@example.org")
        assert response.status_code == 200
        assert not OutgoingEmail.objects.exists()
        assert not DBTaskResult.objects.exists()


class TestNothingIsSentTwice:
    def test_running_the_same_task_again_sends_nothing(self, run_worker):
        email = queue_email(to="a@example.org", subject="S", body="B", purpose="forum-reply")
        run_worker()
        assert deliver_email.call(email.pk) == "skipped"
        assert len(mail.outbox) == 1

    def test_an_email_being_sent_by_another_worker_is_left_to_it(self):
        email = queue_email(to="a@example.org", subject="S", body="B", purpose="forum-reply")
        OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING)
        assert deliver_email.call(email.pk) == "skipped"
        assert mail.outbox == []

    def test_a_subject_is_one_line(self, run_worker):
        queue_email(to="a@example.org", subject="New reply\n in the forum\n", body="B", purpose="x")
        run_worker()
        assert mail.outbox[0].subject == "New reply in the forum"

    def test_a_subject_keeps_its_no_break_spaces(self, run_worker):
        queue_email(to="a@example.org", subject="Rappel\u00a0: Dakar\n", body="B", purpose="x")
        run_worker()
        assert mail.outbox[0].subject == "Rappel\u00a0: Dakar"


class TestGivingUp:
    def test_after_the_last_attempt_the_email_is_not_sent_and_the_secretariat_sees_it(
        self, client, settings, mail_server_down, run_worker
    ):
        queue_email(to="a@example.org", subject="Reply", body="B", purpose="forum-reply")
        for _attempt in range(MAX_ATTEMPTS + 2):
            run_worker()
            time_passes()
        email = OutgoingEmail.objects.get()
        assert email.status == OutgoingEmail.Status.FAILED
        assert email.attempts == MAX_ATTEMPTS
        assert not DBTaskResult.objects.filter(status="READY").exists()

        client.force_login(SecretariatUserFactory())
        index = client.get(reverse("admin:index")).content.decode()
        assert "1 e-mail could not be sent." in index
        changelist = reverse("admin:core_outgoingemail_changelist")
        page = client.get(changelist, {"delivery": "not-delivered"})
        assert list(page.context["cl"].result_list) == [email]
        assert (
            "ConnectionRefusedError"
            in client.get(
                reverse("admin:core_outgoingemail_change", args=[email.pk])
            ).content.decode()
        )

        mail_server_back(settings)
        client.post(changelist, {"action": "send_again", "_selected_action": [email.pk]})
        run_worker()
        assert len(mail.outbox) == 1
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.SENT
        assert "could not be sent" not in client.get(reverse("admin:index")).content.decode()

    def test_an_interrupted_sending_is_sent_again_only_by_a_person(self, client, run_worker):
        email = queue_email(to="a@example.org", subject="Reply", body="B", purpose="forum-reply")
        long_ago = timezone.now() - timezone.timedelta(hours=1)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.SENDING, last_attempt_at=long_ago
        )
        DBTaskResult.objects.update(status="RUNNING")  # the worker died while sending
        run_worker()
        assert mail.outbox == []
        assert list(OutgoingEmail.objects.not_delivered()) == [email]

        client.force_login(SecretariatUserFactory())
        client.post(
            reverse("admin:core_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [email.pk]},
        )
        run_worker()
        assert len(mail.outbox) == 1

    def test_a_sent_email_is_not_sent_again(self, client, run_worker):
        email = queue_email(to="a@example.org", subject="Reply", body="B", purpose="forum-reply")
        run_worker()
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:core_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [email.pk]},
            follow=True,
        )
        run_worker()
        assert len(mail.outbox) == 1
        assert "1 e-mail was left as it is" in response.content.decode()


class TestWhoSeesTheEmails:
    def test_a_link_to_choose_a_password_is_never_shown_and_is_erased_once_sent(
        self, client, run_worker
    ):
        client.force_login(FocalPointFactory().user)
        invite_contributor(client)
        email = OutgoingEmail.objects.get()
        token_link = re.search(r"https?://\S+", email.body).group(0)
        client.force_login(SecretariatUserFactory())
        page = client.get(reverse("admin:core_outgoingemail_change", args=[email.pk]))
        assert page.status_code == 200
        assert token_link not in page.content.decode()
        assert "Not shown" in page.content.decode()
        exported = export(client, "admin:core_outgoingemail_export")
        assert exported.status_code == 200
        assert "awa.diop@example.org" in exported.content.decode("utf-8-sig")
        assert token_link not in exported.content.decode("utf-8-sig")
        run_worker()
        email.refresh_from_db()
        assert email.body == ""
        assert token_link in mail.outbox[0].body

    @pytest.mark.parametrize("who", ["visitor", "focal point"])
    def test_nobody_but_the_secretariat_reads_them(self, client, who):
        email = queue_email(to="a@example.org", subject="Reply", body="Secret", purpose="x")
        if who == "focal point":
            client.force_login(FocalPointFactory().user)
        for address in (
            reverse("admin:core_outgoingemail_changelist"),
            reverse("admin:core_outgoingemail_change", args=[email.pk]),
        ):
            response = client.get(address)
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]

    def test_nobody_adds_or_deletes_one(self, client):
        email = queue_email(to="a@example.org", subject="Reply", body="B", purpose="x")
        client.force_login(SecretariatUserFactory())
        assert client.get(reverse("admin:core_outgoingemail_add")).status_code == 403
        delete = reverse("admin:core_outgoingemail_delete", args=[email.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert OutgoingEmail.objects.filter(pk=email.pk).exists()


class TestPasswordReset:
    def request_sql(self, client, email):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url("private:password_reset"), {"email": email})
        assert response.status_code == 302
        # The statements, with the values they carry left out.
        return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in queries]

    def test_the_request_does_the_same_work_whether_or_not_the_address_has_an_account(self, client):
        known = FocalPointFactory(user__email="known@example.org")
        known.user.set_password("a long password")
        known.user.save()
        assert self.request_sql(client, "known@example.org") == self.request_sql(
            client, "nobody@example.org"
        )
        assert mail.outbox == []

    def test_the_worker_sends_the_link_to_an_existing_account_only(self, client, run_worker):
        known = UserFactory(email="known@example.org")
        known.set_password("a long password")
        known.save()
        client.post(url("private:password_reset"), {"email": "known@example.org"})
        client.post(url("private:password_reset"), {"email": "nobody@example.org"})
        run_worker()
        (message,) = mail.outbox
        assert message.to == ["known@example.org"]
        assert OutgoingEmail.objects.get().purpose == OutgoingEmail.Purpose.PASSWORD_RESET

    def test_one_address_is_limited(self, client):
        for _ in range(5):
            response = client.post(url("private:password_reset"), {"email": "a@example.org"})
            assert response.status_code == 302
        response = client.post(url("private:password_reset"), {"email": "A@example.org"})
        assert response.status_code == 429
        assert "too many times" in response.content.decode()
        assert DBTaskResult.objects.count() == 5
        # Another address from the same client still gets through.
        response = client.post(url("private:password_reset"), {"email": "b@example.org"})
        assert response.status_code == 302

    def test_one_client_is_limited_whatever_the_addresses(self, client):
        for number in range(20):
            response = client.post(
                url("private:password_reset"),
                {"email": f"person{number}@example.org"},
                REMOTE_ADDR="203.0.113.9",
            )
            assert response.status_code == 302
        response = client.post(
            url("private:password_reset"),
            {"email": "another@example.org"},
            REMOTE_ADDR="203.0.113.9",
        )
        assert response.status_code == 429
        response = client.post(
            url("private:password_reset"),
            {"email": "another@example.org"},
            REMOTE_ADDR="203.0.113.10",
        )
        assert response.status_code == 302


class TestErrorReports:
    def test_a_server_error_report_to_the_admins_is_queued(self, settings, rf, run_worker):
        settings.ADMINS = [("Ops", "ops@example.org")]
        handler = QueuedAdminEmailHandler()
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), None
        )
        record.request = rf.get("/")
        handler.emit(record)
        email = OutgoingEmail.objects.get()
        assert email.to == "ops@example.org"
        assert email.purpose == OutgoingEmail.Purpose.ERROR_REPORT
        run_worker()
        assert mail.outbox[0].subject.startswith(settings.EMAIL_SUBJECT_PREFIX)
