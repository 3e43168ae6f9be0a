"""Links to reference records (partners, frameworks and the levels of their plans) read as
keys, and the records found among all of them, kept until the data changes.

A meeting's page shows the partners taking part and the parts of the plans it refers to;
a recommendation's page, those it is addressed to and refers to. Read as prefetches,
they cost a query each that the ORM must build, a millisecond and more of Python; yet the
records are the few hundred of the reference data, which every page shows again and
again. So the keys of a record's links are read in one query, and the records are
found among those kept in the cache, in the order the database gives them.
"""

from django.db.models import Value

from governance.models import Action, Domain, Framework, Objective, Partner
from rabatprocess.page_cache import cached

# How each model of the reference data is read to be kept: as a prefetch of it would.
KEPT_RECORDS = {
    Partner: lambda: Partner.objects.all(),
    Framework: lambda: Framework.objects.all(),
    Domain: lambda: Domain.objects.select_related("framework"),
    Objective: lambda: Objective.objects.select_related("framework"),
    Action: lambda: Action.objects.select_related("framework"),
}


def prefetch_linked_records(instance, *names):
    """Fill ``instance.<name>.all()`` for each of the many-to-many fields ``names``, which
    lead to reference records, as ``prefetch_related`` would, in one query."""
    keys = {name: set() for name in names}
    for name, key in _link_keys(instance, names):
        keys[name].add(key)
    # The prefetch cache is where related managers look before querying, and what
    # prefetch_related_objects fills in the same way.
    prefetched = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in names:
        records = kept_records(instance._meta.get_field(name).related_model)
        queryset = getattr(instance, name).get_queryset()
        queryset._result_cache = [record for record in records if record.pk in keys[name]]
        queryset._prefetch_done = True
        prefetched[name] = queryset


def kept_records(model):
    """Every record of ``model``, a model of the reference data, in its order."""
    return cached(f"kept-records:{model._meta.label}", lambda: list(KEPT_RECORDS[model]()))


def _link_keys(instance, names):
    """(field name, key of the linked record) of every link of ``instance`` through the
    many-to-many fields ``names``."""
    queries = []
    for name in names:
        field = instance._meta.get_field(name)
        queries.append(
            field.remote_field.through.objects.filter(**{field.m2m_field_name(): instance.pk})
            .annotate(link=Value(name))
            .values_list("link", field.m2m_reverse_field_name())
        )
    first, *others = queries
    return first.union(*others, all=True)
