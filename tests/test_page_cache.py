"""Cached public pages: served again without a query, and never stale after an edit."""

import datetime

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import page_cache
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    MeetingFactory,
    MeetingRoleFactory,
    PostFactory,
    RecommendationFactory,
    SecretariatUserFactory,
)
from tests.helpers import manage_in_subprocess, url

pytestmark = pytest.mark.django_db


def text(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def rendered_anew(client, address):
    """Whether the page was rendered for this request rather than served as kept."""
    with CaptureQueriesContext(connection) as queries:
        text(client, address)
    return len(queries) > 0


class TestServedFromTheCache:
    def test_a_page_seen_before_costs_no_query(self, client, django_assert_num_queries):
        MeetingFactory(title="Ministerial conference in Cadiz")
        first = text(client, url("meetings:list"))
        with django_assert_num_queries(0):
            assert text(client, url("meetings:list")) == first

    def test_each_filter_combination_and_language_has_its_own_page(self, client):
        MeetingFactory(title_en="Webinar on return", title_fr="Webinaire sur le retour")
        MeetingFactory(title_en="Workshop on visas", kind="workshop")
        assert "Webinar on return" in text(client, url("meetings:list"))
        assert "Webinar on return" not in text(client, url("meetings:list") + "?kind=workshop")
        assert "Webinaire sur le retour" in text(client, url("meetings:list", "fr"))

    def test_signed_in_people_get_their_own_page(self, client):
        MeetingFactory()
        assert "Sign in" in text(client, url("meetings:list"))
        focal_point = FocalPointFactory()
        client.force_login(focal_point.user)
        page = text(client, url("meetings:list"))
        assert "Private area" in page
        assert "Sign in" not in page

    def test_a_visitor_without_a_session_is_served_without_looking_up_a_user(
        self, client, monkeypatch
    ):
        from django.contrib import auth

        MeetingFactory()
        first = text(client, url("meetings:list"))

        def no_lookup(request):
            raise AssertionError("the user was looked up")

        monkeypatch.setattr(auth, "get_user", no_lookup)
        assert text(client, url("meetings:list")) == first

    def test_a_session_without_a_sign_in_still_gets_the_kept_page(
        self, client, django_assert_num_queries
    ):
        MeetingFactory()
        first = text(client, url("meetings:list"))
        session = client.session
        session["seen"] = True
        session.save()
        # The session, read to find no one signed in; not the page.
        with django_assert_num_queries(1):
            assert text(client, url("meetings:list")) == first

    def test_a_new_day_renders_anew(self, client, monkeypatch):
        meeting = MeetingFactory(start=datetime.date(2030, 3, 1), status="planned")
        before = page_cache.page_key(client.get(url("home")).wsgi_request, "token")
        monkeypatch.setattr(
            page_cache.timezone, "localdate", lambda: datetime.date(2030, 3, 2), raising=True
        )
        after = page_cache.page_key(client.get(url("home")).wsgi_request, "token")
        assert before != after
        assert meeting.title in text(client, url("meetings:list") + "?period=past")

    def test_an_unknown_parameter_is_never_kept(self, client):
        MeetingFactory()
        tracked = url("meetings:list") + "?kind=thematic_meeting&utm_source=newsletter"
        assert rendered_anew(client, tracked)
        assert rendered_anew(client, tracked)
        assert rendered_anew(client, url("meetings:list") + "?kind=thematic_meeting")
        assert not rendered_anew(client, url("meetings:list") + "?kind=thematic_meeting")

    def test_each_host_has_its_own_feed(self, client, settings):
        settings.ALLOWED_HOSTS = ["one.example", "two.example"]
        MeetingFactory()
        first = client.get(url("meetings:atom"), HTTP_HOST="one.example").content.decode()
        second = client.get(url("meetings:atom"), HTTP_HOST="two.example").content.decode()
        assert "http://one.example/" in first
        assert "http://two.example/" in second
        assert "one.example" not in second

    def test_pages_still_render_when_the_cache_cannot_be_reached(self, client, monkeypatch):
        MeetingFactory(title="Shown all the same")

        class Unreachable:
            def __getattr__(self, operation):
                def fail(*args, **kwargs):
                    raise ConnectionError("no route to the cache server")

                return fail

        monkeypatch.setattr(page_cache, "cache", Unreachable())
        assert "Shown all the same" in text(client, url("meetings:list"))
        assert "Shown all the same" in text(client, url("home"))

    def test_nothing_is_kept_when_the_page_cache_is_off(self, client, settings):
        settings.PAGE_CACHE_ENABLED = False
        MeetingFactory()
        assert rendered_anew(client, url("meetings:list"))
        assert rendered_anew(client, url("meetings:list"))

    def test_a_new_release_renders_every_page_anew(self, client, settings):
        MeetingFactory()
        assert rendered_anew(client, url("meetings:list"))
        assert not rendered_anew(client, url("meetings:list"))
        settings.RELEASE = "the-next-release"
        assert rendered_anew(client, url("meetings:list"))
        assert not rendered_anew(client, url("meetings:list"))

    def test_another_process_retiring_the_pages_is_seen_at_once(self, client):
        meeting = MeetingFactory(title="Before")
        text(client, url("meetings:detail", slug=meeting.slug))
        type(meeting).objects.filter(pk=meeting.pk).update(title_en="After")
        assert "Before" in text(client, url("meetings:detail", slug=meeting.slug))
        # What clear_page_cache() does in another server: a new generation in Redis.
        cache.set(page_cache.GENERATION_KEY, "set-by-another-process", timeout=None)
        assert "After" in text(client, url("meetings:detail", slug=meeting.slug))

    def test_a_lost_generation_never_brings_back_an_old_page(self, client):
        meeting = MeetingFactory(title="Before")
        text(client, url("meetings:list"))
        type(meeting).objects.filter(pk=meeting.pk).update(title_en="After")
        cache.delete(page_cache.GENERATION_KEY)
        assert "After" in text(client, url("meetings:list"))


class TestNeverStale:
    """A stale page after an edit is a bug: every kind of change retires the cached pages."""

    def test_a_changed_title(self, client):
        meeting = MeetingFactory(title="Thematic meeting in Praia")
        assert "Thematic meeting in Praia" in text(client, url("meetings:list"))
        meeting.title_en = "Thematic meeting in Mindelo"
        meeting.save()
        assert "Thematic meeting in Mindelo" in text(client, url("meetings:list"))
        assert "Mindelo" in text(client, url("meetings:detail", slug=meeting.slug))

    def test_a_new_co_chair(self, client):
        meeting = MeetingFactory()
        assert "Cabo Verde" not in text(client, url("meetings:detail", slug=meeting.slug))
        MeetingRoleFactory(meeting=meeting, partner=CountryFactory(name="Cabo Verde"))
        assert "Cabo Verde" in text(client, url("meetings:detail", slug=meeting.slug))

    def test_a_link_added_to_a_many_to_many_relation(self, client):
        meeting = MeetingFactory()
        senegal = CountryFactory(name="Senegal")
        assert "Senegal" not in text(client, url("meetings:detail", slug=meeting.slug))
        meeting.participants.add(senegal)
        assert "Senegal" in text(client, url("meetings:detail", slug=meeting.slug))

    def test_a_deleted_meeting(self, client):
        meeting = MeetingFactory(title="Cancelled and removed")
        assert "Cancelled and removed" in text(client, url("meetings:list"))
        detail = url("meetings:detail", slug=meeting.slug)
        text(client, detail)
        meeting.delete()
        assert "Cancelled and removed" not in text(client, url("meetings:list"))
        assert client.get(detail).status_code == 404

    def test_a_published_recommendation_changes_the_key_figures(self, client):
        meeting = MeetingFactory()
        RecommendationFactory(meeting=meeting)
        home = url("home")
        assert "Recommendations issued</dt><dd>1<" in text(client, home)
        RecommendationFactory(meeting=meeting)
        assert "Recommendations issued</dt><dd>2<" in text(client, home)

    def test_a_new_partner_appears_in_the_filters(self, client):
        text(client, url("meetings:list"))
        CountryFactory(name="Liechtenstein")
        assert "Liechtenstein" in text(client, url("meetings:list") + "?kind=workshop")

    def test_a_change_made_in_a_transaction_is_retired_again_at_commit(
        self, client, django_capture_on_commit_callbacks
    ):
        meeting = MeetingFactory(title="Before")
        with django_capture_on_commit_callbacks() as callbacks:
            meeting.title_en = "After"
            meeting.save()
            during = page_cache.generation()
        assert page_cache.clear_page_cache in callbacks
        for callback in callbacks:
            callback()
        assert page_cache.generation() != during

    def test_private_records_leave_the_public_pages_cached(self):
        thread = PostFactory().thread
        before = page_cache.generation()
        PostFactory(thread=thread, author=thread.author)
        assert page_cache.generation() == before


class TestOneBoundary:
    """What is kept is bounded, so that no visitor can fill the cache."""

    def test_free_text_searches_are_not_kept(self, client):
        MeetingFactory(title="Border management in Dakar")
        address = url("meetings:list") + "?q=border"
        assert "Border management" in text(client, address)
        assert rendered_anew(client, address)
        assert not page_cache.local_cache.entries

    def test_a_flood_of_random_searches_keeps_nothing(self, client):
        MeetingFactory()
        for number in range(200):
            text(client, url("recommendations:list") + f"?q=word{number}")
            text(client, url("meetings:list") + f"?q=word{number}&kind=webinar")
        assert not page_cache.local_cache.entries

    def test_pages_that_list_nothing_are_not_kept(self, client):
        MeetingFactory(kind="webinar")
        empty = url("meetings:list") + "?kind=workshop"
        assert "No meeting matches these filters" in text(client, empty)
        assert rendered_anew(client, empty)
        text(client, url("meetings:list") + "?kind=webinar")
        assert not rendered_anew(client, url("meetings:list") + "?kind=webinar")

    def test_the_variants_of_one_page_kept_are_bounded(self, client, monkeypatch):
        monkeypatch.setattr(page_cache, "MAX_VARIANTS", 5)
        MeetingFactory(start=datetime.date(2020, 5, 1))
        years = [url("meetings:list") + f"?date_to={year}-12-31" for year in range(2020, 2040)]
        for address in years:
            text(client, address)
        assert len(page_cache.local_cache.entries) == 5
        assert not rendered_anew(client, years[0])
        assert rendered_anew(client, years[-1])
        # The page without filters is always kept.
        text(client, url("meetings:list"))
        assert not rendered_anew(client, url("meetings:list"))

    def test_only_bytes_are_kept(self, client):
        MeetingFactory()
        text(client, url("meetings:list"))
        (page,) = page_cache.local_cache.entries.values()
        assert isinstance(page.content, bytes)
        assert all(isinstance(value, str) for value in page.headers.values())

    def test_every_model_is_declared_public_or_private(self):
        undeclared = []
        for app in ("governance", "meetings", "recommendations", "news"):
            config = apps.get_app_config(app)
            declared = {*config.public_models, *config.private_models}
            assert not set(config.public_models) & set(config.private_models)
            for model in config.get_models():
                if hasattr(model, "instance_type"):  # a model of the history
                    continue
                if model._meta.model_name not in declared:
                    undeclared.append(model._meta.label)
        assert undeclared == []


class TestRetiredByEveryKindOfEdit:
    def test_an_edit_in_the_admin(self, client):
        from tests.test_history import edit_in_admin

        meeting = MeetingFactory(title="Before the admin")
        address = url("meetings:detail", slug=meeting.slug)
        assert "Before the admin" in text(client, address)
        clerk = Client()
        clerk.force_login(SecretariatUserFactory())
        assert edit_in_admin(clerk, meeting, title_en="After the admin").status_code == 302
        assert "After the admin" in text(client, address)

    def test_the_reference_data_loader(self, client):
        assert "Senegal" not in text(client, url("governance:partner-list"))
        call_command("load_reference_data", verbosity=0)
        assert "Senegal" in text(client, url("governance:partner-list"))

    def test_an_import_from_a_sheet(self, client):
        from tests.test_admin_exchange import confirm, sheet, upload

        meeting = MeetingFactory(slug="imported", title="Before the import")
        address = url("meetings:detail", slug=meeting.slug)
        assert "Before the import" in text(client, address)
        clerk = Client()
        clerk.force_login(SecretariatUserFactory())
        row = {
            "slug": "imported",
            "title_en": "After the import",
            "kind": meeting.kind,
            "status": meeting.status,
            "start": meeting.start.isoformat(),
            "co_chairs": "",
        }
        preview = upload(clerk, "meetings_meeting", sheet([row]))
        confirm(clerk, "meetings_meeting", preview)
        assert "After the import" in text(client, address)


def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
class TestAcrossProcesses:
    REDIS_URL = "redis://127.0.0.1:6379/14"

    @pytest.fixture
    def redis_cache(self, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": self.REDIS_URL,
                # As settings.py configures it from REDIS_URL, in the other process.
                "KEY_PREFIX": "rabat",
            }
        }
        cache.clear()
        yield
        cache.clear()

    def test_pages_retired_by_another_process_are_rendered_anew(self, client, redis_cache):
        meeting = MeetingFactory(title="Before")
        address = url("meetings:detail", slug=meeting.slug)
        assert "Before" in text(client, address)
        type(meeting).objects.filter(pk=meeting.pk).update(title_en="After")
        assert "Before" in text(client, address)
        retire = "from core.page_cache import clear_page_cache; clear_page_cache()"
        result = manage_in_subprocess(
            "shell", "--no-imports", "-c", retire, REDIS_URL=self.REDIS_URL
        )
        assert result.returncode == 0, result.stderr
        assert "After" in text(client, address)

    def test_pages_render_when_redis_cannot_be_reached(self, client, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
            }
        }
        MeetingFactory(title="Shown without Redis")
        assert "Shown without Redis" in text(client, url("meetings:list"))


