"""The secretariat's admin for meetings, their chairs and their documents.

Recommendations are shown under a meeting by ``recommendations.admin``, the higher layer,
which extends ``MeetingAdmin``: this module must not import it.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    OneLanguageEnoughForm,
    OneLineTextarea,
    StampedAdmin,
    TranslatedAdmin,
    TranslatedStackedInline,
    with_record,
)
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from governance.admin.frameworks import ImpliedPlanLevelsFormMixin
from meetings import texts, thumbnails
from meetings.models import Document, Meeting, MeetingRole
from meetings.resources import MeetingResource


class MeetingRoleInline(admin.TabularInline):
    model = MeetingRole
    extra = 0
    fields = ("partner", "role", "order")
    ordering = ("order", "pk")
    autocomplete_fields = ("partner",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


class ProtectedFileWidget(AdminFileWidget):
    """The current file by name only: protected files have no URL to link to.

    Widgets render through the form renderer, which reads app templates: the template
    lives in meetings/templates/.
    """

    template_name = "admin/widgets/protected_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


PROTECTED_FILES = {models.FileField: {"widget": ProtectedFileWidget}}


class DocumentInline(TranslatedStackedInline):
    model = Document
    extra = 0
    formfield_overrides = PROTECTED_FILES
    ordering = ("order", "pk")
    show_change_link = True
    fields = (
        ("kind", "order"),
        "title",
        "file",
        "url",
        "original_language",
        ("visibility", "embargo_until"),
    )


class MeetingAdminForm(ImpliedPlanLevelsFormMixin, OneLanguageEnoughForm):
    """A meeting may be entered in one language; the plan levels its actions imply are
    added to those chosen."""

    plan_level_fields = ("domains", "plan_objectives", "actions")


@admin.register(Meeting)
class MeetingAdmin(ImportExportAdminMixin, StampedAdmin, TranslatedAdmin):
    resource_classes = [MeetingResource]
    form = MeetingAdminForm
    list_display = (
        "title",
        # The slug names the meeting in a sheet of recommendations to import.
        "slug",
        "dates",
        "kind",
        "status",
        "place",
        "chairs_display",
        "published",
        "translation_status",
    )
    list_filter = (
        MissingTranslationFilter,
        "kind",
        "status",
        "published",
        "tentative",
        "online",
        "co_chairs_to_be_determined",
        ("host_country", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("host_country",)
    search_fields = (*localized_fields("title", "city"), "slug")
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        "host_country",
        "participants",
        "frameworks",
        "domains",
        "plan_objectives",
        "actions",
    )
    inlines = (MeetingRoleInline, DocumentInline)
    # The chairs are part of a version of the meeting: shown in its history, restored with it.
    history_related = ("chairs",)
    recovered_with = ("documents",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    fieldsets = with_record(
        (_("Meeting"), {"fields": ("title", "slug", "kind", "status", "published")}),
        (
            _("Dates and place"),
            {
                "fields": (
                    ("start", "date_precision"),
                    "end",
                    "tentative",
                    "date_note",
                    ("city", "host_country"),
                    "online",
                )
            },
        ),
        (_("Content"), {"fields": ("objectives", "outcomes")}),
        (
            _("Participation"),
            {
                "fields": (
                    "co_chairs_to_be_determined",
                    "participants_count",
                    "participation_note",
                    "participants",
                )
            },
        ),
        (
            _("Action plan"),
            {"fields": ("frameworks", "domains", "plan_objectives", "actions")},
        ),
        (_("Sources"), {"classes": ("collapse",), "fields": ("sources", "source_note")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The worker reads the text of the documents' new files, for search.
        texts.read_meeting_texts.enqueue(form.instance.pk)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":
            # Long titles shown whole; the tab of each language copies this widget.
            kwargs["widget"] = OneLineTextarea
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            # Meeting.clean() makes it from the title, in whichever language is given.
            field.required = False
            field.help_text = _("Left empty, it is made from the title.")
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("chairs__partner")

    @admin.display(description=_("dates"), ordering="start")
    def dates(self, meeting):
        return meeting.dates_display

    @admin.display(description=_("place"), ordering="city")
    def place(self, meeting):
        parts = [meeting.city, str(meeting.host_country or "")]
        if meeting.online:
            parts.append(str(_("online")))
        return ", ".join(part for part in parts if part)

    @admin.display(description=_("chairs"))
    def chairs_display(self, meeting):
        chairs = ", ".join(str(role.partner) for role in meeting.chairs.all())
        if not chairs and meeting.co_chairs_to_be_determined:
            return _("to be determined")
        return chairs


@admin.register(MeetingRole)
class MeetingRoleAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("meeting", "partner", "role", "order")
    list_filter = ("role", "meeting__kind")
    list_select_related = ("meeting", "partner")
    search_fields = localized_fields("meeting__title", "partner__name")
    autocomplete_fields = ("meeting", "partner")
    fieldsets = with_record((_("Role"), {"fields": ("meeting", "partner", "role", "order")}))


@admin.register(Document)
class DocumentAdmin(StampedAdmin, TranslatedAdmin):
    formfield_overrides = PROTECTED_FILES
    list_display = (
        "title",
        "meeting",
        "published_on",
        "published",
        "kind",
        "visibility",
        "embargo_until",
        "original_language",
        "translation_status",
    )
    list_filter = (
        MissingTranslationFilter,
        "kind",
        "visibility",
        "original_language",
        "meeting__kind",
    )
    list_select_related = ("meeting",)
    search_fields = localized_fields("title", "meeting__title")
    autocomplete_fields = ("meeting", "domains", "partners")
    fieldsets = with_record(
        (
            _("Document"),
            {"fields": ("kind", "title", "meeting", "published_on", "published", "order")},
        ),
        (_("Files and links"), {"fields": ("file", "url", "original_language", "thumbnail")}),
        (_("What it concerns"), {"fields": ("domains", "partners")}),
        (_("Visibility"), {"fields": ("visibility", "embargo_until")}),
    )

    def save_model(self, request, obj, form, change):
        if "thumbnail" in form.changed_data:
            # The secretariat's own picture: never replaced by a fetched one.
            obj.thumbnail_source = ""
        super().save_model(request, obj, form, change)
        # The worker reads the text of its new files, for search, and keeps the picture
        # of a video.
        texts.read_document_texts.enqueue(obj.pk)
        thumbnails.keep_document_thumbnail.enqueue(obj.pk)
