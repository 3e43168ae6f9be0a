"""Dates known to a given precision ("March 2014", "mid-2014"), and roles held between
two of them."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DatePrecision(models.TextChoices):
    """How much of a date is known. The stored date is the first day of the period."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    EARLY_YEAR = "early", pgettext_lazy("date precision", "early in the year")
    MID_YEAR = "mid", pgettext_lazy("date precision", "mid-year")
    LATE_YEAR = "late", pgettext_lazy("date precision", "late in the year")
    YEAR = "year", _("year")


# First month of the part of the year that a season precision stands for.
SEASON_FIRST_MONTH = {
    DatePrecision.EARLY_YEAR: 1,
    DatePrecision.MID_YEAR: 5,
    DatePrecision.LATE_YEAR: 9,
}


def normalise_partial_date(value, precision):
    """The canonical stored date for a partial date: the first day of its period."""
    if value is None:
        return None
    if precision == DatePrecision.DAY:
        return value
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision in SEASON_FIRST_MONTH:
        return datetime.date(value.year, SEASON_FIRST_MONTH[precision], 1)
    return datetime.date(value.year, 1, 1)


def last_day_of_period(value, precision):
    """The last day that a partial date may stand for."""
    if precision == DatePrecision.DAY:
        return value
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision in SEASON_FIRST_MONTH:
        last_month = SEASON_FIRST_MONTH[precision] + 3
        return datetime.date(value.year, last_month, calendar.monthrange(value.year, last_month)[1])
    return datetime.date(value.year, 12, 31)


def format_partial_date(value, precision):
    """A partial date as people write it: "12 March 2014", "March 2014", "mid-2014"."""
    if value is None:
        return ""
    if precision == DatePrecision.DAY:
        return formats.date_format(value, "j F Y")
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "F Y")
    if precision == DatePrecision.EARLY_YEAR:
        return _("early %(year)s") % {"year": value.year}
    if precision == DatePrecision.MID_YEAR:
        return _("mid-%(year)s") % {"year": value.year}
    if precision == DatePrecision.LATE_YEAR:
        return _("late %(year)s") % {"year": value.year}
    return str(value.year)


def periods_certainly_overlap(first, second):
    """Whether two dated terms overlap for sure, given how precisely each bound is known.

    Each term is ``(start, start_precision, end, end_precision)`` with ``end`` None while
    the term runs. Terms that touch (one ends the day the next starts) do not overlap, and
    bounds known only to the year or month overlap only if they certainly do.
    """
    return _certainly_before(first[0], first[1], second[2], second[3]) and _certainly_before(
        second[0], second[1], first[2], first[3]
    )


def _certainly_before(start, start_precision, end, end_precision):
    if end is None:
        return True
    return last_day_of_period(start, start_precision) < normalise_partial_date(end, end_precision)


class DatedTermQuerySet(models.QuerySet):
    """Terms held from a start date to an end date, the end empty while the term runs.

    The end is exclusive: a chair handed over on 1 February ends its term on 1 February
    and the next one starts that day.
    """

    def on(self, date):
        return self.filter(start__lte=date).filter(
            models.Q(end__isnull=True) | models.Q(end__gt=date)
        )

    def current(self):
        return self.on(timezone.localdate())

    def ended(self):
        """Terms over by today."""
        return self.filter(end__lte=timezone.localdate())

    def during(self, period):
        """Terms that overlap ``period``, anything with ``start`` and ``end`` (None = open)."""
        terms = self
        if period.end is not None:
            terms = terms.filter(start__lt=period.end)
        return terms.filter(models.Q(end__isnull=True) | models.Q(end__gt=period.start))


class DatedTermModel(models.Model):
    """A role held from a start to an end date, each known to a given precision."""

    start = models.DateField(_("start"))
    start_precision = models.CharField(
        _("start known to the"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while it runs."))
    end_precision = models.CharField(
        _("end known to the"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.start = normalise_partial_date(self.start, self.start_precision)
        self.end = normalise_partial_date(self.end, self.end_precision)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot come before the start.")})

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end > today)

    @property
    def start_display(self):
        return format_partial_date(self.start, self.start_precision)

    @property
    def end_display(self):
        return format_partial_date(self.end, self.end_precision)

    @property
    def period_display(self):
        """ "2016", "1 February 2024 – 30 January 2025" or "29 January 2026 – today"."""
        if self.end is None:
            return _("%(start)s – today") % {"start": self.start_display}
        if self.start_display == self.end_display:
            return self.start_display
        return f"{self.start_display} – {self.end_display}"

    def as_period(self):
        return (self.start, self.start_precision, self.end, self.end_precision)

    def overlaps(self, other):
        return periods_certainly_overlap(self.as_period(), other.as_period())


def dated_term_constraints(prefix):
    """The database rules every dated term obeys, named after its table."""
    precisions = [choice.value for choice in DatePrecision]
    return [
        models.CheckConstraint(
            name=f"{prefix}_end_after_start",
            condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
        ),
        models.CheckConstraint(
            name=f"{prefix}_start_precision_valid",
            condition=models.Q(start_precision__in=precisions),
        ),
        models.CheckConstraint(
            name=f"{prefix}_end_precision_valid",
            condition=models.Q(end_precision__in=precisions),
        ),
    ]
