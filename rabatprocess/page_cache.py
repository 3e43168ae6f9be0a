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
import pickle
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
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

# A rendered page as kept in the cache.
StoredPage = collections.namedtuple("StoredPage", ["content", "headers"])

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
    pages that many pages share, such as the key figures or the options of filters.

    Within a process every request gets the same object: its data must not be changed."""
    token = generation()
    if token is None:
        return compute()
    key = f"{_prefix('data', token)}:{name}"
    value = _read(key)
    if value is None:
        value = compute()
        _keep({key: value})
    return value


def cached_fragments(name, keys, render):
    """The HTML of the record with each of ``keys``, by key in their order, kept until
    the data changes, per language and day, and read in at most one round trip: a page
    whose records are all kept rendered reads nothing of them but their keys.

    ``render(missing)`` gives the HTML of the records whose keys were not found, by key;
    a record that it no longer finds (deleted meanwhile) is left out."""
    token = generation()
    if token is None:
        rendered = render(list(keys))
        return {key: rendered[key] for key in keys if key in rendered}
    cache_keys = {key: f"{_prefix('fragment', token)}:{name}:{key}" for key in keys}
    found = _read_many(list(cache_keys.values()))
    missing = [key for key, cache_key in cache_keys.items() if cache_key not in found]
    if missing:
        new = {cache_keys[key]: html for key, html in render(missing).items()}
        _keep(new)
        found.update(new)
    return {key: found[cache_keys[key]] for key in keys if cache_keys[key] in found}


def render_each(template_name, name, records):
    """The HTML of each of ``records`` by key, rendered by ``template_name`` with the
    record as ``name``: what ``cached_fragments`` asks of its ``render``."""
    return {record.pk: render_to_string(template_name, {name: record}) for record in records}


def cached_fragments_of(name, objects, render):
    """:func:`cached_fragments` of records already read: ``render(missing)`` is given
    the records whose HTML was not found."""
    by_key = {obj.pk: obj for obj in objects}
    return cached_fragments(
        name, [obj.pk for obj in objects], lambda keys: render([by_key[key] for key in keys])
    )


class LocalCache:
    """What this process kept or read last from the shared cache, up to ``max_bytes``.

    Every key holds the generation it was rendered in, which each request reads from the
    shared cache: an entry here is found only while its generation is current, so it is
    as fresh as the shared copy, and costs no round trip. Entries of retired generations
    are never read again and leave as the least recently used.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = collections.OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry[0]

    def put(self, key, value):
        weight = _weight(value)
        if weight > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            if previous is not None:
                self.size -= previous[1]
            self.entries[key] = (value, weight)
            self.size += weight
            while self.size > self.max_bytes:
                _key, (_value, evicted) = self.entries.popitem(last=False)
                self.size -= evicted

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


def _weight(value):
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, StoredPage):
        return len(value.content)
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


local_cache = LocalCache(max_bytes=32 * 1024 * 1024)


def _read(key):
    value = local_cache.get(key)
    if value is None:
        value = _shared("get", key)
        if value is not None:
            local_cache.put(key, value)
    return value


def _read_many(keys):
    found = {}
    for key in keys:
        value = local_cache.get(key)
        if value is not None:
            found[key] = value
    absent = [key for key in keys if key not in found]
    if absent:
        fetched = _shared("get_many", absent) or {}
        for key, value in fetched.items():
            local_cache.put(key, value)
        found.update(fetched)
    return found


def _keep(values):
    _shared("set_many", values, PAGE_TIMEOUT)
    for key, value in values.items():
        local_cache.put(key, value)


def page_key(request, token):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{_prefix('response', token)}:{hashlib.sha256(address.encode()).hexdigest()}"


def cache_public_page(view, parameters=()):
    """Serve the page from the cache to anonymous visitors; render and keep it otherwise.

    Only addresses whose query string uses ``parameters`` (the page's filters) are kept:
    any other key would let anyone fill the cache with copies of a page. A page is stored
    in the shared cache and in this process's :class:`LocalCache`.
    """
    allowed = frozenset(parameters)

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        token = generation()
        reset = _request_generation.set(token)
        try:
            if token is None or not _may_use_cache(request, allowed):
                return _rendered(view(request, *args, **kwargs))
            key = page_key(request, token)
            stored = _read(key)
            if stored is not None:
                return HttpResponse(stored.content, headers=stored.headers)
            response = _rendered(view(request, *args, **kwargs))
            if _can_keep(request, response):
                _keep({key: StoredPage(response.content, dict(response.headers))})
            return response
        finally:
            _request_generation.reset(reset)

    return cached_view


def _rendered(response):
    """The response, its template rendered now, while the request's generation is set:
    rendered later, each part of the page read from the cache would ask for it again."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _may_use_cache(request, allowed):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and allowed.issuperset(request.GET)
        and not _signed_in(request)
    )


def _signed_in(request):
    # No session, no one signed in: the user is then not looked up, which costs a cached
    # page as much as its round trip to the cache.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


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
