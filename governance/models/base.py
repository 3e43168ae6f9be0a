"""Building blocks shared by the models of every layer."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.translator import NotRegistered, translator
from simple_history import models as simple_history_models
from simple_history import register


class StampedModel(models.Model):
    """Who created a record and who changed it last, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def edited_by_a_person(self):
        """True once somebody changed the record by hand (the loader leaves it alone then)."""
        return self.updated_by_id is not None


class HistoricalRecords(simple_history_models.HistoricalRecords):
    """Every version of a record, with who saved it and when (django-simple-history).

    Refinements of simple-history's own: adding or removing links that are already there
    or already gone records nothing (the loader re-adds the links it knows), and neither
    do the links of rows loaded from a fixture or a backup; a link changed from the other
    side of a many-to-many relation is recorded on the records whose links changed; and
    the record of a deletion keeps the links the record had, which Django removes before
    the record itself.
    """

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        # The historical models live beside the app's models, where the shell finds them.
        self.module = f"{cls._meta.app_label}.models"

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            # Lets the admin record one version after a form has saved the row and its links.
            sender._meta.history_records = self

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # Loading a fixture or a backup, whose history comes with it; so do its links.
            instance._history_loading = True
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action in ("post_add", "post_remove") and not pk_set:
            return
        if getattr(instance, "_history_loading", False):
            return
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        # ``instance`` is on the other side: the records whose links changed are in pk_set,
        # or, when all of its links are cleared, those linked to it before.
        if action == "pre_clear":
            linked = self.cls._default_manager.filter(**{attr: instance})
            instance._history_cleared = list(linked.values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return
        for record in self.cls._default_manager.filter(pk__in=pk_set):
            super().m2m_changed(record, action, attr, pk_set, False, **kwargs)

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        instance._history_links_before_delete = {
            field: list(
                field.remote_field.through._default_manager.filter(
                    **{field.m2m_field_name(): instance}
                )
            )
            for field in self.get_m2m_fields_from_model(type(instance))
        }

    def create_historical_record_m2ms(self, history_instance, instance):
        links = getattr(instance, "_history_links_before_delete", None)
        if history_instance.history_type != "-" or links is None:
            super().create_historical_record_m2ms(history_instance, instance)
            return
        for field in history_instance._history_m2m_fields:
            history_model = self.m2m_models[field]
            names = [column.attname for column in field.remote_field.through._meta.fields]
            history_model._default_manager.bulk_create(
                history_model(
                    history=history_instance, **{name: getattr(row, name) for name in names}
                )
                for row in links[field]
            )


def stamp(obj, user):
    """Set who created (when new) and who last changed a stamped record."""
    if not isinstance(obj, StampedModel):
        return
    if obj._state.adding and obj.created_by_id is None:
        obj.created_by = user
    obj.updated_by = user


def translated_field_names(model):
    """Names of the translated fields of a model; empty if it is not registered."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def register_translated_history(model, **options):
    """Record the history of a translated model; call it in translation.py, after the
    model's translation is registered, so that the history has every language's columns.

    The language-neutral column of a translated field (``title`` beside ``title_en`` and
    ``title_fr``) follows whichever language was active when saving: it is left out.
    """
    neutral = list(translator.get_options_for_model(model).fields)
    register(
        model,
        app=model._meta.app_label,
        records_class=HistoricalRecords,
        excluded_fields=neutral,
        **options,
    )


def record_version(instance, history_type="~"):
    """Write a version of ``instance`` as it is now, as saving it would."""
    instance._meta.history_records.create_historical_record(instance, history_type)


class SourcedModel(models.Model):
    """Where a fact comes from: the secretariat's working notes, never shown to visitors."""

    sources = models.TextField(
        _("sources"), blank=True, help_text=_("Addresses of the sources, one per line.")
    )
    source_note = models.TextField(
        _("note on the sources"),
        blank=True,
        help_text=_("What is uncertain, paraphrased or inferred about this record."),
    )

    class Meta:
        abstract = True


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` (a ``Choices`` class), or ``value`` itself if
    it is not one: what ``get_FOO_display()`` gives, without translating every label of the
    field to find one, as Django's does on each call (a list of meetings calls it for each)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


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
