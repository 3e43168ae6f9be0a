"""The secretariat's admin for the projects inventory: one project at a time, or a sheet
imported with a preview of every row's mistakes."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.admin.base import StampedAdmin, TranslatedAdmin, with_record
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from projects import assistance
from projects.models import AssistanceRequest, Organisation, Project
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


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(StampedAdmin):
    """The secretariat answers; saving a new status or answer tells the partner's focal
    points through the worker."""

    list_display = ("subject", "partner", "created_at", "status", "meeting")
    list_filter = ("status", "partner")
    list_select_related = ("partner", "meeting")
    search_fields = ("subject", "description", *localized_fields("partner__name"))
    readonly_fields = (
        "partner",
        "requested_by",
        "subject",
        "description",
        "domain",
        "action",
        "wished_from",
        "wished_until",
        "contact_name",
        "contact_email",
        "contact_phone",
        "answered_at",
        "meeting",
    )
    fieldsets = with_record(
        (
            _("Request"),
            {
                "fields": (
                    "partner",
                    "requested_by",
                    "subject",
                    "description",
                    ("domain", "action"),
                    ("wished_from", "wished_until"),
                    ("contact_name", "contact_email", "contact_phone"),
                )
            },
        ),
        (
            pgettext_lazy("assistance request", "Answer"),
            {"fields": ("status", "answer", "answered_at", "meeting")},
        ),
    )
    actions = ("make_meetings",)

    def has_add_permission(self, request):
        # Requests come from the partners' focal points, in the private area.
        return False

    def save_model(self, request, obj, form, change):
        if change and {"status", "answer"} & set(form.changed_data):
            assistance.answer(obj, status=obj.status, answer=obj.answer, user=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Make a meeting of each delivered request"))
    def make_meetings(self, request, queryset):
        delivered = queryset.filter(status=AssistanceRequest.Status.DELIVERED, meeting__isnull=True)
        made = [assistance.make_meeting(item, user=request.user) for item in delivered]
        skipped = queryset.count() - len(made)
        if len(made) == 1:
            return redirect(reverse("admin:meetings_meeting_change", args=[made[0].pk]))
        if made:
            self.message_user(
                request,
                ngettext(
                    "%(count)s meeting was made; complete and publish it.",
                    "%(count)s meetings were made; complete and publish them.",
                    len(made),
                )
                % {"count": len(made)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)s request was left: only delivered requests without a meeting "
                    "become one.",
                    "%(count)s requests were left: only delivered requests without a meeting "
                    "become one.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        return None
