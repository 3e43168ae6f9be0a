"""Roles held by partners over time: presidency, committee seats, reference countries."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    with_record,
)
from core.models import localized_fields
from governance.admin.partners import SOURCES_FIELDSET
from governance.models import Presidency, ReferenceCountry, SteeringCommitteeMembership

TERM_FIELDSET = (
    _("Term"),
    {
        "fields": (("start", "start_precision"), ("end", "end_precision")),
        "description": _(
            "For a date known only to the month or the year, enter any day of it "
            "and say how precisely it is known."
        ),
    },
)


class CurrentTermFilter(admin.SimpleListFilter):
    title = _("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [("current", _("current")), ("past", _("past"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "past":
            return queryset.filter(end__lte=timezone.localdate())
        return queryset


class DatedTermAdminMixin:
    """List columns showing a term's bounds as precisely as they are known."""

    @admin.display(description=_("start"), ordering="start")
    def term_start(self, obj):
        return obj.start_display

    @admin.display(description=_("end"), ordering="end")
    def term_end(self, obj):
        return obj.end_display or "—"

    @admin.display(description=_("current"), boolean=True)
    def term_is_current(self, obj):
        return obj.is_current


@admin.register(Presidency)
class PresidencyAdmin(DatedTermAdminMixin, StampedAdmin, TranslatedAdmin):
    list_display = (
        "partner",
        "term_start",
        "term_end",
        "term_is_current",
        "motto",
        "translation_status",
    )
    list_filter = (CurrentTermFilter, MissingTranslationFilter)
    list_select_related = ("partner",)
    search_fields = (*localized_fields("partner__name", "motto", "priorities"),)
    autocomplete_fields = ("partner",)
    ordering = ("-start",)
    fieldsets = with_record(
        (_("Chair"), {"fields": ("partner",)}),
        TERM_FIELDSET,
        (_("Programme"), {"fields": ("motto", "priorities", "handover_note")}),
        SOURCES_FIELDSET,
    )


@admin.register(SteeringCommitteeMembership)
class SteeringCommitteeMembershipAdmin(DatedTermAdminMixin, StampedAdmin, admin.ModelAdmin):
    list_display = ("partner", "term_start", "term_end", "term_is_current")
    list_filter = (CurrentTermFilter, "partner__region", "partner__kind")
    list_select_related = ("partner",)
    search_fields = localized_fields("partner__name", "partner__short_name")
    autocomplete_fields = ("partner",)
    ordering = ("-start", "partner__name")
    fieldsets = with_record(
        (_("Seat"), {"fields": ("partner",)}),
        TERM_FIELDSET,
        SOURCES_FIELDSET,
    )


@admin.register(ReferenceCountry)
class ReferenceCountryAdmin(DatedTermAdminMixin, StampedAdmin, admin.ModelAdmin):
    list_display = ("partner", "domain", "framework", "term_start", "term_end", "term_is_current")
    list_filter = (CurrentTermFilter, "domain__framework")
    list_select_related = ("partner", "domain__framework")
    search_fields = (
        *localized_fields("partner__name", "domain__title", "domain__framework__short_name"),
        "domain__number",
    )
    autocomplete_fields = ("partner", "domain")
    fieldsets = with_record(
        (_("Role"), {"fields": ("partner", "domain")}),
        TERM_FIELDSET,
        SOURCES_FIELDSET,
    )

    @admin.display(description=_("framework"), ordering="domain__framework")
    def framework(self, obj):
        return obj.domain.framework
