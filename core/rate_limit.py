"""Counting requests per person or per address, to refuse those that come too often.

The counters live in the cache store (Redis in production, shared by every process and
server), each for the length of its window. They are counters, not cached data: nothing
here is ever read in place of the database.
"""

import hashlib

from django.core.cache import cache


def within_limit(scope, key, *, limit, period):
    """Count one more request of ``key`` (an address, a client's IP) in ``scope``; whether
    it is within ``limit`` requests in the ``period`` seconds since its first one."""
    digest = hashlib.sha256(str(key).encode()).hexdigest()
    counter = f"rate:{scope}:{digest}"
    cache.add(counter, 0, timeout=period)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between the two calls
        cache.add(counter, 1, timeout=period)
        count = 1
    return count <= limit


def within_limits(scope, *, address, client_address, per_address, per_client, period=3600):
    """Count one more asking in ``scope`` for the e-mail ``address`` and from the client's
    IP ``client_address``; whether both are within their limits."""
    for_address = within_limit(
        f"{scope}-address", address.strip().lower(), limit=per_address, period=period
    )
    from_client = within_limit(f"{scope}-client", client_address, limit=per_client, period=period)
    return for_address and from_client
