import os
import signal
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from core import page_cache
from governance.groups import FOCAL_POINTS, SECRETARIAT, ensure_groups
from pages.models import Page

WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)

# Property-based tests try a few examples in `make test`, and many in `make fuzz`.
hypothesis_settings.register_profile("quick", max_examples=15)
hypothesis_settings.register_profile("deep", max_examples=100)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(autouse=True)
def groups_survive_flushes(request, django_db_setup, django_db_blocker):
    """The groups and the institutional pages that migrations create, present for every
    test that uses the database: a test on a transactional database (the browser tests,
    the migrations) ends with a flush, which empties them for the tests that follow on the
    same worker. Created before the test's own transaction, as the migrations created
    them."""
    uses_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_database:
        with django_db_blocker.unblock():
            if Group.objects.filter(name__in=(SECRETARIAT, FOCAL_POINTS)).count() < 2:
                ensure_groups()
            if not Page.objects.exists():
                import_module("pages.migrations.0002_the_pages").create_pages(apps, None)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Tests read English unless they switch language themselves."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def file_storage(settings, tmp_path):
    """Uploaded and protected files go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "protected"
    return tmp_path


@pytest.fixture(autouse=True)
def no_video_host(monkeypatch):
    """Tests never reach a video's host: they say what it answers (``video_host``)."""

    def unreachable(address):
        raise OSError(f"no network in tests: {address}")

    monkeypatch.setattr("meetings.thumbnails.fetch", unreachable)


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache of its own: the database rolls back, the cache
    would not; and a REDIS_URL in the environment must not lead tests to empty a real one."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    cache.clear()
    page_cache.local_cache.clear()


@pytest.fixture
def page_cache_off(settings):
    """Every page rendered anew, from the parts that stay cached."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def run_worker(monkeypatch):
    """Run the background worker as production does (``manage.py db_worker``) until no task
    is ready, then give the signal handlers it installs back to the test run. Between tasks
    the worker closes database connections it finds stale, as a request does; here the one
    connection holds the test's transaction, which must stay open."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
        try:
            call_command(
                "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
            )
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
