"""How far meetings and recommendations cover a framework: its tree, counted upward.

A meeting or a recommendation that refers to an action also addresses the action's
objective and domain; one that refers to an objective also addresses its domain.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class Coverage:
    """How many levels of a framework are addressed, out of how many the text has."""

    objectives: int
    objective_total: int
    actions: int
    action_total: int
    domains: list = field(default_factory=list)
    domain_total: int = 0

    @property
    def levels_addressed(self):
        """ "1 objective of 10 and 1 action of 29", each part agreeing with its own number."""
        objectives = ngettext(
            "%(count)s of %(total)s objectives",
            "%(count)s of %(total)s objectives",
            self.objectives,
        ) % {"count": self.objectives, "total": self.objective_total}
        actions = ngettext(
            "%(count)s of %(total)s actions",
            "%(count)s of %(total)s actions",
            self.actions,
        ) % {"count": self.actions, "total": self.action_total}
        return gettext("%(objectives)s and %(actions)s") % {
            "objectives": objectives,
            "actions": actions,
        }

    @property
    def domains_addressed(self):
        return ngettext(
            "%(count)s of %(total)s domains covered",
            "%(count)s of %(total)s domains covered",
            len(self.domains),
        ) % {"count": len(self.domains), "total": self.domain_total}


class PlanTree:
    """A framework's domains, objectives and actions, each carrying ``meeting_count`` and
    ``recommendation_count`` (distinct, its own and its children's) and ``children``.

    Objectives without a domain and actions without an objective are kept apart:
    ``transversal_objectives``, ``unplaced_objectives`` and ``unplaced_actions``.
    """

    def __init__(
        self, framework, *, domains, objectives, actions, meeting_links, recommendation_links
    ):
        self.framework = framework
        self.domains = list(domains)
        self.objectives = list(objectives)
        self.actions = list(actions)
        meetings = _links(meeting_links)
        recommendations = _links(recommendation_links)
        for level, nodes in enumerate((self.domains, self.objectives, self.actions)):
            for node in nodes:
                node.meeting_ids = set(meetings[level][node.pk])
                node.recommendation_ids = set(recommendations[level][node.pk])
                node.children = []
        self.transversal_objectives = []
        self.unplaced_objectives = []
        self.unplaced_actions = []
        self._hang(self.actions, self.objectives, "objective_id", self.unplaced_actions)
        objectives_without_domain = []
        self._hang(self.objectives, self.domains, "domain_id", objectives_without_domain)
        for objective in objectives_without_domain:
            if objective.transversal:
                self.transversal_objectives.append(objective)
            else:
                self.unplaced_objectives.append(objective)
        for node in (*self.domains, *self.objectives, *self.actions):
            node.meeting_count = len(node.meeting_ids)
            node.recommendation_count = len(node.recommendation_ids)

    @staticmethod
    def _hang(children, parents, parent_field, orphans):
        """Put each child under its parent, whose meetings and recommendations it adds to."""
        by_pk = {parent.pk: parent for parent in parents}
        for child in children:
            parent = by_pk.get(getattr(child, parent_field))
            if parent is None:
                orphans.append(child)
                continue
            parent.children.append(child)
            parent.meeting_ids |= child.meeting_ids
            parent.recommendation_ids |= child.recommendation_ids

    def coverage(self, *, with_recommendations=False):
        """The levels addressed by at least one meeting (or, if asked, recommendation).

        Totals are those the adopted text states where the recorded levels fall short;
        objectives in parts (5a, 5b) count once.
        """

        def addressed(node):
            return bool(node.meeting_count or (with_recommendations and node.recommendation_count))

        framework = self.framework
        counted_objectives = {objective.counted_as for objective in self.objectives}
        return Coverage(
            objectives=len({o.counted_as for o in self.objectives if addressed(o)}),
            objective_total=max(framework.stated_objectives or 0, len(counted_objectives)),
            actions=sum(1 for action in self.actions if addressed(action)),
            action_total=max(framework.stated_actions or 0, len(self.actions)),
            domains=[domain for domain in self.domains if addressed(domain)],
            domain_total=max(framework.stated_domains or 0, len(self.domains)),
        )

    @property
    def has_levels(self):
        return bool(self.domains or self.objectives or self.actions)

    @property
    def has_untitled_levels(self):
        return any(not node.title for node in (*self.domains, *self.objectives, *self.actions))

    @property
    def has_crosswalks(self):
        """Whether an action continues or is continued by one of another plan (reads the
        prefetched ``continues`` and ``continued_by``)."""
        return any(action.continues.all() or action.continued_by.all() for action in self.actions)


def _links(querysets):
    """For each level, a map from a level's pk to the pks of what refers to it."""
    maps = []
    for pairs in querysets:
        linked = defaultdict(set)
        for level_pk, other_pk in pairs:
            linked[level_pk].add(other_pk)
        maps.append(linked)
    return maps
