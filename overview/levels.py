"""The domains, objectives and actions of one framework, in the plan's order, read once
for the pages that count up the plan (the gap finder, the follow-up)."""

from governance.models import Action, Domain, Objective


def plan_levels(framework):
    """``(domains, objectives, actions)`` of ``framework``, three queries; each level
    knows its framework (its label names the framework's kind of domain) without reading
    it again."""
    levels = []
    for model in (Domain, Objective, Action):
        records = list(model.objects.filter(framework=framework).order_by("sort_order", "number"))
        for record in records:
            record.framework = framework
        levels.append(records)
    return tuple(levels)
