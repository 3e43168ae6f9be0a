"""Python's cyclic garbage collector, tuned for a server process that lives long.

Now and then the collector scans every object that it tracks. Once a process of this
site has loaded its templates, translations and URL patterns, it tracks some 150,000,
and each full scan held every request of the process for 100 to 300 ms on a small
server: the slowest responses measured by ``make bench`` were those pauses. So a server
process:

- lets its youngest generation reach 10,000 objects before collecting it, rather than
  700: a list page allocates thousands, and collections in the middle of requests moved
  the objects of the requests in flight to the older generations, which filled up and
  were scanned in full;
- once it has served its first requests, puts every object that it holds then, nearly
  all of which it keeps for its whole life, out of the collector's sight
  (``gc.freeze()``): later full scans only look at what was created since.

Reference counting frees objects as before, frozen or not; only a reference cycle among
the frozen objects would stay in memory, and those were never going to be released.
"""

import gc
import itertools

from django.core.signals import request_finished

YOUNG_GENERATION_THRESHOLD = 10_000
# By then the pages that a process serves have loaded what they need.
REQUESTS_BEFORE_FREEZE = 200

_served = itertools.count(1)


def tune_for_server():
    """Tune the collector of this process; called once, by the WSGI application."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
    request_finished.connect(
        freeze_after_warm_up, weak=False, dispatch_uid="garbage-collector-freeze"
    )


def freeze_after_warm_up(sender, **kwargs):
    # next() on a count is atomic: one thread of the process sees the number.
    if next(_served) == REQUESTS_BEFORE_FREEZE:
        request_finished.disconnect(dispatch_uid="garbage-collector-freeze")
        gc.collect()
        gc.freeze()
