"""Roles held by partners over time: the presidency and the steering committee seats."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import SourcedModel, StampedModel
from governance.models.dates import DatedTermModel, DatedTermQuerySet, dated_term_constraints
from governance.models.frameworks import Domain
from governance.models.partners import Partner


class Presidency(DatedTermModel, StampedModel, SourcedModel):
    """A partner country chairs the dialogue for a term; terms never overlap."""

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="presidencies",
    )
    motto = models.CharField(_("motto"), max_length=300, blank=True)
    priorities = models.TextField(_("priorities"), blank=True)
    handover_note = models.CharField(
        _("handover"),
        max_length=300,
        blank=True,
        help_text=_("Where and how the chair was handed over to the next presidency."),
    )

    objects = DatedTermQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("presidency")
        verbose_name_plural = _("presidencies")
        ordering = ["start"]
        constraints = dated_term_constraints("presidency")

    def __str__(self):
        end = self.end_display or _("today")
        return f"{self.partner} ({self.start_display} – {end})"

    def get_absolute_url(self):
        return reverse("governance:presidency-detail", kwargs={"pk": self.pk})

    def neighbours(self, presidencies=None):
        """The presidencies before and after this one among ``presidencies``, or among all,
        read in one short query: there is one a year."""
        if presidencies is None:
            presidencies = Presidency.objects.select_related("partner").order_by("start")
        earlier = [other for other in presidencies if other.start < self.start]
        later = [other for other in presidencies if other.start > self.start]
        return (earlier[-1] if earlier else None), (later[0] if later else None)

    def clean(self):
        super().clean()
        if self.partner_id and not self.partner.is_country:
            raise ValidationError({"partner": _("The presidency is held by a partner country.")})
        if self.start is None:
            return
        others = Presidency.objects.exclude(pk=self.pk).select_related("partner")
        for other in others:
            if self.overlaps(other):
                raise ValidationError(
                    _(
                        "This term overlaps the presidency %(of_partner)s "
                        "(%(start)s – %(end)s). Presidencies never overlap."
                    )
                    % {
                        "of_partner": other.partner.with_of,
                        "start": other.start_display,
                        "end": other.end_display or _("today"),
                    }
                )


class SteeringCommitteeMembership(DatedTermModel, StampedModel, SourcedModel):
    """A partner's seat on the steering committee; the committee on any date derives."""

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )

    objects = DatedTermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee membership")
        verbose_name_plural = _("steering committee memberships")
        ordering = ["start", "partner__name"]
        constraints = [
            *dated_term_constraints("committee_seat"),
            models.UniqueConstraint(
                fields=["partner", "start"], name="committee_seat_partner_start_unique"
            ),
        ]

    def __str__(self):
        end = self.end_display or _("today")
        return f"{self.partner} ({self.start_display} – {end})"

    def clean(self):
        super().clean()
        if not self.partner_id or self.start is None:
            return
        for other in SteeringCommitteeMembership.objects.filter(partner=self.partner_id).exclude(
            pk=self.pk
        ):
            if self.overlaps(other):
                raise ValidationError(
                    _("%(partner)s already sits on the committee from %(start)s.")
                    % {"partner": capfirst(self.partner.with_article), "start": other.start_display}
                )


class ReferenceCountry(DatedTermModel, StampedModel, SourcedModel):
    """A partner leads a domain of a framework for a time."""

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="reference_roles",
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="reference_countries",
    )

    objects = DatedTermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reference country")
        verbose_name_plural = _("reference countries")
        ordering = ["domain__framework", "domain__sort_order", "partner__name"]
        constraints = [
            *dated_term_constraints("reference_country"),
            models.UniqueConstraint(
                fields=["partner", "domain", "start"], name="reference_country_unique"
            ),
        ]

    def __str__(self):
        return f"{self.partner} – {self.domain.framework}: {self.domain.label}"
