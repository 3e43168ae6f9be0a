"""Rendered public pages, kept in the cache until the data changes.

A page is stored under its path and query string, its language and today's date (pages
say "upcoming", and embargoes lift by date), with the site's *generation* it was
rendered in: a random token kept in the cache, replaced whenever a record that public
pages show is saved or deleted, or its links change. Every process reads the generation
from the shared cache (Redis in production), so an edit made through one server retires
the pages of all: a page of another generation is rendered anew. A lost or evicted
generation only costs misses, never a stale page.

Only anonymous visitors get cached pages: a signed-in person sees "Private area" in the
navigation and may see restricted documents.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

GENERATION_KEY = "page-cache:generation"
# Pages stay until the data changes; the timeout only bounds what an unused page occupies.
PAGE_TIMEOUT = 24 * 3600
APPS_SHOWN_IN_PUBLIC = frozenset({"governance", "meetings", "recommendations"})
# Records of those apps that no public page shows: the private area is never cached.
PRIVATE_MODELS = frozenset(
    {
        "governance.focalpoint",
        "recommendations.forum",
        "recommendations.thread",
        "recommendations.post",
    }
)


def generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def clear_page_cache():
    """Retire every cached page, in every process that shares the cache."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def cached(name, compute):
    """``compute()``, kept until the data changes, per language: for parts of pages that
    many pages share, such as the option lists of filters."""
    key = f"data:{generation()}:{translation.get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def cached_fragments(name, objects, render):
    """The HTML of each of ``objects``, kept until the data changes, per language: read in
    one round trip to the cache; ``render(missing)`` gives those not found, in order."""
    prefix = f"fragment:{generation()}:{translation.get_language()}:{name}:"
    keys = [f"{prefix}{obj.pk}" for obj in objects]
    found = cache.get_many(keys)
    missing = [(key, obj) for key, obj in zip(keys, objects, strict=True) if key not in found]
    if missing:
        rendered = render([obj for _key, obj in missing])
        new = {key: html for (key, _obj), html in zip(missing, rendered, strict=True)}
        cache.set_many(new, PAGE_TIMEOUT)
        found.update(new)
    return [found[key] for key in keys]


def page_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"page-cache:{translation.get_language()}:{day}:{path}"


def cache_public_page(view):
    """Serve the page from the cache to anonymous visitors; render and keep it otherwise.

    A page is stored with the generation it was rendered in, and read together with the
    current generation in one round trip to the cache.
    """

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if (
            not settings.PAGE_CACHE_ENABLED
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        token = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is not None and stored[0] == token:
            _token, content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _can_keep(request, response):
            cache.set(key, (token, response.content, dict(response.headers)), PAGE_TIMEOUT)
        return response

    return cached_view


def _can_keep(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that carries a CSRF token is personal to its visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _data_changed(sender, **kwargs):
    # A version in the history stands for its record (simple-history's instance_type).
    model = getattr(sender, "instance_type", sender)
    if model._meta.app_label not in APPS_SHOWN_IN_PUBLIC:
        return
    if model._meta.label_lower in PRIVATE_MODELS:
        return
    # Now, for the rest of this transaction; and again at commit, so that a page rendered
    # from the old rows in the meantime is not kept under the new generation.
    clear_page_cache()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(clear_page_cache)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-cache-{signal}")
