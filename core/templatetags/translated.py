"""Show translated content, marking the text that falls back to another language."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info, gettext
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def in_some_language(obj, field):
    """``(text, language)``: the field in the current language, or else in the first other
    language that has it (``("", None)`` when none has)."""
    current = get_language()
    value = getattr(obj, build_localized_fieldname(field, current), None)
    if value:
        return value, current
    for code, _name in settings.LANGUAGES:
        fallback = getattr(obj, build_localized_fieldname(field, code), None)
        if code != current and fallback:
            return fallback, code
    return "", None


def marked(text, language, suffix=""):
    """``text`` (and ``suffix``, in the page's language), marked when it is in another
    language than the page: "Senior Officials' Meeting – Dakar, 2015 (in English)"."""
    tail = format_html(" – {}", suffix) if suffix else ""
    if language in (None, get_language()):
        return format_html("{}{}", text, tail)
    # The marker is in the page's language ("en anglais"); the text keeps its own.
    name = get_language_info(language)["name_translated"]
    return format_html(
        '<span lang="{code}">{text}</span>{tail} <span class="fallback">({marker})</span>',
        code=language,
        text=text,
        tail=tail,
        marker=gettext("in %(language)s") % {"language": name.lower()},
    )


@register.simple_tag
def translated(obj, field):
    """The field in the current language, or in another one with a visible marker."""
    text, language = in_some_language(obj, field)
    if not text:
        return ""
    # Escaped here, so that filters such as truncatewords_html given the value of
    # ``{% translated … as name %}`` do not escape it a second time.
    return marked(conditional_escape(text), language)
