"""System checks of the deployment that Django's own do not cover."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django_redis import get_redis_connection
from redis.exceptions import RedisError


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache lives inside each process: when several processes serve the site, "
                "an edit does not retire the pages that the others keep, and they serve them "
                "stale.",
                hint="Set REDIS_URL to a Redis server that every process shares.",
                id="core.W001",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def redis_memory_limit(app_configs, **kwargs):
    """Redis without ``maxmemory`` grows with every page kept until the server runs out of
    memory: the page cache is filled by anyone who asks for new addresses."""
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        return []
    try:
        limit = get_redis_connection("default").config_get("maxmemory").get("maxmemory")
    except RedisError:
        # Unreachable, or a managed Redis that hides its configuration: nothing to tell.
        return []
    if str(limit) == "0":
        return [
            Warning(
                "The Redis cache has no memory limit: it grows with every page kept until "
                "the server runs out of memory.",
                hint="Set maxmemory (e.g. 'maxmemory 512mb') and "
                "'maxmemory-policy allkeys-lru' in redis.conf.",
                id="core.W002",
            )
        ]
    return []
