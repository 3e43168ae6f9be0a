"""The follow-up dashboard: for the plan in force, how many partners' validated reports
give each status of implementation, for each domain, objective and action in a reporting
round, and over the rounds. Only validated reports count, as everywhere in public; a
country's own answers stay private. Seven queries, whatever the record."""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.charts import Row, StackedBars
from governance.models import Framework
from overview.levels import plan_levels
from recommendations.models import ImplementationReport, ReportingRound

STATUSES = [(status.value, status.label) for status in ImplementationReport.Status]
LEVELS = ("domain", "objective", "action")


def _add(total, counts):
    for status, count in counts.items():
        total[status] = total.get(status, 0) + count


class FollowUp:
    """The figures of ``round`` (by default the latest round of the plan in force with a
    validated report) and of every round of the plan."""

    def __init__(self, round_slug=None):
        self.framework = Framework.objects.in_force()
        self.unknown_round = False
        self.by_round = {}
        self.rounds = []
        self.round = None
        self.levels = {level: [] for level in LEVELS}
        if self.framework is None:
            return
        self.rounds = list(
            ReportingRound.objects.filter(framework=self.framework).order_by("opens_on", "pk")
        )
        validated = ImplementationReport.objects.validated().filter(
            round__framework=self.framework, action__isnull=False
        )
        by_round = defaultdict(dict)
        for row in validated.order_by().values("round", "status").annotate(count=Count("pk")):
            by_round[row["round"]][row["status"]] = row["count"]
        self.by_round = by_round
        reported = [round_ for round_ in self.rounds if round_.pk in by_round]
        chosen = [round_ for round_ in self.rounds if round_.slug == round_slug]
        self.unknown_round = bool(round_slug) and not chosen
        self.round = chosen[0] if chosen else (reported[-1] if reported else None)
        by_action = defaultdict(dict)
        if self.round is not None:
            rows = (
                validated.filter(round=self.round)
                .order_by()
                .values("action", "status")
                .annotate(count=Count("pk"))
            )
            for row in rows:
                by_action[row["action"]][row["status"]] = row["count"]
        self._count_levels(by_action)

    def _count_levels(self, by_action):
        """Each level with ``counts`` {status: reports}, an objective's and a domain's
        being the sum of their actions'."""
        domains, objectives, actions = plan_levels(self.framework)
        for level in (*domains, *objectives, *actions):
            level.counts = {}
        objective_of = {objective.pk: objective for objective in objectives}
        domain_of = {domain.pk: domain for domain in domains}
        for action in actions:
            action.counts = dict(by_action.get(action.pk, {}))
            objective = objective_of.get(action.objective_id)
            if objective is not None:
                _add(objective.counts, action.counts)
        for objective in objectives:
            domain = domain_of.get(objective.domain_id)
            if domain is not None:
                _add(domain.counts, objective.counts)
        self.levels = {"domain": domains, "objective": objectives, "action": actions}

    @property
    def has_reports(self):
        return bool(self.by_round)

    def chart(self, level):
        titles = {
            "domain": _("By domain: partners' validated reports by status"),
            "objective": _("By objective: partners' validated reports by status"),
            "action": _("By action: partners' validated reports by status"),
        }
        return StackedBars(
            name=f"follow-up-{level}",
            title=titles[level],
            series=STATUSES,
            rows=[
                Row(
                    str(record.label),
                    url=f"{self.framework.get_absolute_url()}#{record.anchor}",
                    values=record.counts,
                )
                for record in self.levels[level]
            ],
            unit_label=_("Level of the plan"),
        )

    @property
    def charts(self):
        """(level, chart) for each level of the plan."""
        return [(level, self.chart(level)) for level in LEVELS]

    @property
    def over_rounds(self):
        return StackedBars(
            name="follow-up-rounds",
            title=_("Over the rounds: partners' validated reports on the actions, by status"),
            series=STATUSES,
            rows=[
                Row(str(round_.name), values=self.by_round.get(round_.pk, {}))
                for round_ in self.rounds
            ],
            unit_label=_("Reporting round"),
        )

    def table(self, level):
        """Rows of the CSV file of one level: number, title, a count per status, total."""
        for record in self.levels[level]:
            counts = [record.counts.get(status, 0) for status, _label in STATUSES]
            yield [record.number, record.title, *counts, sum(counts)]
