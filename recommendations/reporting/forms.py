"""Forms of implementation reporting: a country's answer about one item, the secretariat's
comment when it returns reports."""

from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.forms import StatedLimitsMixin
from recommendations.models import ImplementationReport
from recommendations.validators import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_LINKS_MAX_LENGTH,
    NARRATIVE_MAX_LENGTH,
    evidence_links,
    evidence_max_bytes,
    validate_evidence_file,
    validate_evidence_links,
)


class StoredEvidence:
    """The current evidence file as the file input shows it: a link to the view that checks
    who asks, since protected files have no URL of their own."""

    def __init__(self, report):
        self.url = reverse("private:evidence-file", kwargs={"pk": report.pk})
        self.name = PurePath(report.evidence_file.name).name

    def __str__(self):
        return self.name


class ReportForm(StatedLimitsMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationReport.Status.choices
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What your country has done, is doing or plans to do, in your own words."),
    )
    evidence = forms.CharField(
        label=_("Evidence links"),
        required=False,
        max_length=EVIDENCE_LINKS_MAX_LENGTH,
        validators=[validate_evidence_links],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Web addresses of laws, programmes or reports, one per line, such as "
            "https://example.org/law."
        ),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        validators=[validate_evidence_file],
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EVIDENCE_EXTENSIONS)}),
    )

    def __init__(self, *args, report=None, read_only=False, **kwargs):
        if report is not None:
            kwargs["initial"] = {
                "status": report.status,
                "narrative": report.narrative,
                "evidence": report.evidence,
                "evidence_file": StoredEvidence(report) if report.evidence_file else None,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), PNG or JPEG, up to "
            "%(size)s. Only the secretariat and your country's focal points can open it."
        ) % {"size": filesizeformat(evidence_max_bytes())}
        if read_only:
            for field in self.fields.values():
                field.disabled = True

    def clean_evidence(self):
        """One address a line, without blank lines."""
        return "\n".join(evidence_links(self.cleaned_data["evidence"]))

    def evidence_file_change(self):
        """What ``save_report`` expects: a new file, ``False`` to remove it, ``None`` to keep
        the current one."""
        value = self.cleaned_data.get("evidence_file")
        if value is False or (value and not isinstance(value, StoredEvidence)):
            return value
        return None


class SubmitReportForm(forms.Form):
    """The confirmation that a country's answers go to the secretariat for good."""

    confirm = forms.BooleanField(
        label=_(
            "I have checked these answers. I understand that once submitted they can no longer "
            "be changed, unless the secretariat returns them."
        ),
        error_messages={"required": _("Tick the box to confirm the submission.")},
    )


class ReturnReportsForm(forms.Form):
    """The secretariat's comment on the reports it returns for changes."""

    review_comment = forms.CharField(
        label=_("What should the country change?"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("The country's focal points read this comment next to their report."),
    )
