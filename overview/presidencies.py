"""Presidencies compared, side by side: the meetings of the dialogue held during each by
kind, the recommendations and conclusions they issued, how much of the plan then in
force they covered, and the co-chairs. Up to ``MOST`` presidencies; the queries depend on
how many are compared, never on the size of the record."""

from collections import defaultdict

from django import forms
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core.charts import Row, StackedBars
from governance.models import Framework, Presidency
from meetings.models import Meeting, MeetingRole
from recommendations.models import Recommendation

MOST = 4


class PresidencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, presidency):
        return f"{presidency.partner} ({presidency.period_display})"


class CompareForm(forms.Form):
    presidencies = PresidencyChoiceField(
        label=_("Presidencies"),
        queryset=Presidency.objects.select_related("partner").order_by("-start"),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_presidencies(self):
        chosen = self.cleaned_data["presidencies"]
        if not 2 <= len(chosen) <= MOST:
            raise forms.ValidationError(
                _("Choose from 2 to %(most)s presidencies."), params={"most": MOST}
            )
        return sorted(chosen, key=lambda presidency: presidency.start)


def label(presidency):
    return f"{presidency.partner} ({presidency.start.year})"


def latest_two():
    """What the page compares unless asked: the latest presidency and the one before."""
    return sorted(
        Presidency.objects.select_related("partner").order_by("-start")[:2],
        key=lambda presidency: presidency.start,
    )


def _term(field, presidencies):
    """The presidency during which ``field`` (a meeting's start) falls, as its key."""
    return Case(
        *(
            When(
                Q(**{f"{field}__gte": p.start}) & (Q(**{f"{field}__lt": p.end}) if p.end else Q()),
                then=Value(p.pk),
            )
            for p in presidencies
        ),
        default=None,
        output_field=IntegerField(),
    )


class Comparison:
    def __init__(self, presidencies):
        self.presidencies = presidencies
        meetings = Meeting.objects.published().of_the_dialogue()
        by_kind = defaultdict(dict)
        rows = (
            meetings.annotate(term=_term("start", presidencies))
            .filter(term__isnull=False)
            .order_by()
            .values("term", "kind")
            .annotate(count=Count("pk"))
        )
        for row in rows:
            by_kind[row["term"]][row["kind"]] = row["count"]
        issued = defaultdict(dict)
        rows = (
            Recommendation.objects.published()
            .annotate(term=_term("meeting__start", presidencies))
            .filter(term__isnull=False)
            .order_by()
            .values("term", "kind")
            .annotate(count=Count("pk"))
        )
        for row in rows:
            issued[row["term"]][row["kind"]] = row["count"]
        chairs = defaultdict(list)
        roles = (
            MeetingRole.objects.filter(meeting__in=meetings)
            .annotate(term=_term("meeting__start", presidencies))
            .filter(term__isnull=False)
            .values("term", "partner__name", "partner__slug")
            .annotate(count=Count("meeting", distinct=True))
            .order_by("term", "-count", "partner__name")
        )
        for role in roles:
            chairs[role["term"]].append(role)
        self.columns = []
        for presidency in presidencies:
            framework = Framework.objects.in_force_on(presidency.start).first()
            coverage = (
                framework.plan_tree(meetings=meetings.during(presidency)).coverage(
                    with_recommendations=True
                )
                if framework
                else None
            )
            self.columns.append(
                {
                    "presidency": presidency,
                    "meetings": sum(by_kind[presidency.pk].values()),
                    "recommendations": issued[presidency.pk].get("recommendation", 0),
                    "conclusions": issued[presidency.pk].get("conclusion", 0),
                    "framework": framework,
                    "coverage": coverage,
                    "chairs": chairs[presidency.pk],
                }
            )
        self.meetings_chart = StackedBars(
            name="compare-meetings",
            title=_("Meetings of the dialogue by kind"),
            series=[(kind.value, kind.label) for kind in Meeting.Kind],
            rows=[
                Row(label(p), url=p.get_absolute_url(), values=by_kind[p.pk]) for p in presidencies
            ],
            unit_label=_("Presidency"),
        )
        self.issued_chart = StackedBars(
            name="compare-issued",
            title=_("Recommendations and conclusions"),
            series=[(kind.value, kind.label) for kind in Recommendation.Kind],
            rows=[
                Row(label(p), url=p.get_absolute_url(), values=issued[p.pk]) for p in presidencies
            ],
            unit_label=_("Presidency"),
        )
