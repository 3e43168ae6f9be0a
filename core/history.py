"""What the history of records keeps beyond django-simple-history's defaults, through its
documented switch (an instance's ``skip_history_when_saving``), its signals and Django's:

- adding links that are there already, or removing links that are gone, records nothing
  (the loader adds again the links it knows);
- rows loaded from a fixture or a backup come with their versions: loading them, their
  links included, records nothing;
- a link changed from the other side of a many-to-many relation (a partner's meetings) is
  recorded on the records whose links changed;
- the version of a deletion keeps the links the record had, which Django removes before
  the record itself;
- a version can be recorded as the creation of its record (``history_recorded_as``), for
  the admin, which records one version once a form has saved the record and its links;
- a row deleted because a record it belongs to is deleted (a meeting's documents, with
  the meeting) has its version of deletion marked ``DELETED_WITH``, so that bringing the
  record back brings back those rows, and not rows deleted on their own before.

``connect()`` runs once every model is ready (``CoreConfig.ready``), after simple-history
has connected its own receivers: for one signal, Django calls receivers in the order they
were connected, so these see what simple-history did.
"""

import threading

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from simple_history.signals import pre_create_historical_m2m_records, pre_create_historical_record

SKIP = "skip_history_when_saving"
# The change reason of the version of a row deleted with the record it belongs to.
DELETED_WITH = "deleted-with"

# (model, pk) of the records whose deletion is under way in this thread: Django announces
# every record a deletion takes (pre_delete) before removing the rows that belong to
# others first, then those others (post_delete).
_deletions = threading.local()


def _being_deleted():
    if not hasattr(_deletions, "records"):
        _deletions.records = set()
    return _deletions.records


def link_history_model(field):
    """The model of the versions of a many-to-many field's links, or None if the history
    of its model does not keep them (simple-history names it after the through model)."""
    through = field.remote_field.through
    try:
        return apps.get_model(field.model._meta.app_label, f"Historical{through.__name__}")
    except LookupError:
        return None


def tracked_links(model):
    """The many-to-many fields of ``model`` whose links its history keeps."""
    return [field for field in model._meta.many_to_many if link_history_model(field)]


# The many-to-many fields whose links a history keeps, by through model (``connect()``).
TRACKED_BY_THROUGH = {}


def _hold(instance):
    """Keep simple-history from recording ``instance`` until ``_release``; True if this
    call holds it (the admin, or a load, may hold it already)."""
    if hasattr(instance, SKIP):
        return False
    setattr(instance, SKIP, True)
    instance.history_held_for_links = True
    return True


def _release(instance):
    if getattr(instance, "history_held_for_links", False):
        delattr(instance, SKIP)
        del instance.history_held_for_links


def _record(instance):
    """A version of ``instance`` as it is now, links included."""
    instance.save(update_fields=["updated_at"])


def loaded(sender, instance, raw=False, **kwargs):
    if raw:
        # The object a fixture or a backup just loaded, whose links are set next.
        setattr(instance, SKIP, True)


def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    field = TRACKED_BY_THROUGH.get(sender)
    if field is None:
        return
    if action.startswith("pre_"):
        if reverse:
            _hold(instance)
            if action == "pre_clear":
                # Clearing from the other side: the records linked until now change.
                records = field.model._default_manager.filter(**{field.name: instance})
                instance.history_links_cleared = list(records.values_list("pk", flat=True))
        elif action in ("pre_add", "pre_remove") and not pk_set:
            _hold(instance)
        return
    _release(instance)
    if reverse and not hasattr(instance, SKIP):
        changed = pk_set if action != "post_clear" else instance.history_links_cleared
        for record in field.model._default_manager.filter(pk__in=changed or ()):
            _record(record)


def deleting(sender, instance, **kwargs):
    _being_deleted().add((sender._meta.concrete_model, instance.pk))
    links = {
        field: list(
            field.remote_field.through._default_manager.filter(**{field.m2m_field_name(): instance})
        )
        for field in tracked_links(sender)
    }
    if links:
        instance.history_links_before_delete = links


def deleted(sender, instance, **kwargs):
    _being_deleted().discard((sender._meta.concrete_model, instance.pk))


def keep_deleted_links(sender, rows, history_instance, instance, field, **kwargs):
    links = getattr(instance, "history_links_before_delete", None)
    if history_instance.history_type != "-" or links is None:
        return
    names = [column.attname for column in field.remote_field.through._meta.fields]
    rows.extend(
        sender(history=history_instance, **{name: getattr(row, name) for name in names})
        for row in links[field]
    )


def recorded_as(sender, instance, history_instance, **kwargs):
    history_type = getattr(instance, "history_recorded_as", None)
    if history_type is not None:
        history_instance.history_type = history_type
    if history_instance.history_type == "-" and _belongs_to_a_deleted_record(instance):
        history_instance.history_change_reason = DELETED_WITH


def _belongs_to_a_deleted_record(instance):
    records = _being_deleted()
    return any(
        (field.related_model._meta.concrete_model, getattr(instance, field.attname)) in records
        for field in instance._meta.concrete_fields
        if field.many_to_one
    )


def deleted_with(model, name, pk):
    """The versions of deletion of the rows of relation ``name`` (a meeting's documents)
    deleted with the record ``pk`` of ``model`` when it was last deleted, of rows that do not
    exist today."""
    versions_of_record = model.history.filter(**{model._meta.pk.attname: pk})
    deletion = versions_of_record.filter(history_type="-").order_by("-history_date").first()
    if deletion is None:
        return []
    before = versions_of_record.filter(history_date__lt=deletion.history_date).order_by(
        "-history_date"
    )
    relation = model._meta.get_field(name)
    rows = relation.related_model
    versions = rows.history.filter(
        history_type="-",
        history_change_reason=DELETED_WITH,
        history_date__lte=deletion.history_date,
        **{relation.field.attname: pk},
    ).exclude(id__in=rows._default_manager.values("pk"))
    previous = before.values_list("history_date", flat=True).first()
    if previous is not None:
        versions = versions.filter(history_date__gt=previous)
    return list(versions.order_by("history_date", "history_id"))


def connect():
    for model in apps.get_models():
        for field in tracked_links(model):
            TRACKED_BY_THROUGH[field.remote_field.through] = field
    post_save.connect(loaded, dispatch_uid="history-loaded")
    m2m_changed.connect(links_changed, dispatch_uid="history-links-changed")
    pre_delete.connect(deleting, dispatch_uid="history-deleting")
    post_delete.connect(deleted, dispatch_uid="history-deleted")
    pre_create_historical_m2m_records.connect(keep_deleted_links, dispatch_uid="history-links")
    pre_create_historical_record.connect(recorded_as, dispatch_uid="history-recorded-as")
