"""Records that may not be deleted while anything refers to them.

Django protects a record from deletion through a foreign key declared ``PROTECT``; the
links of a many-to-many relation, and the records below it that a ``CASCADE`` would take
along, it removes without a word. A model with ``ProtectedWhileReferredTo`` and a
queryset with ``ProtectedWhileReferredToQuerySet`` refuse to delete a record that anything
refers to, one record or a queryset, with Django's ``ProtectedError`` raised before
anything is deleted; ``referrers(obj)`` names what refers to it, for the admin to say so.
"""

from django.db import models
from django.db.models import ProtectedError
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from simple_history.models import HistoricalChanges

# Records named per relation: enough to find them, few enough to read.
NAMED_PER_RELATION = 10


def referrers(obj):
    """The records that refer to ``obj`` and that Django would not protect it for: its
    reverse relations other than ``PROTECT`` foreign keys (which Django reports itself),
    the links of many-to-many relations included; versions of the history do not count."""
    found = []
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if model._meta.auto_created or issubclass(model, HistoricalChanges):
            continue
        if relation.on_delete is models.PROTECT:
            continue
        records = model._base_manager.filter(**{relation.field.name: obj}).distinct()
        found.extend(records.order_by("pk")[:NAMED_PER_RELATION])
    return found


def describe(record):
    return f"{capfirst(record._meta.verbose_name)}: {record}"


def refusal(obj, found):
    return gettext("“%(record)s” cannot be deleted while these refer to it: %(referrers)s.") % {
        "record": obj,
        "referrers": get_text_list([describe(record) for record in found], gettext("and")),
    }


def refuse_if_referred_to(records):
    for record in records:
        found = referrers(record)
        if found:
            raise ProtectedError(refusal(record, found), set(found))


class ProtectedWhileReferredToQuerySet:
    """QuerySet mixin."""

    def delete(self):
        refuse_if_referred_to(self)
        return super().delete()


class ProtectedWhileReferredTo:
    """Model mixin."""

    def delete(self, *args, **kwargs):
        refuse_if_referred_to([self])
        return super().delete(*args, **kwargs)
