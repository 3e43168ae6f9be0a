"""Django's Redis cache backend, with one Redis client per connection pool.

Django builds a new ``redis.Redis`` for every cache operation, and redis-py fills a table
of some 170 response callbacks for each: about as much time as the round trip to Redis
itself, on every request that reads a cached page. A client is safe to share between
threads (each command takes a connection from the pool), so one per pool serves all.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
