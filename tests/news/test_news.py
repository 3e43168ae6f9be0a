"""News posts: what visitors see, where, and what they never see."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPost
from tests.factories import (
    CountryFactory,
    DomainFactory,
    FocalPointFactory,
    MeetingFactory,
    NewsPostFactory,
    SecretariatUserFactory,
)
from tests.helpers import listed, url

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def today():
    return timezone.localdate()


class TestWhatIsPublished:
    def test_drafts_and_scheduled_posts_are_not_listed_nor_opened(self, client):
        shown = NewsPostFactory(published_on=today())
        draft = NewsPostFactory(status="draft")
        scheduled = NewsPostFactory(published_on=today() + datetime.timedelta(days=1))
        assert listed(client.get(url("news:list"))) == [shown]
        assert client.get(shown.get_absolute_url()).status_code == 200
        for hidden in (draft, scheduled):
            assert client.get(hidden.get_absolute_url()).status_code == 404

    def test_a_scheduled_post_appears_on_its_day(self, client):
        post = NewsPostFactory(published_on=today() + datetime.timedelta(days=1))
        NewsPost.objects.filter(pk=post.pk).update(published_on=today())
        assert client.get(post.get_absolute_url()).status_code == 200

    def test_the_newest_first_ten_a_page(self, client):
        posts = [
            NewsPostFactory(published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
            for n in range(12)
        ]
        first = client.get(url("news:list"))
        assert listed(first) == posts[::-1][:10]
        assert listed(client.get(url("news:list"), {"page": 2})) == posts[1::-1]
        assert "12 posts" in first.content.decode()


class TestFilters:
    def test_by_year_domain_and_partner(self, client):
        senegal = CountryFactory(name="Senegal", slug="senegal")
        domain = DomainFactory()
        about_senegal = NewsPostFactory(published_on=datetime.date(2024, 6, 1))
        about_senegal.partners.add(senegal)
        about_domain = NewsPostFactory(published_on=datetime.date(2025, 6, 1))
        about_domain.domains.add(domain)
        assert listed(client.get(url("news:list"), {"year": 2024})) == [about_senegal]
        assert listed(client.get(url("news:list"), {"partner": "senegal"})) == [about_senegal]
        assert listed(client.get(url("news:list"), {"domain": domain.pk})) == [about_domain]

    def test_by_words_whatever_their_accents_in_either_language(self, client):
        wanted = NewsPostFactory(
            title_en="A consultation on returns",
            title_fr="Une consultation sur les retours",
            body_fr="Les réponses sont attendues à Genève.",
        )
        NewsPostFactory(title_en="Presidency handed over")
        for query in ("consultation", "geneve", "RETOURS", "returns reponses"):
            assert listed(client.get(url("news:list"), {"q": query})) == [wanted], query

    @pytest.mark.parametrize("query", [{"year": "abc"}, {"partner": "nowhere"}, {"domain": "x"}])
    def test_a_bad_filter_is_said_not_a_server_error(self, client, query):
        NewsPostFactory()
        response = client.get(url("news:list"), query)
        assert response.status_code == 200
        assert "Some filters are not valid" in response.content.decode()


class TestPostPage:
    def test_the_text_is_formatted_and_nothing_unsafe_gets_through(self, client):
        post = NewsPostFactory(
            body=(
                "## Agenda\n\nOpening by **the presidency**, see [the note](https://example.org/n)."
                "\n\n- visas\n- return\n\n<script>alert(1)</script>"
                '<a href="javascript:alert(2)" onclick="alert(3)">click</a>'
                "[bad](javascript:alert(4))"
            )
        )
        page = client.get(post.get_absolute_url()).content.decode()
        assert "<h2>Agenda</h2>" in page
        assert "<strong>the presidency</strong>" in page
        assert '<a href="https://example.org/n" rel="noopener noreferrer">the note</a>' in page
        assert "<li>visas</li>" in page
        assert "<script>alert" not in page
        assert "javascript:" not in page
        assert "onclick" not in page

    def test_related_meetings_partners_and_domains_are_linked(self, client):
        meeting = MeetingFactory(title="Thematic meeting on return")
        hidden_meeting = MeetingFactory(title="Not yet published", published=False)
        partner = CountryFactory(name="Gambia")
        post = NewsPostFactory()
        post.meetings.add(meeting, hidden_meeting)
        post.partners.add(partner)
        page = client.get(post.get_absolute_url()).content.decode()
        assert meeting.get_absolute_url() in page
        assert "Not yet published" not in page
        assert partner.get_absolute_url() in page

    def test_french_page_of_a_post_written_in_english_marks_the_fallback(self, client):
        post = NewsPostFactory(title_en="Presidency handed over", title_fr="")
        page = client.get(url("news:detail", "fr", slug=post.slug)).content.decode()
        assert "Presidency handed over" in page
        assert "(en anglais)" in page


class TestWhereNewsAppear:
    def test_the_home_page_shows_the_latest_three(self, client):
        posts = [
            NewsPostFactory(published_on=datetime.date(2026, 1, n + 1), title=f"Post number {n}")
            for n in range(4)
        ]
        page = client.get(url("home")).content.decode()
        assert all(post.title in page for post in posts[1:])
        assert posts[0].title not in page

    def test_a_meeting_page_shows_the_news_about_it(self, client):
        meeting = MeetingFactory()
        post = NewsPostFactory(title="Meeting announced")
        post.meetings.add(meeting)
        NewsPostFactory(title="Unrelated post")
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "Meeting announced" in page and "Unrelated post" not in page

    def test_a_partner_page_shows_the_news_about_it(self, client):
        partner = CountryFactory(slug="mali")
        post = NewsPostFactory(title="Mali hosts the meeting")
        post.partners.add(partner)
        NewsPostFactory(title="Draft about Mali", status="draft").partners.add(partner)
        page = client.get(partner.get_absolute_url()).content.decode()
        assert "Mali hosts the meeting" in page and "Draft about Mali" not in page
        assert f"{url('news:list')}?partner=mali" in page

    def test_the_atom_feed_follows_the_lists_filters(self, client):
        partner = CountryFactory(slug="niger")
        about = NewsPostFactory(title="About Niger")
        about.partners.add(partner)
        NewsPostFactory(title="Other")
        NewsPostFactory(title="Draft", status="draft")
        everything = ET.fromstring(client.get(url("news:atom")).content)
        titles = [entry.find(f"{ATOM}title").text for entry in everything.iter(f"{ATOM}entry")]
        assert sorted(titles) == ["About Niger", "Other"]
        filtered = ET.fromstring(client.get(url("news:atom"), {"partner": "niger"}).content)
        assert [e.find(f"{ATOM}title").text for e in filtered.iter(f"{ATOM}entry")] == [
            "About Niger"
        ]

    def test_the_sitemap_lists_published_posts_in_each_language(self, client):
        shown = NewsPostFactory()
        draft = NewsPostFactory(status="draft")
        sitemap = client.get("/sitemap.xml").content.decode()
        assert url("news:detail", "fr", slug=shown.slug) in sitemap
        assert draft.slug not in sitemap


class TestImage:
    def test_the_image_of_a_published_post_is_served_by_its_address(self, client, settings):
        post = NewsPostFactory(image=SimpleUploadedFile("photo.png", PNG), image_alt="Delegates")
        page = client.get(post.get_absolute_url()).content.decode()
        assert f'src="{url("news:image", slug=post.slug)}" alt="Delegates"' in page
        response = client.get(url("news:image", slug=post.slug))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG

    def test_no_image_of_a_draft_nor_of_a_post_without_one(self, client):
        draft = NewsPostFactory(status="draft", image=SimpleUploadedFile("a.png", PNG))
        plain = NewsPostFactory()
        for post in (draft, plain):
            assert client.get(url("news:image", slug=post.slug)).status_code == 404


class TestAdmin:
    def add(self, client, **fields):
        data = {
            "title_en": "Consultation launched",
            "title_fr": "",
            "slug": "consultation-launched",
            "status": "published",
            "published_on": "2026-11-30",
            "summary_en": "The presidency launches a consultation.",
            "summary_fr": "",
            "body_en": "Write to the **secretariat**.",
            "body_fr": "",
            "image_alt_en": "",
            "image_alt_fr": "",
            **fields,
        }
        return client.post(reverse("admin:news_newspost_add"), data)

    def test_the_secretariat_writes_a_post_in_one_language(self, client):
        client.force_login(SecretariatUserFactory())
        response = self.add(client)
        assert response.status_code == 302
        post = NewsPost.objects.get(slug="consultation-launched")
        assert post.title_en == "Consultation launched" and post.title_fr in ("", None)

    def test_an_image_needs_its_description_and_must_be_an_image(self, client):
        client.force_login(SecretariatUserFactory())
        response = self.add(client, image=SimpleUploadedFile("photo.png", PNG))
        assert "Describe the image" in response.content.decode()
        response = self.add(
            client,
            image=SimpleUploadedFile("photo.png", b"<html>not an image</html>"),
            image_alt_en="A photo",
        )
        assert "not a PNG file" in response.content.decode()
        assert not NewsPost.objects.exists()

    def test_a_focal_point_cannot_open_it(self, client):
        client.force_login(FocalPointFactory().user)
        response = client.get(reverse("admin:news_newspost_changelist"))
        assert response.status_code == 302


class TestQueries:
    def test_the_list_and_a_post_read_as_much_with_more_posts(
        self, client, page_cache_off, django_assert_num_queries
    ):
        def add(count):
            for _ in range(count):
                post = NewsPostFactory()
                post.meetings.add(MeetingFactory())
                post.partners.add(CountryFactory())
                post.domains.add(DomainFactory())

        add(2)
        # The count and the page of posts, and the choices of the domain and partner filters.
        with django_assert_num_queries(4):
            client.get(url("news:list"))
        # The post, its meetings, partners and domains with their frameworks.
        first = NewsPost.objects.first().get_absolute_url()
        with django_assert_num_queries(4):
            client.get(first)
        add(12)
        with django_assert_num_queries(4):
            client.get(url("news:list"))
        last = NewsPost.objects.last().get_absolute_url()
        with django_assert_num_queries(4):
            client.get(last)
