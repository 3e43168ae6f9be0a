from django import template

from overview.gaps import Gaps
from overview.maps import DialogueMap

register = template.Library()


@register.inclusion_tag("overview/includes/gaps_summary.html")
def plan_gaps():
    """The gaps of the plan in force in a few lines, for the admin's index."""
    return {"gaps": Gaps()}


@register.inclusion_tag("overview/includes/country_map.html")
def country_map(partner):
    """The map around ``partner``'s country, which stands out; nothing for an
    organisation or a country the map does not draw."""
    dialogue_map = DialogueMap(highlight=partner)
    shown = any(country.highlighted for country in dialogue_map.countries)
    return {"map": dialogue_map if shown else None, "partner": partner}
