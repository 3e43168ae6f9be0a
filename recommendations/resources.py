"""The columns of the recommendation and implementation sheets the admin imports and
exports. A row is found again by its stable identifiers (a recommendation by its meeting,
kind and number; a report by its round, partner and subject), so importing a sheet twice
updates instead of duplicating. A recommendation's meeting is named by its slug, or by its
date and city."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields

from core.admin.exchange.resources import StampedImportResource
from core.admin.exchange.widgets import LabelWidget, RecordsWidget, RecordWidget, label_text
from core.models import localized_fields
from governance.models import Action, Domain, Framework, Objective, Partner
from meetings.resources import MeetingWidget
from recommendations.models import ImplementationReport, Recommendation, ReportingRound


class PlanLevelsWidget(RecordsWidget):
    """Domains, objectives or actions by number ("3; 5a"), in the framework named in the
    row's ``framework`` column."""

    def __init__(self, model):
        super().__init__(model, field="number")

    def find(self, names, row):
        if not names:
            return []
        framework = label_text(row.get("framework"))
        if not framework:
            raise ValueError(
                _("Give the framework's slug in the “framework” column to refer to its %s.")
                % self.model._meta.verbose_name_plural
            )
        return super().find(names, row).filter(framework__slug=framework)


def plan_level_field(name, model):
    return fields.Field(attribute=name, column_name=name, widget=PlanLevelsWidget(model))


PLAN_LEVELS = {"domains": Domain, "objectives": Objective, "actions": Action}


class RecommendationResource(StampedImportResource):
    meeting = fields.Field(attribute="meeting", column_name="meeting", widget=MeetingWidget())
    number = fields.Field(attribute="number", column_name="number", widget=LabelWidget())
    paragraph = fields.Field(attribute="paragraph", column_name="paragraph", widget=LabelWidget())
    addressees = fields.Field(
        attribute="addressees", column_name="addressees", widget=RecordsWidget(Partner)
    )
    framework = fields.Field(column_name="framework", readonly=True)
    domains = plan_level_field("domains", Domain)
    objectives = plan_level_field("objectives", Objective)
    actions = plan_level_field("actions", Action)

    import_example = {
        "meeting": "2026-11-20 Dakar",
        "kind": "recommendation",
        "number": "1",
        "paragraph": "12",
        "sort_order": "1",
        "text_en": "Strengthen the protection of migrants in vulnerable situations.",
        "text_fr": "Renforcer la protection des migrants en situation de vulnérabilité.",
        "addressees": "senegal; spain",
        "framework": "cadiz-action-plan",
        "actions": "1; 2",
        "published": "no",
    }

    class Meta:
        model = Recommendation
        fields = [
            "meeting",
            "kind",
            "number",
            "paragraph",
            "sort_order",
            *localized_fields("text", "addressee_note"),
            "addressees",
            "framework",
            "domains",
            "objectives",
            "actions",
            "published",
        ]
        import_id_fields = ["meeting", "kind", "number"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        # The list's own prefetching is for its columns, not the sheet's.
        return (
            queryset.select_related("meeting")
            .prefetch_related(None)
            .prefetch_related(
                "addressees",
                *(
                    Prefetch(relation, queryset=model.objects.select_related("framework"))
                    for relation, model in PLAN_LEVELS.items()
                ),
            )
        )

    def dehydrate_framework(self, recommendation):
        """The framework of the plan levels the row refers to, for the sheet to be imported
        again as it is."""
        for relation in PLAN_LEVELS:
            levels = getattr(recommendation, relation).all()
            if levels:
                return levels[0].framework.slug
        return ""


class RoundActionWidget(RecordWidget):
    """An action by its number in the framework of the row's reporting round."""

    def __init__(self):
        super().__init__(Action, "number")

    def clean(self, value, row=None, **kwargs):
        number = label_text(value)
        if not number:
            return None
        round_slug = label_text((row or {}).get("round"))
        action = Action.objects.filter(
            number=number, framework__reporting_rounds__slug=round_slug
        ).first()
        if action is None:
            framework = Framework.objects.filter(reporting_rounds__slug=round_slug).first()
            raise ValueError(
                _("No action %(number)s in %(framework)s.")
                % {"number": number, "framework": framework or _("the round's framework")}
            )
        return action


class ImplementationReportResource(StampedImportResource):
    """Statuses reported to the secretariat outside the platform, entered for the countries.

    A row without a state is entered as validated: the secretariat is its own reviewer.
    """

    round = fields.Field(
        attribute="round", column_name="round", widget=RecordWidget(ReportingRound, "slug")
    )
    partner = fields.Field(
        attribute="partner", column_name="partner", widget=RecordWidget(Partner, "slug")
    )
    action = fields.Field(attribute="action", column_name="action", widget=RoundActionWidget())
    recommendation = fields.Field(
        attribute="recommendation",
        column_name="recommendation",
        widget=RecordWidget(Recommendation, "pk"),
    )

    import_example = {
        "round": "cadiz-action-plan-2026",
        "partner": "senegal",
        "action": "1",
        "status": "in_progress",
        "state": "validated",
        "evidence": "https://example.org/national-strategy",
    }

    class Meta:
        model = ImplementationReport
        fields = [
            "round",
            "partner",
            "action",
            "recommendation",
            "status",
            "state",
            "narrative",
            "evidence",
        ]
        import_id_fields = ["round", "partner", "action", "recommendation"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("round", "partner", "action", "recommendation")

    def before_import(self, dataset, **kwargs):
        """A sheet about actions only needs no recommendation column, and the reverse."""
        for column in ("action", "recommendation"):
            if column not in dataset.headers:
                dataset.append_col([""] * len(dataset), header=column)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        if not label_text(row.get("state")):
            row["state"] = ImplementationReport.State.VALIDATED

    def import_instance(self, report, row, **kwargs):
        """Dates the submission and the validation that the state implies, before the
        report is checked."""
        super().import_instance(report, row, **kwargs)
        user = kwargs.get("user")
        now = timezone.now()
        if report.state != ImplementationReport.State.DRAFT and report.submitted_at is None:
            report.submitted_at, report.submitted_by = now, user
        if report.state == ImplementationReport.State.VALIDATED and report.validated_at is None:
            report.validated_at, report.validated_by = now, user
