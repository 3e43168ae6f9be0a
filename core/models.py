"""Building blocks shared by the models of every app: who created and changed a record,
every version of it (django-simple-history), and where its facts come from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history import models as simple_history_models
from simple_history import register


class StampedModel(models.Model):
    """Who created a record and who changed it last, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def edited_by_a_person(self):
        """True once somebody changed the record by hand (the loader leaves it alone then)."""
        return self.updated_by_id is not None


class HistoricalRecords(simple_history_models.HistoricalRecords):
    """Every version of a record, with who saved it and when (django-simple-history).

    Refinements of simple-history's own: adding or removing links that are already there
    or already gone records nothing (the loader re-adds the links it knows), and neither
    do the links of rows loaded from a fixture or a backup; a link changed from the other
    side of a many-to-many relation is recorded on the records whose links changed; and
    the record of a deletion keeps the links the record had, which Django removes before
    the record itself.
    """

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        # The historical models live beside the app's models, where the shell finds them.
        self.module = f"{cls._meta.app_label}.models"

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            # Lets the admin record one version after a form has saved the row and its links.
            sender._meta.history_records = self

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # Loading a fixture or a backup, whose history comes with it; so do its links.
            instance._history_loading = True
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action in ("post_add", "post_remove") and not pk_set:
            return
        if getattr(instance, "_history_loading", False):
            return
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        # ``instance`` is on the other side: the records whose links changed are in pk_set,
        # or, when all of its links are cleared, those linked to it before.
        if action == "pre_clear":
            linked = self.cls._default_manager.filter(**{attr: instance})
            instance._history_cleared = list(linked.values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return
        for record in self.cls._default_manager.filter(pk__in=pk_set):
            super().m2m_changed(record, action, attr, pk_set, False, **kwargs)

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        instance._history_links_before_delete = {
            field: list(
                field.remote_field.through._default_manager.filter(
                    **{field.m2m_field_name(): instance}
                )
            )
            for field in self.get_m2m_fields_from_model(type(instance))
        }

    def create_historical_record_m2ms(self, history_instance, instance):
        links = getattr(instance, "_history_links_before_delete", None)
        if history_instance.history_type != "-" or links is None:
            super().create_historical_record_m2ms(history_instance, instance)
            return
        for field in history_instance._history_m2m_fields:
            history_model = self.m2m_models[field]
            names = [column.attname for column in field.remote_field.through._meta.fields]
            history_model._default_manager.bulk_create(
                history_model(
                    history=history_instance, **{name: getattr(row, name) for name in names}
                )
                for row in links[field]
            )


def stamp(obj, user):
    """Set who created (when new) and who last changed a stamped record."""
    if not isinstance(obj, StampedModel):
        return
    if obj._state.adding and obj.created_by_id is None:
        obj.created_by = user
    obj.updated_by = user


def translated_field_names(model):
    """Names of the translated fields of a model; empty if it is not registered."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def content_languages():
    """(code, name) of every language that content is translated into."""
    return [
        (code, name) for code, name in settings.LANGUAGES if code in mt_settings.AVAILABLE_LANGUAGES
    ]


def localized_fields(*names):
    """Every language's version of the given translated fields: ("title_en", "title_fr")."""
    codes = [code for code, _name in content_languages()]
    return tuple(build_localized_fieldname(name, code) for name in names for code in codes)


def register_translated_history(model, **options):
    """Record the history of a translated model; call it in translation.py, after the
    model's translation is registered, so that the history has every language's columns.

    The language-neutral column of a translated field (``title`` beside ``title_en`` and
    ``title_fr``) follows whichever language was active when saving: it is left out.
    """
    neutral = list(translator.get_options_for_model(model).fields)
    register(
        model,
        app=model._meta.app_label,
        records_class=HistoricalRecords,
        excluded_fields=neutral,
        **options,
    )


def record_version(instance, history_type="~"):
    """Write a version of ``instance`` as it is now, as saving it would."""
    instance._meta.history_records.create_historical_record(instance, history_type)


class SourcedModel(models.Model):
    """Where a fact comes from: the secretariat's working notes, never shown to visitors."""

    sources = models.TextField(
        _("sources"), blank=True, help_text=_("Addresses of the sources, one per line.")
    )
    source_note = models.TextField(
        _("note on the sources"),
        blank=True,
        help_text=_("What is uncertain, paraphrased or inferred about this record."),
    )

    class Meta:
        abstract = True
