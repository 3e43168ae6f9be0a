"""Subscribing to the newsletter: double opt-in, leaving in one click, robots kept out, and
the least kept about a person."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news import subscriptions
from news.models import Subscriber
from tests.factories import DomainFactory, FocalPointFactory, SecretariatUserFactory
from tests.helpers import url
from tests.test_admin_exchange import export

pytestmark = pytest.mark.django_db

fuzz = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


def subscribe(client, email="awa@example.org", languages="fr", language="en", extra=None, **fields):
    return client.post(
        url("news:subscribe", language),
        {"email": email, "languages": languages, **fields},
        **(extra or {}),
    )


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(link):
    return link.removeprefix("http://testserver")


@pytest.fixture
def subscriber():
    return Subscriber.objects.create(
        email="moussa@example.org", languages="en", confirmed_at=timezone.now()
    )


class TestDoubleOptIn:
    def test_nothing_but_a_confirmation_is_sent_until_the_link_is_followed(
        self, client, run_worker
    ):
        response = subscribe(client, email="Awa@Example.org", languages="fr")
        assert response.status_code == 302
        assert response["Location"] == url("news:subscription-asked")
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "awa@example.org"
        assert subscriber.confirmed_at is None
        assert list(Subscriber.objects.confirmed()) == []
        run_worker()
        (message,) = mail.outbox
        # In the language chosen for the newsletter, whatever the page's.
        assert message.subject.startswith("Confirmez votre abonnement")
        link = path_of(link_in(message))

        page = client.get(link)
        assert page.status_code == 200
        assert Subscriber.objects.get().confirmed_at is None  # opening the link is not enough
        assert "awa@example.org" in page.content.decode()
        client.post(link)
        assert Subscriber.objects.confirmed().get().email == "awa@example.org"

    def test_a_changed_or_expired_link_confirms_nothing(self, client, run_worker):
        subscribe(client)
        run_worker()
        link = path_of(link_in(mail.outbox[0]))
        changed = link[:-2] + ("A/" if link[-2] != "A" else "B/")
        assert client.post(changed).context["subscriber"] is None
        later = timezone.now() + timedelta(days=subscriptions.CONFIRMATION_DAYS, hours=1)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
            expired = client.post(link)
        assert expired.context["subscriber"] is None
        assert "Ce lien ne fonctionne plus" in expired.content.decode()
        assert Subscriber.objects.get().confirmed_at is None

    def test_unconfirmed_askings_are_forgotten_after_seven_days(self, client):
        subscribe(client, email="old@example.org")
        subscribe(client, email="new@example.org")
        Subscriber.objects.filter(email="old@example.org").update(
            requested_at=timezone.now() - timedelta(days=8)
        )
        call_command("run_scheduled_jobs")
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]

    def test_an_address_already_subscribed_gets_no_email_and_the_page_says_the_same(
        self, client, subscriber, run_worker
    ):
        response = subscribe(client, email=subscriber.email, languages="fr")
        assert response["Location"] == url("news:subscription-asked")
        run_worker()
        assert mail.outbox == []
        subscriber.refresh_from_db()
        assert subscriber.languages == "en"

    def test_domains_and_notices_are_kept_as_chosen(self, client, cadiz_domain):
        subscribe(client, domains=[cadiz_domain.pk], news_notices="on")
        subscriber = Subscriber.objects.get()
        assert list(subscriber.domains.all()) == [cadiz_domain]
        assert subscriber.news_notices


@pytest.fixture
def cadiz_domain():
    return DomainFactory(framework__adopted_on=timezone.localdate() - timedelta(days=1))


class TestLeaving:
    def test_the_link_shows_a_button_that_erases_the_subscriber(self, client, subscriber):
        link = subscriptions.leave_path(subscriber)
        page = client.get(link)
        assert page.status_code == 200
        assert Subscriber.objects.exists()
        response = client.post(link)
        assert "You left the newsletter" in response.content.decode()
        assert not Subscriber.objects.exists()
        # The link again: nothing to leave, and no error.
        assert client.post(link).status_code == 200

    def test_a_mail_programs_one_click_post_works_without_a_cookie(self, subscriber):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            subscriptions.leave_path(subscriber), {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 200
        assert not Subscriber.objects.exists()

    def test_a_changed_link_erases_nobody(self, client, subscriber):
        link = subscriptions.leave_path(subscriber)
        client.post(link[:-3] + "xx/")
        assert Subscriber.objects.exists()


class TestRobots:
    def test_the_hidden_field_filled_in_records_nothing(self, client, run_worker):
        response = subscribe(client, website="http://spam.example")
        assert response.status_code == 302
        run_worker()
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    def test_askings_are_limited_per_address_and_per_client(self, client):
        for _ in range(3):
            assert subscribe(client, email="a@example.org").status_code == 302
        response = subscribe(client, email="a@example.org")
        assert response.status_code == 429
        assert "Too many subscriptions" in response.content.decode()
        office = {"REMOTE_ADDR": "203.0.113.7"}
        for number in range(10):
            assert (
                subscribe(client, email=f"b{number}@example.org", extra=office).status_code == 302
            )
        assert subscribe(client, email="c@example.org", extra=office).status_code == 429
        other = {"REMOTE_ADDR": "203.0.113.8"}
        assert subscribe(client, email="c@example.org", extra=other).status_code == 302

    @pytest.mark.parametrize(
        "data",
        [
            {"email": "not an address", "languages": "fr"},
            {"email": "a@example.org", "languages": "xx"},
        ],
    )
    def test_bad_input_is_a_form_error(self, client, data):
        response = client.post(url("news:subscribe"), data)
        assert response.status_code == 200
        assert 'class="field-errors"' in response.content.decode()
        assert not Subscriber.objects.exists()


class TestEveryPage:
    def test_the_footer_has_the_box_and_it_works_without_a_csrf_token(self, client):
        page = client.get(url("meetings:list")).content.decode()
        assert f'action="{url("news:subscribe")}"' in page
        response = subscribe(Client(enforce_csrf_checks=True))
        assert response.status_code == 302
        assert Subscriber.objects.exists()

    def test_the_privacy_notice_says_what_is_kept(self, client):
        page = client.get(url("privacy", "fr")).content.decode()
        assert "adresse" in page and "sept jours" in page


class TestSecretariat:
    def test_it_exports_the_list_and_erases_one_person(self, client, subscriber):
        other = Subscriber.objects.create(email="other@example.org", languages="fr")
        client.force_login(SecretariatUserFactory())
        changelist = reverse("admin:news_subscriber_changelist")
        assert subscriber.email in client.get(changelist).content.decode()
        exported = export(client, "admin:news_subscriber_export").content.decode("utf-8-sig")
        assert subscriber.email in exported and other.email in exported
        client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [subscriber.pk], "post": "yes"},
        )
        assert list(Subscriber.objects.all()) == [other]

    def test_nobody_is_added_by_hand(self, client):
        client.force_login(SecretariatUserFactory())
        assert client.get(reverse("admin:news_subscriber_add")).status_code == 403

    def test_a_focal_point_sees_no_subscriber(self, client, subscriber):
        client.force_login(FocalPointFactory().user)
        response = client.get(reverse("admin:news_subscriber_changelist"))
        assert response.status_code == 302


@fuzz
@given(
    email=st.one_of(st.emails(), st.text(max_size=60)),
    languages=st.one_of(st.sampled_from(["fr", "en", "both"]), st.text(max_size=5)),
    domains=st.lists(st.text(max_size=6), max_size=3),
)
def test_whatever_is_posted_the_answer_is_a_form_error_or_the_next_page(
    client, email, languages, domains
):
    cache.clear()  # no rate limit between examples
    before = Subscriber.objects.count()
    response = client.post(
        url("news:subscribe"), {"email": email, "languages": languages, "domains": domains}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Subscriber.objects.count() == before
