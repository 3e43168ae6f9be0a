import os

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from core import page_cache

# Property-based tests try a few examples in `make test`, and many in `make fuzz`.
hypothesis_settings.register_profile("quick", max_examples=15)
hypothesis_settings.register_profile("deep", max_examples=100)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


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
