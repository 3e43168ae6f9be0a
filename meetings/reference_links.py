"""A meeting's links to reference records: the partners taking part, the frameworks and
the levels of their plans.

A meeting's page shows them all. Read as five prefetches, they cost five queries that
the ORM must build, each a millisecond and more of Python; yet the records are the few
hundred of the reference data, which every page shows again and again. So the keys of
the links are read in one query, and the records are found among all of them, kept in
the cache until the data changes, in the order the database gives them.
"""

from django.db.models import Value

from governance.models import Action, Domain, Framework, Objective, Partner
from rabatprocess.page_cache import cached

# Each many-to-many field of a meeting read this way, and the records it may lead to, as
# a prefetch of it would read them.
LINKED_RECORDS = {
    "participants": lambda: Partner.objects.all(),
    "frameworks": lambda: Framework.objects.all(),
    "domains": lambda: Domain.objects.select_related("framework"),
    "plan_objectives": lambda: Objective.objects.select_related("framework"),
    "actions": lambda: Action.objects.select_related("framework"),
}


def prefetch_reference_links(meeting):
    """Fill ``meeting.participants.all()``, ``.frameworks.all()``, ``.domains.all()``,
    ``.plan_objectives.all()`` and ``.actions.all()`` as ``prefetch_related`` would,
    in one query."""
    keys = {name: set() for name in LINKED_RECORDS}
    for name, key in _link_keys(meeting):
        keys[name].add(key)
    # The prefetch cache is where related managers look before querying, and what
    # prefetch_related_objects fills in the same way.
    prefetched = meeting.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, read in LINKED_RECORDS.items():
        records = _kept_records(name, read)
        queryset = getattr(meeting, name).get_queryset()
        queryset._result_cache = [record for record in records if record.pk in keys[name]]
        queryset._prefetch_done = True
        prefetched[name] = queryset


def _link_keys(meeting):
    """(field name, key of the linked record) of every link of ``meeting``."""
    queries = []
    for name in LINKED_RECORDS:
        field = meeting._meta.get_field(name)
        queries.append(
            field.remote_field.through.objects.filter(**{field.m2m_field_name(): meeting.pk})
            .annotate(link=Value(name))
            .values_list("link", field.m2m_reverse_field_name())
        )
    first, *others = queries
    return first.union(*others, all=True)


def _kept_records(name, read):
    return cached(f"linked-records:{name}", lambda: list(read()))
