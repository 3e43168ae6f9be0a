"""The Rabat Review: editions built from their period, their pages and archive."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import Edition, EditionMeeting, EditionPost
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MeetingFactory,
    NewsPostFactory,
    SecretariatUserFactory,
)
from tests.helpers import refused_by_database, url

pytestmark = pytest.mark.django_db
day = datetime.date


def edition_url(edition, language="en"):
    return url("news:edition", language, number=edition.number, year=edition.year)


class TestBuildingAnEdition:
    def test_the_platform_proposes_the_posts_and_meetings_of_the_period(self, client):
        edition = EditionFactory(period_start=day(2026, 1, 1), period_end=day(2026, 3, 31))
        kept = NewsPostFactory(published_on=day(2026, 2, 1))
        EditionPost.objects.create(edition=edition, post=kept, order=1)
        february = NewsPostFactory(published_on=day(2026, 2, 10))
        january = NewsPostFactory(published_on=day(2026, 1, 5))
        NewsPostFactory(published_on=day(2026, 4, 1))  # after the period
        NewsPostFactory(published_on=day(2026, 2, 2), status="draft")
        meeting = MeetingFactory(start=day(2026, 3, 3))
        MeetingFactory(start=day(2025, 12, 3))
        MeetingFactory(start=day(2026, 3, 4), published=False)
        client.force_login(SecretariatUserFactory())

        client.post(
            reverse("admin:news_edition_changelist"),
            {"action": "fill_from_period", "_selected_action": [edition.pk]},
        )

        assert [item.post for item in edition.post_items.all()] == [kept, january, february]
        assert [item.meeting for item in edition.meeting_items.all()] == [meeting]
        # Proposing again adds nothing twice.
        client.post(
            reverse("admin:news_edition_changelist"),
            {"action": "fill_from_period", "_selected_action": [edition.pk]},
        )
        assert edition.post_items.count() == 3

    def test_one_number_a_year_and_a_period_in_order(self):
        EditionFactory(number=1, year=2017)
        refused_by_database(lambda: EditionFactory(number=1, year=2017))
        refused_by_database(
            lambda: EditionFactory(period_start=day(2026, 3, 1), period_end=day(2026, 1, 1))
        )

    def test_a_post_is_listed_once_in_an_edition(self):
        edition, post = EditionFactory(), NewsPostFactory()
        EditionPost.objects.create(edition=edition, post=post)
        refused_by_database(lambda: EditionPost.objects.create(edition=edition, post=post))

    def test_a_focal_point_cannot_edit_editions(self, client):
        client.force_login(FocalPointFactory().user)
        assert client.get(reverse("admin:news_edition_changelist")).status_code == 302


class TestPublicPages:
    def test_the_edition_shows_its_editorial_posts_and_meetings_in_their_order(self, client):
        edition = EditionFactory()
        second, first = NewsPostFactory(title="Second"), NewsPostFactory(title="First")
        EditionPost.objects.create(edition=edition, post=first, order=1)
        EditionPost.objects.create(edition=edition, post=second, order=2)
        draft = NewsPostFactory(title="Not yet out", status="draft")
        EditionPost.objects.create(edition=edition, post=draft, order=3)
        EditionMeeting.objects.create(edition=edition, meeting=MeetingFactory(title="Dakar SOM"))
        page = client.get(edition_url(edition)).content.decode()
        assert "<strong>meetings</strong>" in page
        assert page.index("First") < page.index("Second")
        assert "Not yet out" not in page
        assert "Dakar SOM" in page

    def test_unpublished_editions_are_neither_listed_nor_opened(self, client):
        shown = EditionFactory(number=1)
        hidden = EditionFactory(number=2, published=False)
        archive = client.get(url("news:editions"))
        assert list(archive.context["editions"]) == [shown]
        assert client.get(edition_url(hidden)).status_code == 404

    def test_an_edition_from_before_the_platform_offers_its_pdf(self, client):
        edition = EditionFactory(
            number=1, year=2017, pdf_en=SimpleUploadedFile("review.pdf", b"%PDF-1.4 review")
        )
        page = client.get(edition_url(edition, "fr")).content.decode()
        pdf = url("news:edition-pdf", "fr", number=1, year=2017, language="en")
        assert pdf in page
        assert b"".join(client.get(pdf).streaming_content).startswith(b"%PDF")
        missing = url("news:edition-pdf", number=1, year=2017, language="fr")
        assert client.get(missing).status_code == 404
        bad = url("news:edition-pdf", number=1, year=2017, language="xx")
        assert client.get(bad).status_code == 404

    def test_an_uploaded_pdf_must_be_a_pdf(self, client):
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:news_edition_add"),
            {
                "number": 1,
                "year": 2017,
                "period_start": "2017-01-01",
                "period_end": "2017-03-31",
                "pdf_en": SimpleUploadedFile("review.pdf", b"not a pdf"),
                "post_items-TOTAL_FORMS": 0,
                "post_items-INITIAL_FORMS": 0,
                "meeting_items-TOTAL_FORMS": 0,
                "meeting_items-INITIAL_FORMS": 0,
            },
        )
        assert "not a PDF file" in response.content.decode()
        assert not Edition.objects.exists()

    def test_queries_do_not_grow_with_the_edition(
        self, client, page_cache_off, django_assert_num_queries
    ):
        edition = EditionFactory()
        for order in range(2):
            EditionPost.objects.create(edition=edition, post=NewsPostFactory(), order=order)
            EditionMeeting.objects.create(edition=edition, meeting=MeetingFactory(), order=order)
        # The edition, its posts, its meetings and its PDFs.
        with django_assert_num_queries(4):
            client.get(edition_url(edition))
        for order in range(2, 12):
            EditionPost.objects.create(edition=edition, post=NewsPostFactory(), order=order)
            EditionMeeting.objects.create(edition=edition, meeting=MeetingFactory(), order=order)
        with django_assert_num_queries(4):
            client.get(edition_url(edition))
