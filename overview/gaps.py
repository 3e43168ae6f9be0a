"""The gap finder: the levels of the plan in force (domains, objectives, actions) that no
published meeting or recommendation has addressed yet, since the plan's adoption, and
the others by how long ago they were last addressed, so that the next presidency can
plan its programme. A meeting or recommendation that refers to an action also addresses
its objective and domain, as on the plan's page. Ten queries, whatever the record."""

from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import ngettext

from governance.models import Action, Domain, Framework, Objective
from overview.levels import plan_levels


@dataclass
class Level:
    """A domain, objective or action with the day a meeting last addressed it (its own
    or its children's meetings, or the meeting that issued a recommendation about it)."""

    record: object
    kind: str
    last: object = None

    @property
    def title(self):
        return self.record.title

    @property
    def number(self):
        return self.record.number


def _last_dates(model, framework):
    """{pk: the latest start of a published meeting that refers to it, itself or through
    one of its published recommendations}."""
    levels = model.objects.filter(framework=framework).order_by().values("pk")
    latest = {}
    for rows in (
        levels.filter(meetings__published=True).annotate(last=Max("meetings__start")),
        levels.filter(
            recommendations__published=True, recommendations__meeting__published=True
        ).annotate(last=Max("recommendations__meeting__start")),
    ):
        for row in rows:
            if row["last"] and (row["pk"] not in latest or row["last"] > latest[row["pk"]]):
                latest[row["pk"]] = row["last"]
    return latest


def _later(first, second):
    return max(date for date in (first, second) if date) if (first or second) else None


class Gaps:
    """The gaps of the plan in force; ``framework`` None when no plan is in force."""

    def __init__(self, framework=None):
        self.framework = framework or Framework.objects.in_force()
        self.levels = []
        if self.framework is None:
            return
        dates = {model: _last_dates(model, self.framework) for model in (Domain, Objective, Action)}
        domain_records, objective_records, action_records = plan_levels(self.framework)
        domains = {d.pk: Level(d, "domain", dates[Domain].get(d.pk)) for d in domain_records}
        objectives = {
            o.pk: Level(o, "objective", dates[Objective].get(o.pk)) for o in objective_records
        }
        actions = [Level(a, "action", dates[Action].get(a.pk)) for a in action_records]
        for action in actions:
            objective = objectives.get(action.record.objective_id)
            if objective:
                objective.last = _later(objective.last, action.last)
        for objective in objectives.values():
            domain = domains.get(objective.record.domain_id)
            if domain:
                domain.last = _later(domain.last, objective.last)
        self.levels = [*domains.values(), *objectives.values(), *actions]

    @property
    def never(self):
        """Levels nothing has addressed since the plan was adopted, in the plan's order."""
        return [level for level in self.levels if level.last is None]

    @property
    def longest_ago(self):
        """The other objectives and actions, those addressed longest ago first."""
        addressed = [
            level for level in self.levels if level.last is not None and level.kind != "domain"
        ]
        return sorted(addressed, key=lambda level: level.last)

    @property
    def never_groups(self):
        """(heading, levels) for each kind of level nothing has addressed: "2 objectives"."""
        headings = {
            "domain": lambda count: ngettext("%(count)s domain", "%(count)s domains", count),
            "objective": lambda count: ngettext(
                "%(count)s objective", "%(count)s objectives", count
            ),
            "action": lambda count: ngettext("%(count)s action", "%(count)s actions", count),
        }
        groups = []
        for kind, heading in headings.items():
            levels = [level for level in self.never if level.kind == kind]
            if levels:
                groups.append((heading(len(levels)) % {"count": len(levels)}, levels))
        return groups

    def count(self, kind):
        return sum(1 for level in self.never if level.kind == kind)

    @property
    def objectives_never(self):
        return self.count("objective")

    @property
    def actions_never(self):
        return self.count("action")