class TestLocalCache:
    """The pages each process keeps in its own memory, found under the current generation."""

    def test_an_entry_is_found_under_its_own_key_only(self):
        local = page_cache.LocalCache(max_bytes=1000)
        local.put("page:one:home", page_cache.StoredPage(b"<p>home</p>", {}))
        assert local.get("page:one:home") == (b"<p>home</p>", {})
        assert local.get("page:two:home") is None

    def test_the_least_recently_used_pages_go_first(self):
        local = page_cache.LocalCache(max_bytes=10)
        local.put("a", page_cache.StoredPage(b"aaaa", {}))
        local.put("b", page_cache.StoredPage(b"bbbb", {"Content-Type": "text/html"}))
        local.get("a")
        local.put("c", page_cache.StoredPage(b"cccc", {}))
        assert local.get("b") is None
        assert local.get("a").content == b"aaaa"
        assert local.get("c").content == b"cccc"
        assert local.size == 8
        local.put("huge", page_cache.StoredPage(b"x" * 11, {}))
        assert local.get("huge") is None

    def test_a_page_in_memory_is_not_fetched_again(self, client, monkeypatch):
        MeetingFactory(title="Kept in this process")
        text(client, url("meetings:list"))
        asked = []

        class Recording:
            def __getattr__(self, operation):
                return getattr(cache, operation)

            def get(self, key, *args, **kwargs):
                asked.append(key)
                return cache.get(key, *args, **kwargs)

        monkeypatch.setattr(page_cache, "cache", Recording())
        assert "Kept in this process" in text(client, url("meetings:list"))
        assert asked == [page_cache.GENERATION_KEY]

    def test_a_page_of_another_generation_is_not_served_from_memory(self, client):
        meeting = MeetingFactory(title="Before")
        text(client, url("meetings:list"))
        type(meeting).objects.filter(pk=meeting.pk).update(title_en="After")
        page_cache.clear_page_cache()
        assert "After" in text(client, url("meetings:list"))
