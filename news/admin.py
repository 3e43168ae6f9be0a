from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin.base import MissingTranslationFilter, StampedAdmin, TranslatedAdmin, with_record
from core.admin.exchange import ExportAdminMixin
from core.models import localized_fields
from news.models import NewsPost, Subscriber


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
