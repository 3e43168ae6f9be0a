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
  the admin, which records one version once a form has saved the record and its links.

``connect()`` runs once every model is ready (``CoreConfig.ready``), after simple-history
has connected its own receivers: for one signal, Django calls receivers in the order they
were connected, so these see what simple-history did.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save, pre_delete
from simple_history.signals import pre_create_historical_m2m_records, pre_create_historical_record

SKIP = "skip_history_when_saving"


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
    links = {
        field: list(
            field.remote_field.through._default_manager.filter(**{field.m2m_field_name(): instance})
        )
        for field in tracked_links(sender)
    }
    if links:
        instance.history_links_before_delete = links


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


def connect():
    for model in apps.get_models():
        for field in tracked_links(model):
            TRACKED_BY_THROUGH[field.remote_field.through] = field
    post_save.connect(loaded, dispatch_uid="history-loaded")
    m2m_changed.connect(links_changed, dispatch_uid="history-links-changed")
    pre_delete.connect(deleting, dispatch_uid="history-deleting")
    pre_create_historical_m2m_records.connect(keep_deleted_links, dispatch_uid="history-links")
    pre_create_historical_record.connect(recorded_as, dispatch_uid="history-recorded-as")
