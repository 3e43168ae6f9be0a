"""The secretariat's admin for recommendations, and the meetings' page with them; reporting
and the forums have their own (``reporting/admin.py``, ``forums/admin.py``)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    OneLanguageEnoughForm,
    StampedAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
    missing_languages,
    set_flags,
    with_record,
)
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from governance.admin.frameworks import ImpliedPlanLevelsFormMixin
from governance.models import Action, Domain, Framework, Objective
from meetings.admin import MeetingAdmin
from meetings.models import Document, Meeting

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


# Each list of the data-quality page shows this many records at most.
DATA_QUALITY_LIMIT = 100


@admin.register(Meeting)
class MeetingWithRecommendationsAdmin(MeetingAdmin):
    inlines = (*MeetingAdmin.inlines, RecommendationInline)

    def get_urls(self):
        return [
            path(
                "data-quality/",
                self.admin_site.admin_view(self.data_quality_view),
                name="data_quality",
            ),
            *super().get_urls(),
        ]

    def data_quality_view(self, request):
        """What the secretariat should complete or correct: one list per kind of gap, each
        record linked to its change page; one query per list."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        meetings = Meeting.objects.all()
        recommendations = Recommendation.objects.select_related("meeting")
        translated = [
            (_("Meetings"), meetings),
            (_("Documents"), Document.objects.select_related("meeting")),
            (_("Recommendations"), recommendations),
            (_("Frameworks"), Framework.objects.all()),
            (_("Domains"), Domain.objects.select_related("framework")),
            (_("Objectives"), Objective.objects.select_related("framework")),
            (_("Actions"), Action.objects.select_related("framework")),
        ]
        sections = [
            data_quality_section(
                _("Meetings in the past still planned or confirmed"),
                meetings.past_but_pending(),
                lambda meeting: f"{meeting.dates_display} · {meeting.get_status_display()}",
            ),
            data_quality_section(
                _("Meetings without chairs"),
                meetings.without_chairs(),
                lambda meeting: meeting.dates_display,
            ),
            *(
                data_quality_section(
                    _("%(records)s with content missing in one language") % {"records": name},
                    queryset.missing_translation(),
                    translation_gap,
                )
                for name, queryset in translated
            ),
            data_quality_section(
                _("Meetings that name a plan level but not its parents"),
                meetings.missing_plan_parents(),
                lambda meeting: meeting.dates_display,
            ),
            data_quality_section(
                _("Recommendations that name a plan level but not its parents"),
                recommendations.missing_plan_parents(),
                lambda recommendation: "",
            ),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Data quality"),
            "sections": sections,
            "limit": DATA_QUALITY_LIMIT,
        }
        return TemplateResponse(request, "admin/data_quality.html", context)


def translation_gap(record):
    return _("%(languages)s missing") % {
        "languages": ", ".join(code.upper() for code in missing_languages(record))
    }


def data_quality_section(title, queryset, detail):
    """A titled list of records, each with its change page and a detail, read in one query
    (one more than the limit, to tell whether there are more)."""
    records = list(queryset[: DATA_QUALITY_LIMIT + 1])
    opts = queryset.model._meta
    change = f"admin:{opts.app_label}_{opts.model_name}_change"
    return {
        "title": title,
        "more": len(records) > DATA_QUALITY_LIMIT,
        "rows": [
            {
                "url": reverse(change, args=[record.pk]),
                "label": record,
                "detail": detail(record),
            }
            for record in records[:DATA_QUALITY_LIMIT]
        ],
    }


class RecommendationAdminForm(ImpliedPlanLevelsFormMixin, OneLanguageEnoughForm):
    """A recommendation may be entered in one language; the plan levels its actions imply
    are added to those chosen."""


@admin.register(Recommendation)
class RecommendationAdmin(ImportExportAdminMixin, StampedAdmin, TranslatedAdmin):
    resource_classes = [RecommendationResource]
    form = RecommendationAdminForm
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
