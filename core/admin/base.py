"""Admin building blocks shared by every app.

Stamps (who created and last changed a record) and the history of every change
(``core.admin.history``), labels of related choices, translated admins on the self-hosted
jQuery UI where content may be entered in one language only, and the missing-translation
filter and column.
"""

from django import forms
from django.contrib import admin, messages
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
    localized_fields,
    missing_translation_q,
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


# Labels of related choices


class ChoiceLabelsMixin:
    """ModelAdmin or inline mixin: a relation to a model whose admin defines
    ``choice_label(obj)`` shows that label for the chosen values, as the autocomplete
    (``core.admin.site.LabelledAutocompleteJsonView``) does for the values offered.

    The related admin's ``choice_queryset(queryset)``, if any, reads what the label needs.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self.label_choices(db_field, field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self.label_choices(db_field, field)

    def label_choices(self, db_field, field):
        related = db_field.related_model
        if field is None or not self.admin_site.is_registered(related):
            return field
        related_admin = self.admin_site.get_model_admin(related)
        if hasattr(related_admin, "choice_label"):
            field.label_from_instance = related_admin.choice_label
        if hasattr(related_admin, "choice_queryset"):
            field.queryset = related_admin.choice_queryset(field.queryset)
        return field


class StampedAdmin(ExportAdminMixin, StampingMixin, ChoiceLabelsMixin, HistoryAdmin):
    """The admin of a platform model: stamps, its history with what changed, restoring an
    earlier version and recovering deleted records, and its list exported to a sheet.

    Put it before ``TranslatedAdmin`` in the bases, so that simple-history's views come
    first: ``class MeetingAdmin(StampedAdmin, TranslatedAdmin)``.
    """


# Widgets


class OneLineTextarea(forms.Textarea):
    """A text box tall enough to show a long title whole, that keeps it on one line: line
    breaks typed or pasted into it become spaces."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 2, "class": "vLargeTextField", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.split()) if isinstance(value, str) else value


# Translations


def _is_empty(instance, fieldname):
    value = getattr(instance, fieldname)
    field = instance._meta.get_field(fieldname)
    return value is None or (field.empty_strings_allowed and not value)


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


def required_translated_fields(model):
    """Names of the translated fields that a record cannot leave empty in every language."""
    return [name for name in translated_field_names(model) if not model._meta.get_field(name).blank]


class OneLanguageEnoughForm(forms.ModelForm):
    """A required text may be entered in one language only: content falls back to the
    other language wherever it is shown. Empty in every language, it is refused."""

    def clean(self):
        cleaned_data = super().clean()
        for name in required_translated_fields(self._meta.model):
            present = [
                localized
                for localized in localized_fields(name)
                if localized in self.fields and localized not in self.errors
            ]
            if present and not any(cleaned_data.get(localized) for localized in present):
                self.add_error(present[0], _("Enter it in at least one language."))
        return cleaned_data


class OneLanguageEnoughMixin:
    """Translated admin or inline whose required texts may be entered in one language
    (``OneLanguageEnoughForm``): modeltranslation would require the default language."""

    form = OneLanguageEnoughForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None and not original.blank:
            field.required = False
        return field


class TranslatedAdmin(OneLanguageEnoughMixin, TranslationStatusMixin, TranslationAdmin):
    """Admin of a translated model: one tab per language, no CDN."""

    Media = TabbedTranslationMedia.Media


class TranslatedTabularInline(OneLanguageEnoughMixin, TranslationTabularInline):
    Media = TabbedTranslationMedia.Media


class TranslatedStackedInline(OneLanguageEnoughMixin, TranslationStackedInline):
    Media = TabbedTranslationMedia.Media
