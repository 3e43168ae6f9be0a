"""System checks of the deployment that Django's own do not cover."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
