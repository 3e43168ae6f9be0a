from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.models import FocalPoint, Partner
from rabatprocess.admin import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    localized_fields,
    with_record,
)

SOURCES_FIELDSET = (_("Sources"), {"classes": ("collapse",), "fields": ("sources", "source_note")})


class PartnerFocalPointInline(admin.TabularInline):
    model = FocalPoint
    fk_name = "partner"
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "job_title", "institution", "email")
    show_change_link = True
    verbose_name_plural = _("focal points")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Partner)
class PartnerAdmin(StampedAdmin, TranslatedAdmin):
    list_display = (
        "name",
        "short_name",
        "kind",
        "iso_code",
        "region",
        "status",
        "founding_member",
        "joined",
        "left",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "kind", "region", "status", "founding_member")
    search_fields = (*localized_fields("name", "short_name"), "iso_code", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (PartnerFocalPointInline,)
    fieldsets = with_record(
        (_("Partner"), {"fields": ("name", "short_name", "slug", "kind", "status")}),
        (_("Country"), {"fields": ("iso_code", "region")}),
        (_("Membership"), {"fields": ("founding_member", "joined", "left")}),
        SOURCES_FIELDSET,
    )


@admin.register(FocalPoint)
class FocalPointAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("__str__", "partner", "role", "institution", "email", "phone", "named_by")
    list_filter = ("role", "partner__region", "partner")
    list_select_related = ("user", "partner", "named_by__user", "named_by__partner")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "email",
        "institution",
        "theme",
        *localized_fields("partner__name"),
    )
    autocomplete_fields = ("user", "partner", "named_by")
    fieldsets = with_record(
        (_("Account and partner"), {"fields": ("user", "partner", "role", "named_by")}),
        (
            _("Contact card"),
            {"fields": ("job_title", "institution", "email", "phone", "languages", "theme")},
        ),
    )

    def get_queryset(self, request):
        # Also for autocompletes; the changelist ignores list_select_related once this is set.
        return super().get_queryset(request).select_related(*self.list_select_related)
