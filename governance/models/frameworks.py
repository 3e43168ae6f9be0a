"""Strategic frameworks and action plans: framework -> domain -> objective -> action."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.deletion import ProtectedWhileReferredTo, ProtectedWhileReferredToQuerySet
from core.models import SourcedModel, StampedModel, TranslatedQuerySet
from governance.coverage import PlanTree


class FrameworkQuerySet(ProtectedWhileReferredToQuerySet, TranslatedQuerySet):
    def strategic(self):
        """The Rabat Process's own frameworks, without related plans such as the JVAP."""
        return self.filter(kind=Framework.Kind.STRATEGIC)

    def in_force_on(self, date):
        return self.strategic().filter(adopted_on__lte=date).order_by("-adopted_on")

    def in_force(self):
        """The framework in force today: the latest strategic framework adopted."""
        return self.in_force_on(timezone.localdate()).first()

    def in_display_order(self):
        """The dialogue's own frameworks first, newest first; related plans after."""
        return self.order_by(
            Case(When(kind=Framework.Kind.STRATEGIC, then=Value(0)), default=Value(1)),
            F("adopted_on").desc(nulls_last=True),
            "short_name",
        )

    def with_totals(self):
        """Annotate how many domains, objectives and actions each framework has, and how
        many published meetings refer to it.

        A total is the one the adopted text states where the recorded levels fall short;
        objectives in parts (5a, 5b) count once.
        """

        def recorded(model, expression):
            counted = (
                model.objects.filter(framework=OuterRef("pk"))
                .order_by()
                .values("framework")
                .annotate(total=expression)
                .values("total")
            )
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            domain_total=Greatest(Coalesce("stated_domains", 0), recorded(Domain, Count("pk"))),
            objective_total=Greatest(
                Coalesce("stated_objectives", 0),
                recorded(Objective, Count(OBJECTIVE_AS_COUNTED, distinct=True)),
            ),
            action_total=Greatest(Coalesce("stated_actions", 0), recorded(Action, Count("pk"))),
            published_meeting_total=Count(
                "meetings", filter=Q(meetings__published=True), distinct=True
            ),
        )


