"""The secretariat's admin for recommendations, and the meetings' page with them; reporting
and the forums have their own (``reporting/admin.py``, ``forums/admin.py``)."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
    set_flags,
    with_record,
)
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from meetings.admin import MeetingAdmin
from meetings.models import Meeting

# Imported for their registrations: each feature's admin registers its own models.
from recommendations.forums import admin as forums_admin  # noqa: F401
from recommendations.models import Recommendation
from recommendations.reporting import admin as reporting_admin  # noqa: F401
from recommendations.resources import RecommendationResource

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class RecommendationInline(TranslatedTabularInline):
    model = Recommendation
    extra = 0
    fields = ("number", "kind", "text", "paragraph", "published")
    ordering = ("kind", "sort_order", "number")
    show_change_link = True
    formfield_overrides = SHORT_TEXT


# The meeting admin lives in the lower layer; recommendations are added to it from here.
admin.site.unregister(Meeting)


@admin.register(Meeting)
class MeetingWithRecommendationsAdmin(MeetingAdmin):
    inlines = (*MeetingAdmin.inlines, RecommendationInline)


@admin.register(Recommendation)
class RecommendationAdmin(ImportExportAdminMixin, StampedAdmin, TranslatedAdmin):
    resource_classes = [RecommendationResource]
    list_display = (
        "number",
        "kind",
        "meeting",
        "paragraph",
        "excerpt",
        "published",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "kind", "published", "meeting__kind")
    list_select_related = ("meeting",)
    search_fields = ("number", *localized_fields("text", "meeting__title"))
    autocomplete_fields = ("meeting", "document", "addressees", "domains", "objectives", "actions")
    formfield_overrides = SHORT_TEXT
    actions = ("publish", "unpublish")
    fieldsets = with_record(
        (
            _("Source"),
            {"fields": ("meeting", ("document", "paragraph"), ("kind", "number", "sort_order"))},
        ),
        (_("Text"), {"fields": ("text", "addressees", "addressee_note", "published")}),
        (_("Action plan"), {"fields": ("domains", "objectives", "actions")}),
        (_("Sources"), {"classes": ("collapse",), "fields": ("sources", "source_note")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("text"))
    def excerpt(self, recommendation):
        return Truncator(recommendation.text).chars(100)

    @admin.action(description=_("Publish the selected recommendations"))
    def publish(self, request, queryset):
        set_flags(self, request, queryset, published=True)

    @admin.action(description=_("Unpublish the selected recommendations"))
    def unpublish(self, request, queryset):
        set_flags(self, request, queryset, published=False)
