"""A meeting's title as lists, headings, links and feeds show it."""

from django import template
from django.utils.html import conditional_escape

from core.fallback import in_some_language
from core.templatetags.translated import marked

register = template.Library()


@register.simple_tag
def meeting_title(meeting):
    """The title in the page's language, or marked in another one, followed by the place
    and the year where the title does not say them: eleven meetings are titled only
    "Senior Officials' Meeting"."""
    text, language = in_some_language(meeting, "title")
    return marked(conditional_escape(text), language, meeting.title_context)
