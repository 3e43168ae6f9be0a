from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import StampedModel
from governance.access import is_secretariat
from governance.models import Action, FocalPoint, Framework, Partner
from meetings.storage import protected_storage
from recommendations.models.recommendations import Recommendation
from recommendations.validators import validate_evidence_file


class ReportingRoundQuerySet(models.QuerySet):
    def open_on(self, date):
        return self.filter(opens_on__lte=date, closes_on__gte=date)

    def open(self):
        return self.open_on(timezone.localdate())

    def started(self):
        """Rounds that have opened: the open ones and the past ones."""
        return self.filter(opens_on__lte=timezone.localdate())


@dataclass(frozen=True)
class RoundItem:
    """An action or a recommendation that a round asks about."""

    subject: Action | Recommendation

    @property
    def kind(self):
        """``action`` or ``recommendation``: the name the URLs and reports use."""
        return "action" if isinstance(self.subject, Action) else "recommendation"

    @property
    def pk(self):
        return self.subject.pk

    @property
    def key(self):
        return (self.kind, self.subject.pk)

    @property
    def label(self):
        """A short heading: "Action 12", or "Recommendation 3" of a meeting."""
        if self.kind == "action":
            return str(self.subject.label)
        return f"{self.subject.get_kind_display().capitalize()} {self.subject.number}"

    @property
    def column_label(self):
        """A heading unique in the round: recommendations are numbered inside a meeting."""
        return self.label if self.kind == "action" else str(self.subject)

    @property
    def title(self):
        """What the item is about, in a sentence or so."""
        if self.kind == "action":
            return self.subject.title
        return Truncator(self.subject.text).chars(200)

    @property
    def source(self):
        """The meeting that issued a recommendation; nothing for an action."""
        return self.subject.meeting if self.kind == "recommendation" else None


@dataclass(frozen=True)
class CountryProgress:
    """Where one partner's report in a round stands: each item with the partner's answer."""

    rows: list  # (RoundItem, ImplementationReport | None) in the round's order

    @property
    def total(self):
        return len(self.rows)

    @property
    def reports(self):
        return [report for _, report in self.rows if report is not None]

    @property
    def answered(self):
        return len(self.reports)

    @property
    def unanswered(self):
        return self.total - self.answered

    @property
    def unanswered_items(self):
        """The items the partner has not answered yet."""
        return [item for item, report in self.rows if report is None]

    @property
    def to_submit(self):
        """The drafts and returned answers, which the next submission sends."""
        return [report for _, report in self.rows_to_submit]

    @property
    def rows_to_submit(self):
        """(item, report) of the answers that the next submission sends."""
        return [
            (item, report)
            for item, report in self.rows
            if report is not None and report.state in report.EDITABLE_STATES
        ]

    @property
    def returned(self):
        return [
            report for report in self.reports if report.state == ImplementationReport.State.RETURNED
        ]

    @property
    def all_submitted(self):
        """Every item answered, and every answer with the secretariat."""
        return self.total > 0 and self.unanswered == 0 and not self.to_submit