class Framework(ProtectedWhileReferredTo, StampedModel, SourcedModel):
    """A strategic framework or action plan adopted by a ministerial conference."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", _("Rabat Process framework")
        RELATED = "related", _("related plan followed by the dialogue")

    class DomainLevel(models.TextChoices):
        DOMAIN = "domain", _("domain")
        AREA = "area", _("area")
        PILLAR = "pillar", _("pillar")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.STRATEGIC)
    domain_level = models.CharField(
        _("first level called"),
        max_length=20,
        choices=DomainLevel,
        default=DomainLevel.DOMAIN,
        help_text=_("What this framework calls its first level."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    stated_domains = models.PositiveSmallIntegerField(
        _("domains in the text"),
        null=True,
        blank=True,
        help_text=_("How many the adopted text announces, even where not all are recorded yet."),
    )
    stated_objectives = models.PositiveSmallIntegerField(
        _("objectives in the text"), null=True, blank=True
    )
    stated_actions = models.PositiveSmallIntegerField(
        _("actions in the text"), null=True, blank=True
    )

    objects = FrameworkQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = [F("adopted_on").asc(nulls_last=True), "short_name"]
        constraints = [
            models.CheckConstraint(
                name="framework_years_in_order",
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=F("first_year")),
            ),
            models.CheckConstraint(
                name="framework_kind_valid", condition=Q(kind__in=["strategic", "related"])
            ),
            models.CheckConstraint(
                name="framework_domain_level_valid",
                condition=Q(domain_level__in=["domain", "area", "pillar"]),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("governance:framework-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot come before the first.")})

    @property
    def years(self):
        if self.first_year and self.last_year and self.first_year != self.last_year:
            return f"{self.first_year}–{self.last_year}"
        return str(self.first_year or self.last_year or "")

    def objective_count(self):
        """Objectives as the text counts them: parts such as 5a and 5b count once."""
        return self.objectives.aggregate(count=Count(OBJECTIVE_AS_COUNTED, distinct=True))["count"]

    def plan_tree(self, meetings=None):
        """The domains, objectives and actions, each with the published meetings and
        recommendations that address it, coverage deriving upward.

        ``meetings`` narrows the count to a queryset of meetings (those of a presidency, say)
        and to the recommendations they issued. Four queries: the levels, and every link in one.
        """
        links = [
            level.objects.filter(framework=self).links(subject, index, meetings)
            for subject in ("meeting", "recommendation")
            for index, level in enumerate((Domain, Objective, Action))
        ]
        by_subject = {"meeting": [[], [], []], "recommendation": [[], [], []]}
        for level, subject, level_pk, other_pk in links[0].union(*links[1:], all=True):
            by_subject[subject][level].append((level_pk, other_pk))
        return PlanTree(
            self,
            domains=self.domains.all(),
            objectives=self.objectives.all(),
            actions=self.actions.all(),
            meeting_links=by_subject["meeting"],
            recommendation_links=by_subject["recommendation"],
        )


# The number under which the text counts an objective: the whole (5) for its parts (5a, 5b).
OBJECTIVE_AS_COUNTED = Coalesce(NullIf("part_of", Value("")), "number")


class PlanLevelQuerySet(ProtectedWhileReferredToQuerySet, TranslatedQuerySet):
    def in_force_first(self):
        """Those of the framework in force first, then the others from the newest framework;
        each framework's in the plan's order."""
        in_force = Framework.objects.in_force_on(timezone.localdate()).values("pk")[:1]
        return self.order_by(
            Case(When(framework=Subquery(in_force), then=Value(0)), default=Value(1)),
            F("framework__adopted_on").desc(nulls_last=True),
            "framework",
            "sort_order",
            "number",
        )

    def links(self, subject, level, meetings=None):
        """``(level, subject, level pk, pk)`` for every published meeting, or every published
        recommendation of a published meeting, that refers to a level itself; rows of the
        same shape for each level and subject, to be read in one union.

        ``meetings``, a queryset of meetings, keeps only those, or the recommendations they
        issued.
        """
        if subject == "meeting":
            filters = {"meetings__published": True}
            if meetings is not None:
                filters["meetings__in"] = meetings
            other = "meetings"
        else:
            filters = {
                "recommendations__published": True,
                "recommendations__meeting__published": True,
            }
            if meetings is not None:
                filters["recommendations__meeting__in"] = meetings
            other = "recommendations"
        # Annotations only, so that every part of the union lists its columns in this order.
        return (
            self.filter(**filters)
            .order_by()
            .annotate(
                level=Value(level),
                subject=Value(subject),
                level_pk=F("pk"),
                other_pk=F(other),
            )
            .values_list("level", "subject", "level_pk", "other_pk")
        )


def with_implied_levels(*, domains, objectives, actions):
    """The domains and objectives chosen, with those that the actions and objectives chosen
    imply: an action its objective and domain, an objective its domain. An objective or a
    domain chosen alone stays chosen."""
    objectives = Objective.objects.filter(Q(pk__in=objectives) | Q(actions__in=actions))
    domains = Domain.objects.filter(
        Q(pk__in=domains) | Q(objectives__in=objectives.values("pk"))
    ).distinct()
    return domains, objectives.distinct()


def missing_parents_q(model, *, domains, objectives, actions):
    """For a model referring to plan levels through the many-to-many fields named: true
    where it refers to an action without its objective or its domain, or to an objective
    without its domain. One subquery per case."""

    def rows(name):
        relation = model._meta.get_field(name)
        return relation.remote_field.through.objects, relation.m2m_field_name(), relation

    def chosen(name, level):
        """The outer-outer record chose ``level`` (a reference to the outer row)."""
        through, source, relation = rows(name)
        target = relation.m2m_reverse_field_name()
        return Exists(through.filter(**{source: OuterRef(OuterRef("pk")), target: OuterRef(level)}))

    actions_through, source, relation = rows(actions)
    action = relation.m2m_reverse_field_name()
    objectives_through, objective_source, relation = rows(objectives)
    objective = relation.m2m_reverse_field_name()
    chosen_actions = actions_through.filter(**{source: OuterRef("pk")})
    chosen_objectives = objectives_through.filter(**{objective_source: OuterRef("pk")})
    return (
        Exists(
            chosen_actions.filter(**{f"{action}__objective__isnull": False}).exclude(
                chosen(objectives, f"{action}__objective")
            )
        )
        | Exists(
            chosen_actions.filter(**{f"{action}__objective__domain__isnull": False}).exclude(
                chosen(domains, f"{action}__objective__domain")
            )
        )
        | Exists(
            chosen_objectives.filter(**{f"{objective}__domain__isnull": False}).exclude(
                chosen(domains, f"{objective}__domain")
            )
        )
    )


class PlanLevelModel(ProtectedWhileReferredTo, StampedModel, SourcedModel):
    """What domains, objectives and actions share: a number label unique in the framework."""

    number = models.CharField(
        _("number"), max_length=10, help_text=_("A label such as 7 or 5a, unique in the framework.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.TextField(
        _("title"), blank=True, help_text=_("Leave empty while the adopted wording is not known.")
    )

    level_name = ""

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_title

    @property
    def label(self):
        return f"{self.level_name.capitalize()} {self.number}"

    @property
    def anchor(self):
        """The fragment that points at this level on its framework's page."""
        return f"{self._meta.model_name}-{self.number}"

    @property
    def display_title(self):
        """The title, or the number alone while the title is unknown: never empty."""
        return f"{self.label} – {self.title}" if self.title else str(self.label)

    def clean(self):
        super().clean()
        parent = self.parent
        if parent is not None and self.framework_id and parent.framework_id != self.framework_id:
            raise ValidationError(_("It must belong to the same framework as its parent."))


