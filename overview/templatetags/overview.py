from django import template

from overview.gaps import Gaps

register = template.Library()


@register.inclusion_tag("overview/includes/gaps_summary.html")
def plan_gaps():
    """The gaps of the plan in force in a few lines, for the admin's index."""
    return {"gaps": Gaps()}
