"""Show translated content, marking the text that falls back to another language."""

from django import template
from django.utils.html import conditional_escape, format_html

from core.fallback import fallback_marker, in_some_language, is_fallback, marked_text
from core.markup import render_markdown

register = template.Library()


def marked(text, language, suffix=""):
    """``text`` (and ``suffix``, in the page's language), marked when it is in another
    language than the page: "Senior Officials' Meeting – Dakar, 2015 (in English)"."""
    tail = format_html(" – {}", suffix) if suffix else ""
    if not is_fallback(language):
        return format_html("{}{}", text, tail)
    # The marker is in the page's language ("en anglais"); the text keeps its own.
    return format_html(
        '<span lang="{code}">{text}</span>{tail} <span class="fallback">({marker})</span>',
        code=language,
        text=text,
        tail=tail,
        marker=fallback_marker(language),
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


@register.simple_tag
def translated_text(obj, field):
    """``translated`` for plain text (an e-mail's text part): the marker in brackets."""
    return marked_text(obj, field)


@register.simple_tag
def translated_markdown(obj, field):
    """A Markdown field (a post's body, an editorial) as HTML in the current language, or
    in another one, in an element saying its language and followed by the marker."""
    text, language = in_some_language(obj, field)
    if not text:
        return ""
    html = render_markdown(text)
    if not is_fallback(language):
        return html
    return format_html(
        '<div lang="{}">{}</div><p class="fallback">({})</p>',
        language,
        html,
        fallback_marker(language),
    )
