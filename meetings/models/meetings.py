"""Meetings of the dialogue and the partners that chair them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, JSONField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import SourcedModel, StampedModel, TranslatedQuerySet
from governance.models import (
    Action,
    Bloc,
    DatePrecision,
    Domain,
    Framework,
    Objective,
    Partner,
)
from governance.models.dates import format_partial_date, normalise_partial_date
from governance.models.frameworks import missing_parents_q

# The annotations of ``MeetingQuerySet.with_neighbours()``.
NEIGHBOUR_SIDES = ("previous_neighbour", "next_neighbour")


class MeetingQuerySet(TranslatedQuerySet):
    def published(self):
        return self.filter(published=True)

    def with_neighbours(self):
        """Each meeting with the previous and the next published meeting of the same kind
        (``Meeting.neighbours()``), each read as one indexed lookup in a subquery."""
        same_kind = Meeting.objects.published().filter(kind=OuterRef("kind"))
        start, pk = OuterRef("start"), OuterRef("pk")
        # The bounds on start repeat the OR for the planner: they let it read the (kind,
        # start) index from this meeting on, instead of from one end of the kind.
        sides = (
            same_kind.filter(start__lte=start)
            .filter(Q(start__lt=start) | Q(pk__lt=pk))
            .order_by("-start", "-pk"),
            same_kind.filter(start__gte=start)
            .filter(Q(start__gt=start) | Q(pk__gt=pk))
            .order_by("start", "pk"),
        )
        # Each side's link as one JSON object: one subquery a side, not one a column.
        fields = [
            "pk",
            "slug",
            "start",
            *(
                f"{field}_{code}"
                for field in ("title", "city")
                for code, _name in settings.LANGUAGES
            ),
        ]
        link = JSONObject(**{field: field for field in fields})
        return self.annotate(
            **{
                name: Subquery(
                    meetings.annotate(link=link).values("link")[:1], output_field=JSONField()
                )
                for name, meetings in zip(NEIGHBOUR_SIDES, sides, strict=True)
            }
        )

    def upcoming(self):
        return self.filter(start__gte=timezone.localdate()).exclude(
            status__in=[Meeting.Status.HELD, Meeting.Status.CANCELLED]
        )

    def held(self):
        return self.filter(status=Meeting.Status.HELD)

    def of_the_dialogue(self):
        """Meetings of the Rabat Process itself, without the related events of other
        processes that the record keeps beside them."""
        return self.exclude(kind=Meeting.Kind.RELATED_EVENT)

    def past_but_pending(self):
        """Meetings whose dates have passed while the record still says planned or
        confirmed: whether they took place is not recorded."""
        return self.filter(
            start__lt=timezone.localdate(),
            status__in=[Meeting.Status.PLANNED, Meeting.Status.CONFIRMED],
        )

    def latest_held(self):
        return self.held().filter(start__lte=timezone.localdate()).order_by("-start", "-pk")

    def without_chairs(self):
        """Meetings with no chair recorded and not marked as having them still to be
        determined."""
        return self.filter(chairs__isnull=True, co_chairs_to_be_determined=False)

    def missing_plan_parents(self):
        """Meetings that refer to an action without its objective or domain, or to an
        objective without its domain."""
        return self.filter(
            missing_parents_q(
                Meeting, domains="domains", objectives="plan_objectives", actions="actions"
            )
        )

    def tally_by_kind(self):
        """(kind label, meetings, participants) for each kind present, most frequent first;
        participants are summed where an exact count is known."""
        rows = (
            self.order_by()
            .values("kind")
            .annotate(count=Count("pk"), participants=Sum("participants_count"))
            .order_by("-count", "kind")
        )
        return [
            (Meeting.Kind(row["kind"]).label, row["count"], row["participants"] or 0)
            for row in rows
        ]

    def during(self, period):
        """Meetings that start within ``period`` (anything with ``start`` and ``end``)."""
        meetings = self.filter(start__gte=period.start)
        if period.end is not None:
            meetings = meetings.filter(start__lt=period.end)
        return meetings

    def addressing(self, level):
        """Meetings that refer to a framework, domain, objective or action, or to its parts."""
        if isinstance(level, Framework):
            return self.filter(
                Q(frameworks=level)
                | Q(domains__framework=level)
                | Q(plan_objectives__framework=level)
                | Q(actions__framework=level)
            ).distinct()
        if isinstance(level, Domain):
            return self.filter(
                Q(domains=level)
                | Q(plan_objectives__domain=level)
                | Q(actions__objective__domain=level)
            ).distinct()
        if isinstance(level, Objective):
            return self.filter(Q(plan_objectives=level) | Q(actions__objective=level)).distinct()
        return self.filter(actions=level)


class MeetingKind(models.TextChoices):
    MINISTERIAL_CONFERENCE = "ministerial_conference", _("ministerial conference")
    SENIOR_OFFICIALS_MEETING = "senior_officials_meeting", _("senior officials' meeting")
    STEERING_COMMITTEE = "steering_committee", _("steering committee")
    THEMATIC_MEETING = "thematic_meeting", _("thematic meeting")
    SPECIAL_EVENT = "special_event", _("special event")
    TRAINING = "training", _("training or technical assistance")
    CONSULTATION = "consultation", _("consultation or round table")
    DRAFTING_COMMITTEE = "drafting_committee", _("drafting committee")
    WORKSHOP = "workshop", _("workshop")
    WEBINAR = "webinar", _("webinar")
    RELATED_EVENT = "related_event", _("related event of another process")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    CONFIRMED = "confirmed", pgettext_lazy("meeting status", "confirmed")
    HELD = "held", pgettext_lazy("meeting status", "held")
    POSTPONED = "postponed", pgettext_lazy("meeting status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")


class Meeting(StampedModel, SourcedModel):
    """A meeting of the dialogue, from a ministerial conference to a webinar."""

    Kind = MeetingKind
    Status = MeetingStatus

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    start = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Empty while not even the year is known.")
    )
    date_precision = models.CharField(
        _("date known to the"),
        max_length=10,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("For a date such as “March 2014” or “mid-2014”, enter any day of it."),
    )
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Last day, for a meeting of several days.")
    )
    tentative = models.BooleanField(_("date to be confirmed"), default=False)
    date_note = models.CharField(
        _("note on the date"),
        max_length=200,
        blank=True,
        help_text=_("What is known of a date that cannot be entered, e.g. “15–16 April”."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    host_country = models.ForeignKey(
        Partner,
        verbose_name=_("host country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    online = models.BooleanField(_("held online"), default=False)
    objectives = models.TextField(_("objectives of the meeting"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    participants_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    participation_note = models.TextField(
        _("participation"),
        blank=True,
        help_text=_("Participation as reported, e.g. “25 African and 26 European countries”."),
    )
    participants = models.ManyToManyField(
        Partner,
        verbose_name=_("participating partners"),
        blank=True,
        related_name="attended_meetings",
    )
    co_chairs_to_be_determined = models.BooleanField(_("co-chairs to be determined"), default=False)
    frameworks = models.ManyToManyField(
        Framework, verbose_name=_("frameworks"), blank=True, related_name="meetings"
    )
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domains"), blank=True, related_name="meetings"
    )
    plan_objectives = models.ManyToManyField(
        Objective, verbose_name=_("plan objectives"), blank=True, related_name="meetings"
    )
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), blank=True, related_name="meetings"
    )
    published = models.BooleanField(_("published"), default=False)

    objects = MeetingQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = [F("start").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                name="meeting_end_after_start",
                condition=Q(end__isnull=True) | Q(start__isnull=False, end__gte=F("start")),
            ),
            models.CheckConstraint(
                name="meeting_end_only_for_exact_dates",
                condition=Q(end__isnull=True) | Q(date_precision=DatePrecision.DAY),
            ),
            models.CheckConstraint(
                name="meeting_kind_valid",
                condition=Q(kind__in=[choice.value for choice in MeetingKind]),
            ),
            models.CheckConstraint(
                name="meeting_status_valid",
                condition=Q(status__in=[choice.value for choice in MeetingStatus]),
            ),
            models.CheckConstraint(
                name="meeting_date_precision_valid",
                condition=Q(date_precision__in=[choice.value for choice in DatePrecision]),
            ),
        ]
        indexes = [
            models.Index(fields=["published", "start"], name="meeting_published_start"),
            models.Index(fields=["kind", "start"], name="meeting_kind_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.start = normalise_partial_date(self.start, self.date_precision)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if not self.slug:
            self.slug = self.free_slug()
            if not self.slug and self.title:
                errors["slug"] = _("Enter a slug: none can be made from the title.")
        if self.end and not self.start:
            errors["end"] = _("A meeting with an end date needs a start date.")
        elif self.end and self.end < self.start:
            errors["end"] = _("The meeting cannot end before it starts.")
        if self.end and self.date_precision != DatePrecision.DAY:
            errors["end"] = _("Only a meeting with exact dates can have an end date.")
        if errors:
            raise ValidationError(errors)

    def free_slug(self):
        """A slug made from the title in the first language it is given in, numbered if
        another meeting has it already ("…-2"); empty if the title has no letter or digit."""
        titles = (getattr(self, f"title_{code}", "") for code, _name in settings.LANGUAGES)
        base = slugify(next((title for title in titles if title), ""))
        base = base[: self._meta.get_field("slug").max_length - 4].strip("-")
        if not base:
            return ""
        taken = set(
            Meeting.objects.exclude(pk=self.pk)
            .filter(slug__regex=rf"^{base}(-[0-9]+)?$")
            .values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def dates_display(self):
        """The dates as precisely as they are known: "13–14 December 2022", "mid-2014"."""
        if self.start is None:
            text = self.date_note or str(_("date not known"))
        elif self.end and self.end != self.start:
            text = _date_range(self.start, self.end)
        else:
            text = format_partial_date(self.start, self.date_precision)
        if self.tentative:
            text = _("%(dates)s, to be confirmed") % {"dates": text}
        return text

    @property
    def status_note(self):
        """``(key, label)`` of what the lists and the page say of the status, ``None`` for a
        meeting held. A past meeting still planned or confirmed is not shown as such: the
        record does not say whether it took place."""
        if self.status == self.Status.HELD:
            return None
        pending = (self.Status.PLANNED, self.Status.CONFIRMED)
        if self.status in pending and self.start and self.start < timezone.localdate():
            return "unconfirmed", _("not confirmed as held")
        return self.status, self.get_status_display()

    @property
    def title_context(self):
        """The city and the year, each where the title does not already say it."""
        parts = []
        if self.city and self.city not in self.title:
            parts.append(self.city)
        if self.start and str(self.start.year) not in self.title:
            parts.append(str(self.start.year))
        return ", ".join(parts)

    @property
    def full_title(self):
        """The title followed by its context, as plain text: "Senior Officials' Meeting –
        Dakar, 2015"."""
        context = self.title_context
        return f"{self.title} – {context}" if context else self.title

    @property
    def place(self):
        if self.online and not self.city:
            return _("online")
        return ", ".join(str(part) for part in (self.city, self.host_country or "") if part)

    def plan_references(self):
        """Per framework, the levels referred to: "Domain 4 · Objective 7 · Actions 20–22".

        Reads the prefetched frameworks, domains, plan_objectives and actions.
        """
        by_framework = {}
        for framework in self.frameworks.all():
            by_framework.setdefault(framework, [])
        for domain in self.domains.all():
            by_framework.setdefault(domain.framework, []).append((domain.label, domain))
        objectives = {}
        for objective in self.plan_objectives.all():
            objectives.setdefault(objective.framework, []).append(objective)
        actions = {}
        for action in self.actions.all():
            actions.setdefault(action.framework, []).append(action)
        for framework, levels in objectives.items():
            numbers = compress_numbers([level.number for level in levels])
            label = ngettext("Objective %(numbers)s", "Objectives %(numbers)s", len(levels))
            by_framework.setdefault(framework, []).append((label % {"numbers": numbers}, levels[0]))
        for framework, levels in actions.items():
            numbers = compress_numbers([level.number for level in levels])
            label = ngettext("Action %(numbers)s", "Actions %(numbers)s", len(levels))
            by_framework.setdefault(framework, []).append((label % {"numbers": numbers}, levels[0]))
        return list(by_framework.items())

    def participation_by_bloc(self):
        """Participating partners grouped by bloc, in the dialogue's usual order."""
        groups = {bloc: [] for bloc in Bloc}
        for partner in self.participants.all():
            groups[partner.bloc].append(partner)
        return [(bloc.label, partners) for bloc, partners in groups.items() if partners]

    def neighbours(self):
        """The previous and the next published meeting of the same kind. They come with
        their slug and titles only: enough for a link. Read with the meeting when it was
        read ``with_neighbours()``, otherwise in one query."""
        if hasattr(self, "previous_neighbour"):
            links = (self.previous_neighbour, self.next_neighbour)
        elif self.start is None:
            return None, None
        else:
            meeting = Meeting.objects.filter(pk=self.pk).with_neighbours()
            links = meeting.values_list(*NEIGHBOUR_SIDES).first() or (None, None)
        return tuple(_link(link) if link is not None else None for link in links)


