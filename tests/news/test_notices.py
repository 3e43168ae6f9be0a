"""Notices of new posts: once a post is out, once to each subscriber who asked for them
and follows one of its domains (or all), in their languages, with the way to leave."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from news import notices
from news.models import NewsPost, Subscriber
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import DomainFactory, NewsPostFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db
JOB = "news notices queued"


def subscriber(email, languages="fr", *, domains=(), news_notices=True, confirmed=True):
    person = Subscriber.objects.create(
        email=email,
        languages=languages,
        news_notices=news_notices,
        confirmed_at=timezone.now() if confirmed else None,
    )
    person.domains.set(domains)
    return person


def today(**days):
    return timezone.localdate() + datetime.timedelta(**days)


@pytest.fixture
def protection():
    return DomainFactory(title_en="Protection", title_fr="Protection")


def post_in(domain, **fields):
    fields = {
        "title_en": "Consultation launched",
        "title_fr": "Une consultation lancée",
        "published_on": today(),
        **fields,
    }
    post = NewsPostFactory(**fields)
    post.domains.add(domain)
    return post


def recipients():
    return sorted((email.to[0], email.subject) for email in mail.outbox)


class TestWhoIsTold:
    def test_followers_of_its_domains_or_of_all_who_asked_for_notices(self, protection, run_worker):
        subscriber("follows@example.org", "fr", domains=[protection])
        subscriber("all@example.org", "en")
        subscriber("both@example.org", "both", domains=[protection])
        subscriber("no-notices@example.org", domains=[protection], news_notices=False)
        subscriber("elsewhere@example.org", domains=[DomainFactory()])
        subscriber("unconfirmed@example.org", domains=[protection], confirmed=False)
        post_in(protection)
        assert run_jobs()[JOB] == 4
        run_worker()
        assert recipients() == [
            ("all@example.org", "Consultation launched"),
            ("both@example.org", "Consultation launched"),
            ("both@example.org", "Une consultation lancée"),
            ("follows@example.org", "Une consultation lancée"),
        ]

    def test_the_notice_links_the_post_and_the_way_to_leave_in_its_language(
        self, protection, run_worker, settings
    ):
        settings.SITE_URL = "https://rabat-process.example"
        subscriber("follows@example.org", "fr", domains=[protection])
        post = post_in(protection)
        run_jobs()
        run_worker()
        (email,) = mail.outbox
        text, (html, _type) = email.body, email.alternatives[0]
        link = f"https://rabat-process.example/fr/actualites/{post.slug}/"
        assert link in text and link in html
        assert "Le lire en ligne\u00a0:" in text
        leave = email.extra_headers["List-Unsubscribe"]
        assert leave.startswith("<https://rabat-process.example/fr/")
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert leave.strip("<>") in text

    def test_a_title_in_one_language_only_is_marked_in_the_other(self, protection, run_worker):
        subscriber("follows@example.org", "fr", domains=[protection])
        post_in(protection, title_fr="")
        run_jobs()
        run_worker()
        assert recipients() == [("follows@example.org", "Consultation launched (en anglais)")]


class TestWhenAndHowOften:
    def test_a_post_is_announced_once_whoever_announces_it(self, protection, run_worker):
        subscriber("follows@example.org", "fr", domains=[protection])
        post = post_in(protection)
        assert notices.announce(post) == 1
        notices.announce_post.enqueue(post.pk)
        assert run_jobs()[JOB] == 0
        run_worker()
        assert len(mail.outbox) == 1

    def test_a_scheduled_post_is_announced_on_its_day(self, protection):
        subscriber("follows@example.org", "fr", domains=[protection])
        post = post_in(protection, published_on=today(days=1))
        assert run_jobs()[JOB] == 0
        NewsPost.objects.filter(pk=post.pk).update(published_on=today())
        assert run_jobs()[JOB] == 1

    def test_drafts_and_back_dated_posts_are_not_news(self, protection):
        subscriber("follows@example.org", "fr", domains=[protection])
        post_in(protection, status="draft")
        post_in(protection, published_on=today(days=-30))
        assert run_jobs()[JOB] == 0

    def test_saving_a_published_post_in_the_admin_announces_it(
        self, client, protection, run_worker
    ):
        subscriber("follows@example.org", "en", domains=[protection])
        client.force_login(SecretariatUserFactory())
        data = {
            "title_en": "Consultation launched",
            "slug": "consultation-launched",
            "status": "draft",
            "published_on": today().isoformat(),
            "summary_en": "The presidency launches a consultation.",
            "domains": [protection.pk],
        }
        assert client.post(reverse("admin:news_newspost_add"), data).status_code == 302
        run_worker()
        assert mail.outbox == []
        post = NewsPost.objects.get(slug="consultation-launched")
        change = reverse("admin:news_newspost_change", args=[post.pk])
        response = client.post(change, {**data, "status": "published"})
        assert response.status_code == 302
        run_worker()
        assert recipients() == [("follows@example.org", "Consultation launched")]


def test_posts_out_before_notices_existed_are_not_announced(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("news", "0005_edition_pdfs")])
    old = executor.loader.project_state([("news", "0005_edition_pdfs")]).apps
    OldPost = old.get_model("news", "NewsPost")
    fields = {"summary_en": "…", "status": "published"}
    OldPost.objects.create(title_en="Out", slug="out", published_on=today(), **fields)
    OldPost.objects.create(
        title_en="Tomorrow", slug="tomorrow", published_on=today(days=1), **fields
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    announced = dict(NewsPost.objects.values_list("slug", "notices_sent_at"))
    assert announced["out"] is not None
    assert announced["tomorrow"] is None
