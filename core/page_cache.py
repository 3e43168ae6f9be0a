"""Whole public pages, kept for anonymous visitors until the data changes.

This is the one place where the platform caches: views, forms and templates know nothing
of it. A page is kept as bytes under its address (scheme, host, path and query string),
its language, today's date (pages say "upcoming", and embargoes lift by date), the
release of the code that rendered it, and the site's *generation*: a random token in the
shared cache, replaced whenever a record that public pages show is saved, deleted or
relinked. Every process reads the generation from the shared cache (Redis in
production), so an edit made through one server retires the pages of all; a deploy
retires them too, through the release. A lost or evicted generation only costs misses,
never a stale page; an unreachable cache only costs speed.

What is not kept, so that no visitor can fill the cache: pages for signed-in people,
addresses with a parameter the page does not take, free-text searches, pages that list
nothing, and more than ``MAX_VARIANTS`` addresses of one path in one generation.

Each app says which of its models public pages show (``public_models`` on its AppConfig)
and which they do not (``private_models``); a test checks that every model is in one.
"""

import collections
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
# Pages of a retired generation are never read again: the timeout bounds how long they
# occupy the cache (whose eviction policy frees them sooner when memory runs short).
PAGE_TIMEOUT = 6 * 3600
# Addresses of one path (its filter combinations and pages) kept in one generation.
MAX_VARIANTS = 200

# A rendered page as kept in the cache: its bytes and its headers.
StoredPage = collections.namedtuple("StoredPage", ["content", "headers"])


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
    token = _shared("get", GENERATION_KEY)
    if token is None:
        # Another process may add it first: read whichever won.
        _shared("add", GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = _shared("get", GENERATION_KEY)
    return token


def clear_page_cache():
    """Retire every kept page, in every process that shares the cache. Saving, deleting
    and relinking records does it; call it after ``QuerySet.update()`` or raw SQL."""
    _shared("set", GENERATION_KEY, uuid.uuid4().hex, timeout=None)


class LocalCache:
    """The pages this process kept or read last, up to ``max_bytes``.

    Every key holds the generation, which each request reads from the shared cache: a
    page here is found only while its generation is current, so it is as fresh as the
    shared copy, and costs no second round trip. Pages of retired generations are never
    read again and leave as the least recently used.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = collections.OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.entries.get(key)
            if page is not None:
                self.entries.move_to_end(key)
            return page

    def put(self, key, page):
        weight = len(page.content)
        if weight > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            if previous is not None:
                self.size -= len(previous.content)
            self.entries[key] = page
            self.size += weight
            while self.size > self.max_bytes:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted.content)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


local_cache = LocalCache(max_bytes=32 * 1024 * 1024)


def _prefix(token):
    day = timezone.localdate().isoformat()
    return f"page:{settings.RELEASE}:{token}:{translation.get_language()}:{day}"


def page_key(request, token):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{_prefix(token)}:{hashlib.sha256(address.encode()).hexdigest()}"


def cache_public_page(view, parameters=(), searches=("q",)):
    """Serve the page from the cache to anonymous visitors; render and keep it otherwise.

    ``parameters`` are the query-string parameters the page takes (its filters and page
    number); ``searches`` those among them that hold free text.
    """
    allowed = frozenset(parameters)

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        token = generation()
        if token is None or not _may_use_cache(request, allowed, searches):
            return view(request, *args, **kwargs)
        key = page_key(request, token)
        stored = _read(key)
        if stored is not None:
            return HttpResponse(stored.content, headers=stored.headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _can_keep(request, response) and _room_for(request, token):
            page = StoredPage(response.content, dict(response.headers))
            _shared("set", key, page, PAGE_TIMEOUT)
            local_cache.put(key, page)
        return response

    return cached_view


def _read(key):
    page = local_cache.get(key)
    if page is None:
        page = _shared("get", key)
        if page is not None:
            local_cache.put(key, page)
    return page


def _may_use_cache(request, allowed, searches):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and allowed.issuperset(request.GET)
        and not any(request.GET.get(name, "").strip() for name in searches)
        and not _signed_in(request)
    )


def _signed_in(request):
    # No session, no one signed in: the user is then not looked up, which would cost a
    # kept page as much as its round trip to the cache.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def _can_keep(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that carries a CSRF token is personal to its visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not _lists_nothing(response)
    )


def _lists_nothing(response):
    """Whether the page is a list with nothing in it: any filter combination that
    matches nothing would otherwise be one more page to keep."""
    context = getattr(response, "context_data", None) or {}
    object_list = context.get("object_list")
    return object_list is not None and len(object_list) == 0


def _room_for(request, token):
    """Whether one more address of this path may be kept in this generation; the path's
    own address, without a query string, always may."""
    if not request.GET:
        return True
    counter = f"{_prefix(token)}:variants:{request.path}"
    _shared("add", counter, 0, PAGE_TIMEOUT)
    count = _shared("incr", counter)
    return count is not None and count <= MAX_VARIANTS


def is_public(model):
    """Whether public pages show records of ``model``, as its app declares. A version in
    the history is not: it is written with its record, whose own change retires pages."""
    return model._meta.model_name in getattr(model._meta.app_config, "public_models", ())


def _data_changed(sender, **kwargs):
    # A changed link has a record on either side: the instance and ``model``.
    models = [type(kwargs["instance"]), *([kwargs["model"]] if "model" in kwargs else [])]
    if not any(is_public(model) for model in models):
        return
    # Now, for the rest of this transaction; and again at commit, so that a page rendered
    # from the old rows in the meantime is not kept under the new generation.
    clear_page_cache()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(clear_page_cache)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-cache-{signal}")
