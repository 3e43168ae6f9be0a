"""Cached public pages: served again without a query, and never stale after an edit."""

import datetime

import pytest
from django.core.cache import cache

from rabatprocess import page_cache
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    MeetingFactory,
    MeetingRoleFactory,
    PostFactory,
    PresidencyFactory,
    RecommendationFactory,
)
from tests.helpers import manage_in_subprocess, url

pytestmark = pytest.mark.django_db


def text(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


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

    def test_an_unknown_parameter_is_never_kept(self, client, django_assert_num_queries):
        MeetingFactory()
        tracked = url("meetings:list") + "?kind=thematic_meeting&utm_source=newsletter"
        text(client, tracked)
        # The keys of the page of meetings, read again (their count and entries are kept).
        with django_assert_num_queries(1):
            text(client, tracked)
        text(client, url("meetings:list") + "?kind=thematic_meeting")
        with django_assert_num_queries(0):
            text(client, url("meetings:list") + "?kind=thematic_meeting")

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

    def test_shared_figures_are_counted_anew_each_day(self, monkeypatch):
        counted = []
        page_cache.cached("figures", lambda: counted.append(1) or "first day")
        assert page_cache.cached("figures", lambda: "recounted") == "first day"
        monkeypatch.setattr(page_cache.timezone, "localdate", lambda: datetime.date(2099, 1, 1))
        assert page_cache.cached("figures", lambda: "recounted") == "recounted"

    def test_nothing_is_kept_when_the_page_cache_is_off(
        self, client, settings, django_assert_num_queries
    ):
        settings.PAGE_CACHE_ENABLED = False
        MeetingFactory()
        text(client, url("meetings:list"))
        # The keys of the page of meetings, read again; the rest comes from the cache.
        with django_assert_num_queries(1):
            text(client, url("meetings:list"))

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
                "BACKEND": "rabatprocess.redis_cache.RedisCache",
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
        retire = "from rabatprocess.page_cache import clear_page_cache; clear_page_cache()"
        result = manage_in_subprocess(
            "shell", "--no-imports", "-c", retire, REDIS_URL=self.REDIS_URL
        )
        assert result.returncode == 0, result.stderr
        assert "After" in text(client, address)

    def test_every_operation_shares_one_client(self, redis_cache):
        cache.set_many({"a": 1, "b": [2]})
        assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": [2]}
        assert cache.add("a", 3) is False
        cache.delete("a")
        assert cache.get("a") is None
        first, *others = [cache._cache.get_client("a", write=w) for w in (True, False, True)]
        assert all(client is first for client in others)


class TestLocalCache:
    def test_an_entry_is_found_under_its_own_key_only(self):
        local = page_cache.LocalCache(max_bytes=1000)
        local.put("response:one:home", page_cache.StoredPage(b"<p>home</p>", {}))
        assert local.get("response:one:home") == (b"<p>home</p>", {})
        assert local.get("response:two:home") is None

    def test_the_least_recently_used_entries_go_first(self):
        local = page_cache.LocalCache(max_bytes=10)
        local.put("a", "aaaa")
        local.put("b", page_cache.StoredPage(b"bbbb", {"Content-Type": "text/html"}))
        local.get("a")
        local.put("c", "cccc")
        assert local.get("b") is None
        assert local.get("a") == "aaaa"
        assert local.get("c") == "cccc"
        assert local.size == 8
        local.put("huge", "x" * 11)
        assert local.get("huge") is None

    def test_other_values_weigh_what_they_take_in_the_shared_cache(self):
        local = page_cache.LocalCache(max_bytes=100)
        local.put("figures", {"meetings": 10_000, "recommendations": 100_000})
        assert 0 < local.size < 100
        local.put("plan", list(range(1000)))
        assert local.get("plan") is None

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

    def test_parts_of_pages_in_memory_are_not_fetched_again(self, client, settings, monkeypatch):
        settings.PAGE_CACHE_ENABLED = False
        senegal = CountryFactory(name="Senegal", slug="senegal")
        MeetingRoleFactory(meeting__title="Listed", partner=senegal)
        address = url("meetings:list") + "?kind=thematic_meeting"
        text(client, address)
        asked = []

        class Recording:
            def __getattr__(self, operation):
                def recorded(*args, **kwargs):
                    asked.append(operation)
                    return getattr(cache, operation)(*args, **kwargs)

                return recorded

        monkeypatch.setattr(page_cache, "cache", Recording())
        page = text(client, address)
        assert "Listed" in page
        assert '<option value="senegal">Senegal</option>' in page
        assert asked == ["get"]


@pytest.mark.usefixtures("page_cache_off")
class TestKeptEntries:
    """Entries of lists kept rendered: only the records of those not kept are read."""

    def test_a_list_whose_entries_are_kept_reads_their_keys_only(
        self, client, django_assert_num_queries
    ):
        for title in ("Praia", "Rabat", "Dakar"):
            MeetingRoleFactory(meeting__title=f"Meeting in {title}")
        text(client, url("meetings:list"))
        # The keys of the page; their count is kept too.
        with django_assert_num_queries(1):
            page = text(client, url("meetings:list"))
        assert all(f"Meeting in {title}" in page for title in ("Praia", "Rabat", "Dakar"))

    def test_only_the_entries_not_kept_are_rendered(self):
        rendered = []

        def render(keys):
            rendered.append(keys)
            # The record 2 was deleted since its key was read.
            return {key: f"<li>{key}</li>" for key in keys if key != 2}

        first = page_cache.cached_fragments("entry", [1, 2, 3], render)
        assert first == {1: "<li>1</li>", 3: "<li>3</li>"}
        assert page_cache.cached_fragments("entry", [3, 4, 1], render) == {
            3: "<li>3</li>",
            4: "<li>4</li>",
            1: "<li>1</li>",
        }
        assert rendered == [[1, 2, 3], [4]]

    def test_a_presidency_reads_its_meetings_rows_once(self, client, django_assert_num_queries):
        presidency = PresidencyFactory(
            start=datetime.date(2024, 1, 1), end=datetime.date(2025, 1, 1)
        )
        MeetingRoleFactory(meeting__title="Held in 2024", meeting__start=datetime.date(2024, 5, 1))
        address = url("governance:presidency-detail", pk=presidency.pk)
        text(client, address)
        # The presidencies, the meetings' keys and kinds, their outcomes, the framework.
        with django_assert_num_queries(4):
            assert "Held in 2024" in text(client, address)

    def test_paging_through_a_list_counts_it_once_until_the_data_changes(
        self, client, django_assert_num_queries
    ):
        for number in range(25):
            MeetingFactory(kind="webinar", title=f"Webinar {number}")
        MeetingFactory(kind="workshop")
        webinars = url("meetings:list") + "?kind=webinar"
        assert "25 meetings" in text(client, webinars)
        assert "26 meetings" in text(client, url("meetings:list"))
        with django_assert_num_queries(3) as captured:
            page = text(client, webinars + "&page=2")
        assert "25 meetings" in page
        assert not any("COUNT(" in query["sql"] for query in captured)
        MeetingFactory(kind="webinar")
        assert "26 meetings" in text(client, webinars + "&page=2")
