"""The titles of a framework's domains, objectives and actions, as its pages show them."""

from django import template
from django.utils.html import conditional_escape, format_html

from core.fallback import in_some_language
from core.templatetags.translated import marked

register = template.Library()


@register.simple_tag
def level_title(level):
    """ "Action 17 – title" in the page's language, or marked in another one; the label
    alone while no title is recorded (the page says once what that means)."""
    text, language = in_some_language(level, "title")
    if not text:
        return level.label
    return format_html("{} – {}", level.label, marked(conditional_escape(text), language))
