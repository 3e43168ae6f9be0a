"""Show translated content, marking the text that falls back to another language."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """The field in the current language, or in another one with a visible marker."""
    current = get_language()
    value = getattr(obj, build_localized_fieldname(field, current), None)
    if value:
        # Escaped here, so that filters such as truncatewords_html given the value of
        # ``{% translated … as name %}`` do not escape it a second time.
        return conditional_escape(value)
    for code, _name in settings.LANGUAGES:
        fallback = getattr(obj, build_localized_fieldname(field, code), None)
        if code != current and fallback:
            # The marker names the language in itself ("English"), as language menus do.
            return format_html(
                '<span lang="{code}">{text}</span> '
                '<span class="fallback" lang="{code}">({name})</span>',
                code=code,
                text=fallback,
                name=get_language_info(code)["name_local"],
            )
    return ""
