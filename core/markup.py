"""Texts written with a little formatting (Markdown): paragraphs, headings, lists, links,
emphasis and quotations, turned into HTML that is safe on a page.

Markdown lets a writer put HTML of their own in a text; whatever comes out goes through
nh3 (the Rust sanitiser ammonia), which keeps only the elements and attributes below and
only web and mail links.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "blockquote",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text):
    """The HTML of a Markdown text, sanitised: safe to show as it is."""
    html = markdown.markdown(text or "", output_format="html")
    # Sanitised just here: what nh3 lets through is safe as it is.
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )
