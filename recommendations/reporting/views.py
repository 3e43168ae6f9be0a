"""Implementation reporting in the private area.

A focal point, or a contributor it named, answers for its own partner only: the partner comes
from the signed-in user, never from the URL. The secretariat reads rounds and matrices here and
reviews reports in the admin. Once a round has closed, everything is read-only.
"""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from governance.access import PrivateAreaMixin, ReporterRequiredMixin, is_secretariat
from recommendations.models import ImplementationReport, ReportingRound
from recommendations.reporting import services
from recommendations.reporting.forms import ReportForm, SubmitReportForm
from recommendations.reporting.matrix import build_matrix, matrix_csv_response


class RoundMixin(PrivateAreaMixin):
    """Pages about one round, found by its slug; focal points see rounds that have opened."""

    slug_url_kwarg = "slug"

    @property
    def partner(self):
        return self.focal_point.partner if self.focal_point else None

    def get_round_queryset(self):
        rounds = ReportingRound.objects.select_related("framework")
        return rounds if is_secretariat(self.request.user) else rounds.started()

    def get_queryset(self):
        return self.get_round_queryset()


class RoundListView(RoundMixin, ListView):
    """The rounds that are open and those that have closed, with the partner's progress."""

    template_name = "private/reporting/round_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        rounds = self.get_round_queryset().annotate(
            action_count=Count("actions", distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
        )
        if self.partner is not None:
            mine = Q(reports__partner=self.partner)
            rounds = rounds.annotate(
                answered=Count("reports", filter=mine, distinct=True),
                to_submit=Count(
                    "reports",
                    filter=mine & Q(reports__state__in=ImplementationReport.EDITABLE_STATES),
                    distinct=True,
                ),
            )
        return rounds.order_by("-closes_on", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = context["rounds"]
        return {
            **context,
            "partner": self.partner,
            "open_rounds": [r for r in rounds if r.is_open],
            "past_rounds": [r for r in rounds if r.has_closed],
            "upcoming_rounds": [r for r in rounds if not r.is_open and not r.has_closed],
        }


class RoundDetailView(RoundMixin, DetailView):
    """Every item the round asks about, with the partner's answer and where it stands."""

    template_name = "private/reporting/round_detail.html"
    context_object_name = "round"

    def get_context_data(self, **kwargs):
        reporting_round = self.object
        if self.partner is not None:
            progress = reporting_round.progress_of(self.partner)
            pairs = progress.rows
        else:
            progress = None
            pairs = [(item, None) for item in reporting_round.items()]
        rows = [
            (
                item,
                report,
                reporting_round.is_open
                and (report is None or report.state in report.EDITABLE_STATES),
            )
            for item, report in pairs
        ]
        sections = [
            (kind, title, [row for row in rows if row[0].kind == kind])
            for kind, title in (("action", _("Actions")), ("recommendation", _("Recommendations")))
        ]
        can_report = self.focal_point is not None and self.focal_point.can_report
        return super().get_context_data(
            partner=self.partner,
            progress=progress,
            can_report=can_report,
            can_submit=can_report and reporting_round.is_open and bool(progress.to_submit),
            sections=[section for section in sections if section[2]],
            **kwargs,
        )


class ReportEditView(ReporterRequiredMixin, FormView):
    """A country's answer about one item: status, narrative and evidence, saved as a draft."""

    template_name = "private/reporting/report_form.html"
    form_class = ReportForm

    def load(self):
        """The round, the item and the partner's report on it; 404 if the round does not ask
        about the item."""
        self.round = get_object_or_404(
            ReportingRound.objects.started().select_related("framework"),
            slug=self.kwargs["slug"],
        )
        self.item = self.round.find_item(self.kwargs["kind"], self.kwargs["pk"])
        if self.item is None:
            raise Http404
        self.report = (
            self.round.reports.for_partner(self.focal_point.partner)
            .filter(**{self.item.kind: self.item.subject})
            .first()
        )
        self.read_only = not self.round.is_open or (
            self.report is not None and self.report.state not in self.report.EDITABLE_STATES
        )

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        if self.read_only:
            messages.error(request, self.read_only_reason())
            return redirect(self.round_url())
        return super().post(request, *args, **kwargs)

    def read_only_reason(self):
        if not self.round.is_open:
            return _("The round is closed: reports can no longer be changed.")
        return _("This report has been submitted to the secretariat and can no longer be changed.")

    def round_url(self):
        return self.round.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "report": self.report, "read_only": self.read_only}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.round,
            item=self.item,
            report=self.report,
            partner=self.focal_point.partner,
            read_only=self.read_only,
            read_only_reason=self.read_only_reason() if self.read_only else "",
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.save_report(
                round=self.round,
                partner=self.focal_point.partner,
                item=self.item.subject,
                status=form.cleaned_data["status"],
                narrative=form.cleaned_data["narrative"],
                evidence=form.cleaned_data["evidence"],
                evidence_file=form.evidence_file_change(),
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your draft on %(item)s is saved. Submit the report when it is complete.")
            % {"item": self.item.label},
        )
        return redirect(f"{self.round_url()}#{self.item.kind}-{self.item.pk}")


class RoundSubmitView(ReporterRequiredMixin, SingleObjectMixin, FormView):
    """The partner sends the secretariat its drafts and returned reports of the round, after
    a page that lists them and asks to confirm, since a submission cannot be undone."""

    slug_url_kwarg = "slug"
    context_object_name = "round"
    template_name = "private/reporting/round_submit.html"
    form_class = SubmitReportForm

    def get_queryset(self):
        return ReportingRound.objects.started().select_related("framework")

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        """Back to the round, saying why, when there is nothing the partner may submit."""
        self.object = self.get_object()
        self.progress = self.object.progress_of(self.focal_point.partner)
        if not self.object.is_open:
            message = _("The round is closed: reports can no longer be changed.")
        elif not self.progress.to_submit:
            message = _("There is nothing to submit: answer at least one item first.")
        else:
            return None
        messages.error(self.request, message)
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partner=self.focal_point.partner, progress=self.progress, **kwargs
        )

    def form_valid(self, form):
        try:
            count = services.submit_country_report(
                round=self.object, partner=self.focal_point.partner, by=self.request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
        else:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d report was submitted to the secretariat.",
                    "%(count)d reports were submitted to the secretariat.",
                    count,
                )
                % {"count": count},
            )
        return redirect(self.object.get_absolute_url())


class RoundMatrixView(RoundMixin, DetailView):
    """Country x item: validated answers of every partner, and all of the user's own partner's
    (everything, for the secretariat)."""

    template_name = "private/reporting/round_matrix.html"
    context_object_name = "round"

    def get_matrix(self):
        return build_matrix(self.object, user=self.request.user, own_partner=self.partner)

    def get_context_data(self, **kwargs):
        return super().get_context_data(matrix=self.get_matrix(), partner=self.partner, **kwargs)


class RoundMatrixCsvView(RoundMatrixView):
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return matrix_csv_response(self.get_matrix())


class EvidenceFileView(PrivateAreaMixin, View):
    """Streams a report's evidence file to its partner's focal points and the secretariat;
    anybody else gets a 404, as if it did not exist."""

    def get(self, request, pk):
        report = get_object_or_404(
            ImplementationReport.objects.visible_to(request.user).exclude(evidence_file=""),
            pk=pk,
        )
        try:
            file = report.evidence_file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(
            file, as_attachment=True, filename=PurePath(report.evidence_file.name).name
        )
