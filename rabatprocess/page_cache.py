"""Rendered public pages, kept in the cache until the data changes.

A page is stored under its address (host, path and query string), its language and
today's date (pages say "upcoming", and embargoes lift by date), with the site's
*generation* it was rendered in: a random token kept in the cache, replaced whenever a
record that public pages show is saved or deleted, or its links change. Every process
reads the generation from the shared cache (Redis in production), so an edit made through
one server retires the pages of all: a page of another generation is rendered anew. A
lost or evicted generation only costs misses, never a stale page; an unreachable cache
only costs speed.

Only anonymous visitors get cached pages: a signed-in person sees "Private area" in the
navigation and may see restricted documents.
"""

import collections
import contextvars
import functools
import hashlib
import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Entries of a retired generation are never read again: the timeout bounds how long they
# occupy the cache (whose eviction policy frees them sooner when memory runs short).
PAGE_TIMEOUT = 6 * 3600
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

# The generation read when a public page's request began: every part of the page is read
# and kept under it, and the shared cache is asked once.
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)


def _shared(operation, *args, **kwargs):
    """An operation on the shared cache; None if the cache cannot be reached."""
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except Exception:
        logger.warning("The cache could not be reached; pages are rendered anew.", exc_info=True)
        return None


def generation():
    """The current generation, or None when the cache cannot be reached (nothing is then
    read from it or kept in it)."""
    token = _request_generation.get()
    if token is not None:
        return token
    token = _shared("get", GENERATION_KEY)
    if token is None:
        # Another process may add it first: read whichever won.
        _shared("add", GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = _shared("get", GENERATION_KEY)
    return token


def clear_page_cache():
    """Retire every cached page, in every process that shares the cache."""
    _shared("set", GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _prefix(kind, token):
    return f"{kind}:{token}:{translation.get_language()}:{timezone.localdate().isoformat()}"


def cached(name, compute):
    """``compute()``, kept until the data changes, per language and day: for parts of
    pages that many pages share, such as the key figures or the options of filters."""
    token = generation()
    if token is None:
        return compute()
    key = f"{_prefix('data', token)}:{name}"
    value = _shared("get", key)
    if value is None:
        value = compute()
        _shared("set", key, value, PAGE_TIMEOUT)
    return value


def cached_fragments(name, objects, render):
    """The HTML of each of ``objects``, kept until the data changes, per language and day:
    read in one round trip; ``render(missing)`` gives those not found, in order."""
    token = generation()
    if token is None:
        return render(list(objects))
    keys = [f"{_prefix('fragment', token)}:{name}:{obj.pk}" for obj in objects]
    found = _shared("get_many", keys) or {}
    missing = [(key, obj) for key, obj in zip(keys, objects, strict=True) if key not in found]
    if missing:
        rendered = render([obj for _key, obj in missing])
        new = {key: html for (key, _obj), html in zip(missing, rendered, strict=True)}
        _shared("set_many", new, PAGE_TIMEOUT)
        found.update(new)
    return [found[key] for key in keys]


class LocalPages:
    """The pages this process kept or read last, up to ``max_bytes``: a page found here is
    served after one small round trip to the shared cache (its generation) instead of
    carrying the whole page from it. An entry counts only under the current generation."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = collections.OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, token):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != token:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        weight = len(entry[1])
        if weight > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            if previous is not None:
                self.size -= len(previous[1])
            self.entries[key] = entry
            self.size += weight
            while self.size > self.max_bytes:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted[1])


local_pages = LocalPages(max_bytes=32 * 1024 * 1024)


def page_key(request, token):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{_prefix('page', token)}:{hashlib.sha256(address.encode()).hexdigest()}"


def cache_public_page(view, parameters=()):
    """Serve the page from the cache to anonymous visitors; render and keep it otherwise.

    Only addresses whose query string uses ``parameters`` (the page's filters) are kept:
    any other key would let anyone fill the cache with copies of a page. A page is stored
    in the shared cache and in this process's :class:`LocalPages`, with its generation.
    """
    allowed = frozenset(parameters)

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        token = generation()
        reset = _request_generation.set(token)
        try:
            if token is None or not _may_use_cache(request, allowed):
                return view(request, *args, **kwargs)
            key = page_key(request, token)
            stored = local_pages.get(key, token)
            if stored is None:
                stored = _shared("get", key)
                if stored is not None:
                    local_pages.put(key, stored)
            if stored is not None:
                _token, content, headers = stored
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if _can_keep(request, response):
                stored = (token, response.content, dict(response.headers))
                _shared("set", key, stored, PAGE_TIMEOUT)
                local_pages.put(key, stored)
            return response
        finally:
            _request_generation.reset(reset)

    return cached_view


def _may_use_cache(request, allowed):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and allowed.issuperset(request.GET)
        and not request.user.is_authenticated
    )


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
