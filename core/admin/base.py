"""Admin building blocks shared by every app.

Stamps (who created and last changed a record) and the history of every change
(``core.admin.history``), translated admins on the self-hosted jQuery UI, and the
missing-translation filter and column.
"""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import build_localized_fieldname

from core.admin.exchange import ExportAdminMixin
from core.admin.history import HistoryAdmin
from core.models import (
    StampedModel,
    content_languages,
    stamp,
    translated_field_names,
)

RECORD_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")


# Stamps


def record_fieldset():
    """The collapsed fieldset showing who created and last changed a record."""
    return (
        _("Record"),
        {
            "classes": ("collapse",),
            "fields": (("created_at", "created_by"), ("updated_at", "updated_by")),
        },
    )


def with_record(*fieldsets):
    """The given fieldsets followed by the "Record" fieldset."""
    return (*fieldsets, record_fieldset())


class StampingMixin:
    """ModelAdmin mixin: stamps the record and its inline rows with the user who saves."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if issubclass(self.model, StampedModel):
            readonly += tuple(name for name in RECORD_FIELDS if name not in readonly)
        return readonly

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        for instance in instances:
            stamp(instance, request.user)
            instance.save()
        formset.save_m2m()


def set_flags(modeladmin, request, queryset, **values):
    """Set flags on the selected records, saving each so that its history records it."""
    count = 0
    for obj in queryset:
        for name, value in values.items():
            setattr(obj, name, value)
        stamp(obj, request.user)
        obj.save(update_fields=[*values, "updated_by", "updated_at"])
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d record changed.", "%(count)d records changed.", count)
        % {"count": count},
        messages.SUCCESS,
    )


class StampedAdmin(ExportAdminMixin, StampingMixin, HistoryAdmin):
    """The admin of a platform model: stamps, its history with what changed, restoring an
    earlier version and recovering deleted records, and its list exported to a sheet.

    Put it before ``TranslatedAdmin`` in the bases, so that simple-history's views come
    first: ``class MeetingAdmin(StampedAdmin, TranslatedAdmin)``.
    """


# Translations


def _empty_q(model, fieldname):
    field = model._meta.get_field(fieldname)
    empty = Q(**{f"{fieldname}__isnull": True})
    if field.empty_strings_allowed:
        empty |= Q(**{fieldname: ""})
    return empty


def _is_empty(instance, fieldname):
    value = getattr(instance, fieldname)
    field = instance._meta.get_field(fieldname)
    return value is None or (field.empty_strings_allowed and not value)


def missing_translation_q(model, code):
    """Rows where a field is empty in language ``code`` but filled in another language."""
    codes = [other for other, _name in content_languages()]
    condition = Q(pk__in=[])
    for name in translated_field_names(model):
        here = build_localized_fieldname(name, code)
        filled_elsewhere = Q(pk__in=[])
        for other in codes:
            if other != code:
                filled_elsewhere |= ~_empty_q(model, build_localized_fieldname(name, other))
        condition |= _empty_q(model, here) & filled_elsewhere
    return condition


def missing_languages(instance):
    """Codes of the languages in which a translation of ``instance`` is missing."""
    codes = [code for code, _name in content_languages()]
    missing = []
    for code in codes:
        for name in translated_field_names(type(instance)):
            empty = {
                other: _is_empty(instance, build_localized_fieldname(name, other))
                for other in codes
            }
            if empty[code] and not all(empty.values()):
                missing.append(code)
                break
    return missing


class MissingTranslationFilter(admin.SimpleListFilter):
    """Keeps the records that lack a translation in the chosen language."""

    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        if not translated_field_names(model_admin.model):
            return []
        return [
            (code, _("%(language)s missing") % {"language": name})
            for code, name in content_languages()
        ]

    def queryset(self, request, queryset):
        codes = [code for code, _name in content_languages()]
        if self.value() not in codes:
            return queryset
        return queryset.filter(missing_translation_q(queryset.model, self.value()))


class TranslationStatusMixin:
    """A list column naming the languages a record still lacks ("FR missing")."""

    @admin.display(description=_("translation"))
    def translation_status(self, obj):
        missing = missing_languages(obj)
        if not missing:
            return "✓"
        return _("%(languages)s missing") % {
            "languages": ", ".join(code.upper() for code in missing)
        }


class TabbedTranslationMedia:
    """Assets of the tabbed translation fields, with jQuery UI served by the app itself."""

    class Media:
        js = (
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            "vendor/jquery-ui/jquery-ui.min.js",
            "modeltranslation/js/tabbed_translation_fields.js",
        )
        css = {
            "all": (
                "vendor/jquery-ui/jquery-ui.min.css",
                "modeltranslation/css/tabbed_translation_fields.css",
            ),
        }


class TranslatedAdmin(TranslationStatusMixin, TranslationAdmin):
    """Admin of a translated model: one tab per language, no CDN."""

    Media = TabbedTranslationMedia.Media


class TranslatedTabularInline(TranslationTabularInline):
    Media = TabbedTranslationMedia.Media


class TranslatedStackedInline(TranslationStackedInline):
    Media = TabbedTranslationMedia.Media
