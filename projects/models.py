"""The inventory of technical-assistance projects and initiatives in partner countries,
kept by the dialogue's support project: who implements and funds them, where, when, and
which levels of the action plans they serve."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import SourcedModel, StampedModel, TranslatedQuerySet
from governance.models.dates import DatePrecision, format_partial_date


class Organisation(StampedModel):
    """An organisation that implements or funds projects (an agency, a ministry, a
    development bank): not necessarily a partner of the dialogue."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectQuerySet(TranslatedQuerySet):
    def published(self):
        return self.filter(published=True)


class Project(StampedModel, SourcedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    identifier = models.SlugField(
        _("identifier"),
        max_length=60,
        unique=True,
        help_text=_(
            "The project's code in the inventory, which never changes: a second import of "
            "the same sheet updates the project instead of adding it again."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    countries = models.ManyToManyField(
        "governance.Partner",
        verbose_name=_("countries"),
        blank=True,
        related_name="projects",
        limit_choices_to={"kind": "country"},
    )
    implementers = models.ManyToManyField(
        Organisation,
        verbose_name=_("implementing organisations"),
        blank=True,
        related_name="implemented_projects",
    )
    funders = models.ManyToManyField(
        Organisation,
        verbose_name=_("funding organisations"),
        blank=True,
        related_name="funded_projects",
    )
    domains = models.ManyToManyField(
        "governance.Domain", verbose_name=_("domains"), blank=True, related_name="projects"
    )
    objectives = models.ManyToManyField(
        "governance.Objective", verbose_name=_("objectives"), blank=True, related_name="projects"
    )
    actions = models.ManyToManyField(
        "governance.Action", verbose_name=_("actions"), blank=True, related_name="projects"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start known to the"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end known to the"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ONGOING)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    links = models.TextField(
        _("links"), blank=True, help_text=_("Addresses of its pages, one per line.")
    )
    published = models.BooleanField(_("published"), default=True)

    objects = ProjectQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start", "identifier"]
        constraints = [
            models.CheckConstraint(
                name="project_ends_after_it_starts",
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
            ),
            models.CheckConstraint(
                name="project_status_valid",
                condition=Q(status__in=["planned", "ongoing", "completed", "cancelled"]),
            ),
            models.CheckConstraint(
                name="project_budget_not_negative",
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"identifier": self.identifier})

    @property
    def dates_display(self):
        start = format_partial_date(self.start, self.start_precision)
        end = format_partial_date(self.end, self.end_precision)
        if start and end:
            return f"{start} – {end}"
        return start or end

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A project cannot end before it starts.")})
        web_address = URLValidator(schemes=["http", "https"])
        for line in self.link_list:
            try:
                web_address(line)
            except ValidationError:
                raise ValidationError(
                    {"links": _("“%(line)s” is not a web address.") % {"line": line}}
                ) from None


class AssistanceRequestQuerySet(models.QuerySet):
    def of_partner(self, partner):
        return self.filter(partner=partner)


class AssistanceRequest(StampedModel):
    """Short-term technical assistance a partner asks for through its focal points, and
    the secretariat's answer; once delivered, it may become a meeting of kind "training or
    technical assistance"."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("assistance request", "submitted")
        ACCEPTED = "accepted", pgettext_lazy("assistance request", "accepted")
        DECLINED = "declined", pgettext_lazy("assistance request", "declined")
        DELIVERED = "delivered", pgettext_lazy("assistance request", "delivered")

    partner = models.ForeignKey(
        "governance.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what is needed"))
    domain = models.ForeignKey(
        "governance.Domain",
        verbose_name=_("domain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.ForeignKey(
        "governance.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    wished_from = models.DateField(_("wished from"), null=True, blank=True)
    wished_until = models.DateField(_("wished until"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    answer = models.TextField(
        _("answer"), blank=True, help_text=_("Sent to the partner's focal points.")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assistance_request",
    )

    objects = AssistanceRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("technical assistance request")
        verbose_name_plural = _("technical assistance requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="assistance_wished_dates_in_order",
                condition=Q(wished_from__isnull=True)
                | Q(wished_until__isnull=True)
                | Q(wished_until__gte=models.F("wished_from")),
            ),
            models.CheckConstraint(
                name="assistance_status_valid",
                condition=Q(status__in=["submitted", "accepted", "declined", "delivered"]),
            ),
        ]

    def __str__(self):
        return f"{self.partner} – {self.subject}"

    def clean(self):
        if self.wished_from and self.wished_until and self.wished_until < self.wished_from:
            raise ValidationError(
                {"wished_until": _("The end of the period wished comes before its start.")}
            )
        objective = self.action.objective if self.action_id else None
        if objective is not None and self.domain_id and objective.domain_id != self.domain_id:
            raise ValidationError({"action": _("This action is not in the domain chosen.")})
