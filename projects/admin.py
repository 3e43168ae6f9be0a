"""The secretariat's admin for the projects inventory: one project at a time, or a sheet
imported with a preview of every row's mistakes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin.base import StampedAdmin, TranslatedAdmin, with_record
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from projects.models import Organisation, Project
from projects.resources import ProjectResource


@admin.register(Organisation)
class OrganisationAdmin(StampedAdmin):
    search_fields = ("name",)
    fieldsets = with_record((None, {"fields": ("name",)}))


@admin.register(Project)
class ProjectAdmin(ImportExportAdminMixin, StampedAdmin, TranslatedAdmin):
    resource_classes = [ProjectResource]
    list_display = ("identifier", "title", "status", "start", "end", "published")
    list_filter = ("status", "published", "countries__region")
    search_fields = ("identifier", *localized_fields("title"))
    autocomplete_fields = (
        "countries",
        "implementers",
        "funders",
        "domains",
        "objectives",
        "actions",
    )
    fieldsets = with_record(
        (
            _("Project"),
            {"fields": ("identifier", "title", "summary", "status", "published")},
        ),
        (
            _("Where and when"),
            {
                "fields": (
                    "countries",
                    ("start", "start_precision"),
                    ("end", "end_precision"),
                )
            },
        ),
        (_("Who"), {"fields": ("implementers", "funders", ("budget", "currency"))}),
        (_("Action plan"), {"fields": ("domains", "objectives", "actions")}),
        (_("Links and sources"), {"fields": ("links", "sources", "source_note")}),
    )
