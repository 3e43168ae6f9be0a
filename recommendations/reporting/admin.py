"""Reporting in the secretariat's admin: rounds, and the review of the reports."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin.base import (
    MissingTranslationFilter,
    OneLanguageEnoughForm,
    StampedAdmin,
    TranslatedAdmin,
    with_record,
)
from core.admin.exchange import ImportExportAdminMixin
from core.models import localized_fields
from meetings.admin import PROTECTED_FILES
from recommendations.models import (
    ImplementationReport,
    ReportingRound,
)
from recommendations.reporting import services
from recommendations.reporting.forms import ReturnReportsForm
from recommendations.reporting.matrix import build_matrix, matrix_csv_response
from recommendations.resources import ImplementationReportResource


class ReportingRoundAdminForm(OneLanguageEnoughForm):
    """A round asks only about actions and recommendations of its framework."""

    def clean(self):
        cleaned_data = super().clean()
        if all(name in cleaned_data for name in ("framework", "actions", "recommendations")):
            try:
                ReportingRound.clean_items(
                    cleaned_data["framework"],
                    actions=cleaned_data["actions"],
                    recommendations=cleaned_data["recommendations"],
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


@admin.register(ReportingRound)
class ReportingRoundAdmin(StampedAdmin, TranslatedAdmin):
    form = ReportingRoundAdminForm
    list_display = (
        "name",
        "framework",
        "opens_on",
        "closes_on",
        "is_open",
        "report_count",
        "matrix_link",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "framework")
    list_select_related = ("framework",)
    search_fields = (*localized_fields("name"), "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("framework", "actions", "recommendations")
    readonly_fields = ("matrix_link",)
    fieldsets = with_record(
        (_("Round"), {"fields": ("name", "slug", "framework", "description")}),
        (_("Dates"), {"fields": (("opens_on", "closes_on"),)}),
        (_("Questions"), {"fields": ("actions", "recommendations")}),
        (_("Answers"), {"fields": ("matrix_link",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reports_count=Count("reports"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/matrix/",
                view(self.matrix_view),
                name="recommendations_reportinground_matrix",
            ),
            path(
                "<int:pk>/matrix.csv",
                view(self.matrix_view),
                {"as_csv": True},
                name="recommendations_reportinground_matrix_csv",
            ),
            *super().get_urls(),
        ]

    def matrix_view(self, request, pk, as_csv=False):
        """Country x item: every answer of the round, in every state, and a CSV of it."""
        reporting_round = get_object_or_404(
            ReportingRound.objects.select_related("framework"), pk=pk
        )
        if not self.has_view_permission(request, reporting_round):
            raise PermissionDenied
        matrix = build_matrix(reporting_round, user=request.user)
        if as_csv:
            return matrix_csv_response(matrix)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": reporting_round,
            "title": _("Country matrix: %(round)s") % {"round": reporting_round},
            "matrix": matrix,
            "round": reporting_round,
            "reports_url": reverse("admin:recommendations_implementationreport_changelist")
            + f"?round__id__exact={reporting_round.pk}",
        }
        return TemplateResponse(request, "private/reporting/admin/matrix.html", context)

    @admin.display(description=_("open"), boolean=True)
    def is_open(self, reporting_round):
        return reporting_round.is_open

    @admin.display(description=_("reports"), ordering="reports_count")
    def report_count(self, reporting_round):
        return reporting_round.reports_count

    @admin.display(description=_("country matrix"))
    def matrix_link(self, reporting_round):
        if not reporting_round.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:recommendations_reportinground_matrix", args=[reporting_round.pk]),
            _("Matrix"),
            reverse("admin:recommendations_reportinground_matrix_csv", args=[reporting_round.pk]),
            _("CSV"),
        )


class ImplementationReportAdminForm(forms.ModelForm):
    """The review: from the admin a report is validated or returned for changes; its other
    states change through the country's own actions."""

    class Meta:
        model = ImplementationReport
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what shows

    def clean(self):
        cleaned_data = super().clean()
        State = ImplementationReport.State
        before = self.initial.get("state") if self.instance.pk else State.DRAFT
        after = cleaned_data.get("state")
        if after is None or after == before:
            return cleaned_data
        if after == State.RETURNED:
            if before not in (State.SUBMITTED, State.VALIDATED):
                self.add_error("state", _("Only a submitted or validated report can be returned."))
            elif not (cleaned_data.get("review_comment") or "").strip():
                self.add_error(
                    "review_comment", _("Say what the country should change in the report.")
                )
        elif after != State.VALIDATED:
            self.add_error(
                "state",
                _(
                    "From here a report can only be validated or returned for changes; its "
                    "country submits it from the private area."
                ),
            )
        return cleaned_data


