from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin.base import MissingTranslationFilter, StampedAdmin, TranslatedAdmin, with_record
from core.admin.exchange import ExportAdminMixin
from core.models import localized_fields
from news import editions
from news.models import Edition, EditionMeeting, EditionPost, NewsPost, Subscriber


@admin.register(NewsPost)
class NewsPostAdmin(StampedAdmin, TranslatedAdmin):
    list_display = ("title", "published_on", "status", "translation_status")
    list_filter = (MissingTranslationFilter, "status")
    search_fields = (*localized_fields("title", "summary"), "slug")
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("meetings", "partners", "domains", "actions")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    fieldsets = with_record(
        (_("News post"), {"fields": ("title", "slug", "status", "published_on")}),
        (_("Text"), {"fields": ("summary", "body")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("What it concerns"), {"fields": ("meetings", "partners", "domains", "actions")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_"):
            field.widget.attrs["rows"] = 16
        return field


@admin.register(Subscriber)
class SubscriberAdmin(ExportAdminMixin, admin.ModelAdmin):
    """Who receives the newsletter, with their consent. Nobody is added here (a subscriber
    confirms from the e-mail), nor changed; erasing one (Delete) removes all that is kept."""

    list_display = ("email", "languages", "news_notices", "requested_at", "confirmed_at")
    list_filter = ("languages", "news_notices", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    fields = ("email", "languages", "domains", "news_notices", "requested_at", "confirmed_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


class EditionPostInline(admin.TabularInline):
    model = EditionPost
    autocomplete_fields = ("post",)
    extra = 0


class EditionMeetingInline(admin.TabularInline):
    model = EditionMeeting
    autocomplete_fields = ("meeting",)
    extra = 0


@admin.register(Edition)
class EditionAdmin(StampedAdmin, TranslatedAdmin):
    list_display = ("__str__", "period_start", "period_end", "published", "translation_status")
    list_filter = (MissingTranslationFilter, "published", "year")
    inlines = (EditionPostInline, EditionMeetingInline)
    history_related = ("post_items", "meeting_items")
    recovered_with = ("post_items", "meeting_items")
    actions = ("fill_from_period",)
    fieldsets = with_record(
        (
            _("Edition"),
            {"fields": (("number", "year"), ("period_start", "period_end"), "published")},
        ),
        (_("Editorial"), {"fields": ("editorial",)}),
        (_("Before the platform"), {"fields": ("pdf",)}),
    )

    @admin.action(description=_("Add the news posts and meetings of the period"))
    def fill_from_period(self, request, queryset):
        added = sum(editions.fill_from_period(edition) for edition in queryset)
        self.message_user(
            request,
            ngettext("%(count)d item added.", "%(count)d items added.", added) % {"count": added},
        )
