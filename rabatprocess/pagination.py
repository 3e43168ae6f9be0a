"""Pages of long lists."""

from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Paginator

from rabatprocess.page_cache import cached, cached_fragments


class KeysFirstPaginator(Paginator):
    """Reads the keys of a page's rows first, then those rows only when they are needed.

    A deep page skips thousands of rows: in an index of keys that costs little, in the
    whole rows (forty columns and their joins) it costs milliseconds per hundred rows.
    And a list whose entries are kept rendered (``cached_fragments``) needs only the rows
    of the entries not rendered yet: see :class:`PageRows`. ``object_list`` must be a
    queryset.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(PageRows(self.object_list, keys), number, self)


class PageRows(Sequence):
    """The rows of one page, in the list's order, read when first used; ``keys`` are
    known from the start."""

    def __init__(self, queryset, keys):
        self.queryset = queryset
        self.keys = keys

    @cached_property
    def rows(self):
        return list(self.queryset.filter(pk__in=self.keys))

    def rendered(self, name, render):
        """The HTML of each row, kept until the data changes (``cached_fragments``):
        ``render(rows)`` gives it by key for the rows not kept, the only ones read."""
        return cached_fragments(
            name, self.keys, lambda keys: render(list(self.queryset.filter(pk__in=keys)))
        ).values()

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        return self.rows[index]


class FilteredPagesMixin:
    """For a ``FilterView``: pages read keys first (:class:`KeysFirstPaginator`), and the
    number of rows that its filters match is kept until the data changes, so that paging
    through a list counts it once. The filter set must have a ``fingerprint()``."""

    paginator_class = KeysFirstPaginator

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if not self.filterset.is_bound or self.filterset.is_valid():
            paginator.count = cached(f"count:{self.filterset.fingerprint()}", queryset.count)
        return paginator