def plan_level_constraints(prefix):
    return [
        models.UniqueConstraint(
            fields=["framework", "number"], name=f"{prefix}_number_unique_in_framework"
        ),
        models.CheckConstraint(name=f"{prefix}_number_not_empty", condition=~Q(number="")),
    ]


class Domain(PlanLevelModel):
    """The first level of a framework: a domain, an area or a pillar."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="domains"
    )

    objects = PlanLevelQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["framework", "sort_order", "number"]
        constraints = plan_level_constraints("domain")

    @property
    def level_name(self):
        return self.framework.get_domain_level_display()

    @property
    def parent(self):
        return None


class Objective(PlanLevelModel):
    """An objective of a framework, under one domain or transversal to all."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="objectives"
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    transversal = models.BooleanField(
        _("transversal"), default=False, help_text=_("Serves every domain rather than one.")
    )
    part_of = models.CharField(
        _("part of objective"),
        max_length=10,
        blank=True,
        help_text=_("For an objective split in parts (5a, 5b): the number of the whole (5)."),
    )

    level_name = pgettext_lazy("plan level", "objective")

    objects = PlanLevelQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["framework", "sort_order", "number"]
        constraints = [
            *plan_level_constraints("objective"),
            models.CheckConstraint(
                name="objective_transversal_has_no_domain",
                condition=Q(transversal=False) | Q(domain__isnull=True),
            ),
        ]

    @property
    def parent(self):
        return self.domain

    @property
    def counted_as(self):
        """The number under which the text counts it: 5 for the parts 5a and 5b."""
        return self.part_of or self.number

    def clean(self):
        super().clean()
        if self.transversal and self.domain_id:
            raise ValidationError({"domain": _("A transversal objective has no domain.")})


class Action(PlanLevelModel):
    """An action of a framework, numbered across the whole plan."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="actions"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        help_text=_("Empty while the objective it serves is not known."),
    )
    continues = models.ManyToManyField(
        "self",
        verbose_name=_("continues"),
        through="ActionCrosswalk",
        through_fields=("action", "earlier_action"),
        symmetrical=False,
        blank=True,
        related_name="continued_by",
    )

    level_name = pgettext_lazy("plan level", "action")

    objects = PlanLevelQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["framework", "sort_order", "number"]
        constraints = plan_level_constraints("action")

    @property
    def parent(self):
        return self.objective

    @property
    def domain(self):
        return self.objective.domain if self.objective else None
