from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin.base import MissingTranslationFilter, StampedAdmin, TranslatedAdmin, with_record
from pages.models import Page


@admin.register(Page)
class PageAdmin(StampedAdmin, TranslatedAdmin):
    """The set of pages is fixed: the secretariat writes them, nobody adds or removes one."""

    list_display = ("__str__", "title", "translation_status")
    list_filter = (MissingTranslationFilter,)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 24})}}
    fieldsets = with_record((_("Page"), {"fields": ("title", "body")}))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