@admin.register(ImplementationReport)
class ImplementationReportAdmin(ImportExportAdminMixin, StampedAdmin, admin.ModelAdmin):
    resource_classes = [ImplementationReportResource]
    form = ImplementationReportAdminForm
    # The states before the long texts, and names that wrap (Django keeps the value of a
    # relation on one line), so that every column shows on a laptop's screen.
    list_display = (
        "partner_name",
        "state",
        "status",
        "subject",
        "round_name",
        "submitted_at",
        "has_file",
    )
    list_display_links = ("partner_name",)
    list_filter = ("round", "state", "status", "partner__region")
    list_select_related = ("round", "partner", "action", "recommendation__meeting")
    search_fields = (
        *localized_fields("partner__name", "action__title", "recommendation__text"),
        "action__number",
        "recommendation__number",
        "narrative",
    )
    autocomplete_fields = ("round", "partner", "action", "recommendation")
    readonly_fields = (
        "evidence_link",
        "submitted_at",
        "submitted_by",
        "validated_at",
        "validated_by",
    )
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 5})},
        **PROTECTED_FILES,
    }
    actions = ("validate", "return_for_changes")
    fieldsets = with_record(
        (_("Report"), {"fields": ("round", "partner", "action", "recommendation")}),
        (
            _("Implementation"),
            {"fields": ("status", "narrative", "evidence", "evidence_file", "evidence_link")},
        ),
        (
            _("Review"),
            {
                "description": _(
                    "Validate a report, or return it for changes with a comment the country "
                    "reads. Only validated reports count in public figures."
                ),
                "fields": (
                    "state",
                    "review_comment",
                    ("submitted_at", "submitted_by"),
                    ("validated_at", "validated_by"),
                ),
            },
        ),
    )

    @admin.display(description=_("partner"), ordering="partner__name")
    def partner_name(self, report):
        return report.partner

    @admin.display(description=_("reporting round"), ordering="round")
    def round_name(self, report):
        return report.round

    @admin.display(description=_("about"))
    def subject(self, report):
        return Truncator(str(report.subject)).chars(90)

    @admin.display(description=_("file"), boolean=True)
    def has_file(self, report):
        return bool(report.evidence_file)

    @admin.display(description=_("open the evidence file"))
    def evidence_link(self, report):
        if not report.evidence_file:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("private:evidence-file", kwargs={"pk": report.pk}),
            report.evidence_file.name.rsplit("/", 1)[-1],
        )

    def save_model(self, request, obj, form, change):
        # The state moves through the services, which record who reviewed it and when.
        State = ImplementationReport.State
        decided = obj.state
        obj.state = form.initial.get("state", State.DRAFT) if change else State.DRAFT
        super().save_model(request, obj, form, change)
        if decided == State.VALIDATED and obj.state != State.VALIDATED:
            services.validate_reports(reports=[obj], by=request.user)
        elif decided == State.RETURNED and obj.state != State.RETURNED:
            services.return_report(report=obj, comment=obj.review_comment, by=request.user)

    @admin.action(description=_("Validate the selected reports"))
    def validate(self, request, queryset):
        submitted = queryset.filter(state=ImplementationReport.State.SUBMITTED)
        count = services.validate_reports(reports=submitted, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d report validated.", "%(count)d reports validated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        skipped = queryset.count() - count
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d report was left as it was: only submitted reports are validated "
                    "from the list.",
                    "%(count)d reports were left as they were: only submitted reports are "
                    "validated from the list.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Return the selected reports for changes"))
    def return_for_changes(self, request, queryset):
        """Asks for the comment on an intermediate page, then returns the reports."""
        State = ImplementationReport.State
        returnable = queryset.filter(state__in=(State.SUBMITTED, State.VALIDATED))
        form = ReturnReportsForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            for report in returnable:
                try:
                    services.return_report(
                        report=report, comment=form.cleaned_data["review_comment"], by=request.user
                    )
                except ValidationError as error:
                    self.message_user(
                        request, f"{report}: {' '.join(error.messages)}", messages.ERROR
                    )
                else:
                    count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d report returned for changes.",
                    "%(count)d reports returned for changes.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Return reports for changes"),
            "form": form,
            "reports": returnable.select_related(*self.list_select_related),
            "skipped": queryset.count() - returnable.count(),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action": "return_for_changes",
            "media": self.media,
        }
        return TemplateResponse(request, "private/reporting/admin/return_reports.html", context)
