"""System checks of the deployment: Redis without a memory limit is warned about."""

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from core.checks import redis_memory_limit

REDIS = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}


class FakeRedis:
    def __init__(self, maxmemory=None, error=None):
        self.maxmemory, self.error = maxmemory, error

    def config_get(self, name):
        if self.error:
            raise self.error
        return {name: self.maxmemory}


@pytest.fixture
def redis(settings, monkeypatch):
    settings.CACHES = {"default": REDIS}

    def use(connection):
        monkeypatch.setattr("core.checks.get_redis_connection", lambda alias: connection)

    return use


def test_redis_without_a_memory_limit_is_warned(redis):
    redis(FakeRedis(maxmemory="0"))
    (warning,) = redis_memory_limit(None)
    assert warning.id == "core.W002"
    assert "maxmemory" in warning.hint


def test_redis_with_a_memory_limit_is_not(redis):
    redis(FakeRedis(maxmemory="536870912"))
    assert redis_memory_limit(None) == []


@pytest.mark.parametrize(
    "error", [RedisConnectionError("refused"), ResponseError("unknown command 'CONFIG'")]
)
def test_an_unreachable_or_closed_redis_is_tolerated(redis, error):
    redis(FakeRedis(error=error))
    assert redis_memory_limit(None) == []


def test_without_redis_nothing_is_asked(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.setattr("core.checks.get_redis_connection", lambda alias: pytest.fail("asked"))
    assert redis_memory_limit(None) == []


def test_a_real_redis_that_does_not_answer_is_tolerated(settings):
    settings.CACHES = {"default": {**REDIS, "LOCATION": "redis://127.0.0.1:1/0"}}
    assert redis_memory_limit(None) == []