class ReportingRound(StampedModel):
    """A data collection campaign on the implementation of a framework."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions asked about"), blank=True, related_name="reporting_rounds"
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        verbose_name=_("recommendations asked about"),
        blank=True,
        related_name="reporting_rounds",
    )

    objects = ReportingRoundQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                name="reporting_round_closes_after_opening",
                condition=Q(closes_on__gte=F("opens_on")),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Rounds are seen in the private area only."""
        return reverse("private:round-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A round cannot close before it opens.")})

    @staticmethod
    def clean_items(framework, *, actions, recommendations):
        """Refuse what a round of ``framework`` cannot ask about: an action of another
        framework, a recommendation that refers to other frameworks only. The items are
        many-to-many relations, checked by the form before they are saved."""
        errors = {}
        foreign_actions = actions.exclude(framework=framework).select_related("framework")
        if foreign_actions:
            errors["actions"] = [
                _(
                    "%(action)s belongs to the %(other)s, not to the %(framework)s, the "
                    "framework of the round."
                )
                % {"action": action.label, "other": action.framework, "framework": framework}
                for action in foreign_actions
            ]
        foreign_recommendations = recommendations.referring_only_elsewhere(framework)
        if foreign_recommendations:
            errors["recommendations"] = [
                _(
                    "“%(recommendation)s” refers to other frameworks only, not to the "
                    "%(framework)s, the framework of the round."
                )
                % {"recommendation": recommendation, "framework": framework}
                for recommendation in foreign_recommendations.select_related("meeting")
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on

    @property
    def has_closed(self):
        return self.closes_on < timezone.localdate()

    def items(self):
        """The actions, then the recommendations, that the round asks about, in their order:
        a list of :class:`RoundItem`, in two queries."""
        actions = self.actions.order_by("sort_order", "number")
        recommendations = self.recommendations.select_related("meeting").order_by(
            "meeting__start", "meeting__pk", "kind", "sort_order", "number"
        )
        return [RoundItem(subject) for subject in (*actions, *recommendations)]

    def progress_of(self, partner):
        """The partner's answers to every item: :class:`CountryProgress`, in three queries."""
        reports = {report.item_key: report for report in self.reports.for_partner(partner)}
        return CountryProgress([(item, reports.get(item.key)) for item in self.items()])

    def find_item(self, kind, pk):
        """The action or recommendation ``pk`` if the round asks about it, else None."""
        related = {"action": self.actions, "recommendation": self.recommendations}.get(kind)
        subject = related.filter(pk=pk).first() if related is not None else None
        return RoundItem(subject) if subject else None


class ImplementationReportQuerySet(models.QuerySet):
    def validated(self):
        """The only reports that count in public figures."""
        return self.filter(state=ImplementationReport.State.VALIDATED)

    def about_public_subjects(self):
        """Reports on actions, and on published recommendations of published meetings."""
        return self.filter(
            Q(action__isnull=False)
            | Q(recommendation__published=True, recommendation__meeting__published=True)
        )

    def for_partner(self, partner):
        return self.filter(partner=partner)

    def editable(self):
        """Reports that their country may still change: drafts and returned reports."""
        return self.filter(state__in=ImplementationReport.EDITABLE_STATES)

    def in_matrix_of(self, user):
        """What a country x item matrix shows a user: everything to the secretariat; to a
        focal point, the validated reports of every partner and all those of its own."""
        if is_secretariat(user):
            return self.all()
        if not user.is_active:
            return self.none()
        partner = FocalPoint.objects.filter(user=user).values("partner")
        return self.filter(Q(state=ImplementationReport.State.VALIDATED) | Q(partner__in=partner))

    def visible_to(self, user):
        """The secretariat sees every report; a focal point those of its own partner."""
        if is_secretariat(user):
            return self.all()
        if not user.is_active:
            return self.none()
        partner = FocalPoint.objects.filter(user=user).values("partner")
        return self.filter(partner__in=partner)


class ImplementationReport(StampedModel):
    """What one partner reports, in one round, about one action or recommendation."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        VALIDATED = "validated", _("validated")
        RETURNED = "returned", _("returned for changes")

    # The states in which the country may still change its report.
    EDITABLE_STATES = (State.DRAFT, State.RETURNED)

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="reports"
    )
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("implementation status"), max_length=20, choices=Status, default=Status.NOT_STARTED
    )
    # Narratives are written by each country in the language it works in; they are
    # partners' own words, so they are not translated like the platform's content.
    narrative = models.TextField(_("narrative"), blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Links to laws, programmes or reports.")
    )
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="evidence/%Y/",
        storage=protected_storage,
        blank=True,
        max_length=255,
        validators=[validate_evidence_file],
        help_text=_(
            "PDF, Word, Excel, OpenDocument, PNG or JPEG. Only the secretariat and the "
            "partner's focal points can open it."
        ),
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    review_comment = models.TextField(_("secretariat's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImplementationReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        ordering = ["round", "partner__name", "action__sort_order", "recommendation__pk"]
        constraints = [
            models.CheckConstraint(
                name="report_on_one_action_or_recommendation",
                condition=Q(action__isnull=False, recommendation__isnull=True)
                | Q(action__isnull=True, recommendation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["round", "partner", "action"],
                condition=Q(action__isnull=False),
                name="report_unique_per_action",
            ),
            models.UniqueConstraint(
                fields=["round", "partner", "recommendation"],
                condition=Q(recommendation__isnull=False),
                name="report_unique_per_recommendation",
            ),
            models.CheckConstraint(
                name="report_status_valid",
                condition=Q(
                    status__in=[
                        "not_started",
                        "planned",
                        "in_progress",
                        "implemented",
                        "not_applicable",
                    ]
                ),
            ),
            models.CheckConstraint(
                name="report_state_valid",
                condition=Q(state__in=["draft", "submitted", "validated", "returned"]),
            ),
            models.CheckConstraint(
                name="report_submitted_has_date",
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
            ),
            models.CheckConstraint(
                name="report_validated_has_date",
                condition=~Q(state="validated") | Q(validated_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.round} – {self.partner} – {self.subject}"

    def clean(self):
        if bool(self.action_id) == bool(self.recommendation_id):
            raise ValidationError(_("A report is about one action or one recommendation."))
        if self.action_id and self.round_id and self.action.framework_id != self.round.framework_id:
            raise ValidationError(
                {"action": _("The action must belong to the framework of the round.")}
            )

    @property
    def subject(self):
        """The action or the recommendation reported on."""
        return self.action or self.recommendation

    @property
    def item(self):
        return RoundItem(self.subject)

    @property
    def item_key(self):
        """The key of the item reported on, as ``RoundItem.key``, without loading it."""
        if self.action_id:
            return ("action", self.action_id)
        return ("recommendation", self.recommendation_id)

    @property
    def is_editable_by_country(self):
        """A draft or a returned report, while its round is open."""
        return self.state in self.EDITABLE_STATES and self.round.is_open


class RoundNotice(models.Model):
    """That one person was told of a round, once: its opening or a reminder before it
    closes. Written with the e-mail, so that the scheduled jobs never tell anyone twice."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("round opens")
        REMINDER = "reminder", _("round closes soon")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="notices")
    focal_point = models.ForeignKey(
        FocalPoint, on_delete=models.CASCADE, related_name="round_notices"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reporting round notice")
        verbose_name_plural = _("reporting round notices")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "focal_point", "kind"], name="a_round_notice_once_a_person"
            )
        ]

    def __str__(self):
        return f"{self.round} → {self.focal_point} ({self.kind})"
