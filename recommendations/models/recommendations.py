from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import SourcedModel, StampedModel, TranslatedQuerySet
from governance.models import Action, Domain, Framework, Objective, Partner
from governance.models.frameworks import missing_parents_q
from meetings.models import Document, Meeting


class RecommendationQuerySet(TranslatedQuerySet):
    def published(self):
        """Published recommendations of published meetings."""
        return self.filter(published=True, meeting__published=True)

    def count_by_kind(self):
        """How many recommendations and how many conclusions, zero included."""
        counts = dict(self.order_by().values_list("kind").annotate(count=Count("*")))
        return {kind: counts.get(kind, 0) for kind in Recommendation.Kind.values}

    def count_by_meeting(self):
        """How many of these each meeting issued, by kind: ``{meeting pk: Counter(kind →
        count)}``, in one query."""
        # COUNT(*) needs no column outside the index on (meeting, kind) of published rows.
        # Untranslated columns: read without modeltranslation's rewriting, whose reader
        # of values costs microseconds a row, and a presidency has a thousand rows.
        rows = (
            self.order_by().rewrite(False).values_list("meeting", "kind").annotate(count=Count("*"))
        )
        issued = defaultdict(Counter)
        for meeting, kind, count in rows:
            issued[meeting][kind] = count
        return issued

    def during(self, period):
        """Those of the meetings that start within ``period``, as ``Meeting.objects.during``;
        on the joined meeting rather than through a subquery, which the planner reads best."""
        recommendations = self.filter(meeting__start__gte=period.start)
        if period.end is not None:
            recommendations = recommendations.filter(meeting__start__lt=period.end)
        return recommendations

    def missing_plan_parents(self):
        """Recommendations that refer to an action without its objective or domain, or to an
        objective without its domain."""
        return self.filter(
            missing_parents_q(
                Recommendation, domains="domains", objectives="objectives", actions="actions"
            )
        )

    def referring_only_elsewhere(self, framework):
        """Recommendations that refer to levels of plans, none of them in ``framework``."""
        return (
            self.filter(
                Q(domains__isnull=False) | Q(objectives__isnull=False) | Q(actions__isnull=False)
            )
            .exclude(
                Q(domains__framework=framework)
                | Q(objectives__framework=framework)
                | Q(actions__framework=framework)
            )
            .distinct()
        )

    def addressing(self, level):
        """Recommendations that refer to a framework, domain, objective or action, or to its
        parts."""
        if isinstance(level, Framework):
            return self.filter(
                Q(domains__framework=level)
                | Q(objectives__framework=level)
                | Q(actions__framework=level)
            ).distinct()
        if isinstance(level, Domain):
            return self.filter(
                Q(domains=level) | Q(objectives__domain=level) | Q(actions__objective__domain=level)
            ).distinct()
        if isinstance(level, Objective):
            return self.filter(Q(objectives=level) | Q(actions__objective=level)).distinct()
        return self.filter(actions=level)


class Recommendation(StampedModel, SourcedModel):
    """A recommendation or conclusion issued by a meeting, numbered inside it."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("recommendation")
        CONCLUSION = "conclusion", _("conclusion")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("outcome document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.RECOMMENDATION)
    number = models.CharField(_("number"), max_length=10)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    addressees = models.ManyToManyField(
        Partner, verbose_name=_("addressed to"), blank=True, related_name="recommendations"
    )
    addressee_note = models.CharField(
        _("addressed to (as worded)"),
        max_length=300,
        blank=True,
        help_text=_("For addressees that are not partners, e.g. “all partner countries”."),
    )
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domains"), blank=True, related_name="recommendations"
    )
    objectives = models.ManyToManyField(
        Objective, verbose_name=_("objectives"), blank=True, related_name="recommendations"
    )
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), blank=True, related_name="recommendations"
    )
    published = models.BooleanField(_("published"), default=False)

    objects = RecommendationQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["meeting", "kind", "sort_order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="recommendation_number_unique"
            ),
            models.CheckConstraint(
                name="recommendation_kind_valid",
                condition=Q(kind__in=["recommendation", "conclusion"]),
            ),
            models.CheckConstraint(name="recommendation_number_not_empty", condition=~Q(number="")),
        ]
        indexes = [
            # What each meeting issued, counted from the index alone.
            models.Index(
                fields=["meeting", "kind"],
                condition=Q(published=True),
                name="recommendation_issued",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.get_kind_display()} {self.number}"

    def get_absolute_url(self):
        return reverse("recommendations:detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.document_id and self.meeting_id and self.document.meeting_id != self.meeting_id:
            raise ValidationError(
                {"document": _("The outcome document must be a document of the same meeting.")}
            )