def _link(values):
    """A meeting to link to, from the JSON object of ``with_neighbours()``."""
    start = values.pop("start")
    return Meeting(**values, start=datetime.date.fromisoformat(start) if start else None)


def _date_range(start, end):
    if start.year != end.year:
        return f"{formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}"
    if start.month != end.month:
        return f"{formats.date_format(start, 'j F')} – {formats.date_format(end, 'j F Y')}"
    return f"{start.day}–{formats.date_format(end, 'j F Y')}"


class MeetingRole(StampedModel):
    """A partner chairs or co-chairs a meeting; one role per partner per meeting."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        CO_CHAIR = "co_chair", _("co-chair")
        HONORARY_CO_CHAIR = "honorary_co_chair", _("honorary co-chair")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="chairs"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="chaired"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.CO_CHAIR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chair or co-chair")
        verbose_name_plural = _("chairs and co-chairs")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "partner"], name="meeting_role_one_per_partner"
            ),
            models.CheckConstraint(
                name="meeting_role_valid",
                condition=Q(role__in=["chair", "co_chair", "honorary_co_chair"]),
            ),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"


def compress_numbers(numbers):
    """ "3, 6, 20–22" from 3, 6, 20, 21, 22; labels that are not whole numbers stay as they are."""
    parts, run = [], []
    for number in numbers:
        if number.isdigit() and run and int(number) == int(run[-1]) + 1:
            run.append(number)
            continue
        parts.extend(_close_run(run))
        run = [number] if number.isdigit() else []
        if not number.isdigit():
            parts.append(number)
    parts.extend(_close_run(run))
    return ", ".join(parts)


def _close_run(run):
    if len(run) > 2:
        return [f"{run[0]}–{run[-1]}"]
    return run


class MeetingReminder(models.Model):
    """That a focal point was reminded of a meeting, once (the scheduled jobs write it
    with the e-mail)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    focal_point = models.ForeignKey(
        "governance.FocalPoint", on_delete=models.CASCADE, related_name="meeting_reminders"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting reminder")
        verbose_name_plural = _("meeting reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "focal_point"], name="a_meeting_reminder_once_a_person"
            )
        ]

    def __str__(self):
        return f"{self.meeting} → {self.focal_point}"
