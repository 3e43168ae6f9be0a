"""Writes on implementation reports: a country saves and submits, the secretariat reviews."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Action, Partner
from recommendations.models import ImplementationReport, Recommendation, ReportingRound
from recommendations.reporting import notifications
from recommendations.validators import (
    EVIDENCE_LINKS_MAX_LENGTH,
    NARRATIVE_MAX_LENGTH,
    validate_evidence_links,
)

State = ImplementationReport.State


def _refuse_unless_open(round: ReportingRound) -> None:
    if not round.is_open:
        raise ValidationError(
            _("The round “%(round)s” is not open: reports can no longer be changed.")
            % {"round": round}
        )


def _check_texts(*, narrative: str, evidence: str) -> None:
    """A country's texts: a narrative of bounded length, evidence as web addresses."""
    errors = {}
    checks = (
        ("narrative", narrative, [MaxLengthValidator(NARRATIVE_MAX_LENGTH)]),
        (
            "evidence",
            evidence,
            [MaxLengthValidator(EVIDENCE_LINKS_MAX_LENGTH), validate_evidence_links],
        ),
    )
    for field, value, validators in checks:
        for validate in validators:
            try:
                validate(value)
            except ValidationError as error:
                errors.setdefault(field, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def _delete_file_after_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_report(
    *,
    round: ReportingRound,
    partner: Partner,
    item: Action | Recommendation,
    status: str,
    narrative: str,
    evidence: str,
    evidence_file: File | bool | None = None,
    by,
) -> ImplementationReport:
    """Create or update a country's draft about one item of an open round.

    ``evidence_file`` follows Django's file inputs: a new file replaces the current one,
    ``None`` keeps it and ``False`` removes it. A replaced or removed file is deleted once the
    change is committed; a new file is deleted again if the report cannot be saved.
    """
    _refuse_unless_open(round)
    field = "action" if isinstance(item, Action) else "recommendation"
    if not getattr(round, f"{field}s").filter(pk=item.pk).exists():
        raise ValidationError(_("This round does not ask about “%(item)s”.") % {"item": item})
    report = (
        ImplementationReport.objects.select_for_update(of=("self",))
        .filter(round=round, partner=partner, **{field: item})
        .order_by("pk")
        .first()
    )
    if report is None:
        report = ImplementationReport(round=round, partner=partner, created_by=by, **{field: item})
    elif report.state not in ImplementationReport.EDITABLE_STATES:
        raise ValidationError(
            _("This report has been submitted to the secretariat and can no longer be changed.")
        )
    _check_texts(narrative=narrative, evidence=evidence)
    report.status, report.narrative, report.evidence = status, narrative, evidence
    report.updated_by = by
    previous_file = report.evidence_file.name
    if evidence_file is False:
        report.evidence_file = ""
    elif evidence_file:
        report.evidence_file = evidence_file
    report.full_clean()
    try:
        report.save()
    except Exception:
        stored = report.evidence_file
        if stored and stored._committed and stored.name != previous_file:
            stored.storage.delete(stored.name)
        raise
    if previous_file and report.evidence_file.name != previous_file:
        _delete_file_after_commit(report.evidence_file.storage, previous_file)
    return report


@transaction.atomic
def submit_country_report(*, round: ReportingRound, partner: Partner, by) -> int:
    """Send the secretariat every draft and returned report of the partner in the round;
    how many were sent."""
    _refuse_unless_open(round)
    reports = list(
        # The default ordering joins nullable relations, which PostgreSQL cannot lock.
        ImplementationReport.objects.select_for_update(of=("self",))
        .order_by("pk")
        .for_partner(partner)
        .filter(round=round)
        .editable()
    )
    if not reports:
        raise ValidationError(_("There is nothing to submit: answer at least one item first."))
    now = timezone.now()
    for report in reports:
        report.state, report.submitted_at, report.submitted_by = State.SUBMITTED, now, by
        report.updated_by = by
        report.full_clean()
        report.save()
    notifications.answers_submitted(round=round, partner=partner, reports=reports, by=by)
    return len(reports)


@transaction.atomic
def validate_reports(*, reports: Iterable[ImplementationReport], by) -> int:
    """The secretariat validates reports, which then count in public figures; how many.

    Reports already validated are left as they are. A report that its country never
    submitted (one the secretariat recorded itself) is recorded as submitted at the same time.
    """
    now = timezone.now()
    validated = []
    for report in reports:
        if report.state == State.VALIDATED:
            continue
        if report.submitted_at is None:
            report.submitted_at, report.submitted_by = now, by
        report.state, report.validated_at, report.validated_by = State.VALIDATED, now, by
        report.updated_by = by
        report.full_clean()
        report.save()
        validated.append(report)
    notifications.answers_reviewed(validated)
    return len(validated)


@transaction.atomic
def return_report(*, report: ImplementationReport, comment: str, by) -> ImplementationReport:
    """The secretariat sends a submitted or validated report back to its country, saying
    what to change; the country may edit it again while the round is open."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"review_comment": _("Say what the country should change in the report.")}
        )
    if report.state not in (State.SUBMITTED, State.VALIDATED):
        raise ValidationError(_("Only a submitted or validated report can be returned."))
    report.state, report.review_comment = State.RETURNED, comment
    report.validated_at = report.validated_by = None
    report.updated_by = by
    report.full_clean()
    report.save()
    notifications.answers_reviewed([report])
    return report
