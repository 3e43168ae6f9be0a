"""One search across the site: what each kind of public content is, how it is searched,
and how a result shows (title, a line about it, an excerpt with the words marked).

Only public content is ever searched: each section starts from the queryset its own
public pages show.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import escape, mark_safe
from django.utils.translation import gettext_lazy as _

from core.fallback import marked_text
from core.search import normalise, text_search, words_in
from governance.models import Action, Domain, Objective, Partner
from meetings.models import Document, Meeting
from news.models import NewsPost
from recommendations.models import Recommendation

# Characters of text shown around the first word found.
EXCERPT_LENGTH = 220


@dataclass(frozen=True)
class Result:
    url: str
    title: str  # safe HTML, the words marked
    about: str = ""
    excerpt: str = ""  # safe HTML, the words marked


@dataclass(frozen=True)
class Section:
    """A kind of content: its public rows, the translated fields searched (or ``names``,
    matched as words, for short texts), the lookup of its year, its own list, and how one
    of its rows shows as a :class:`Result`."""

    key: str
    label: Any
    rows: Any  # a function of nothing giving the public queryset
    show: Any  # a function of (row, words) giving a Result
    fields: tuple = ()
    names: tuple = ()
    year: Any = ""  # a lookup, or a function of the year giving a condition
    list_url: str = ""

    def find(self, text, *, languages, year=None) -> QuerySet:
        rows = self.rows()
        if self.fields:
            rows = text_search(rows, list(self.fields), text, languages)
        else:
            columns = [f"{name}_{language}" for name in self.names for language in languages]
            rows = rows.filter(words_in(columns, text))
        if year and callable(self.year):
            rows = rows.filter(self.year(year))
        elif year:
            rows = rows.filter(**{self.year: year}) if self.year else rows.none()
        return rows


def highlight(text, words):
    """``text`` escaped, with each occurrence of ``words`` marked, whatever its accents."""
    return mark_safe(_mark(text, words))


def excerpt(text, words, *, only_if_found=False):
    """Some ``EXCERPT_LENGTH`` characters of ``text`` around the first word found (its
    start if none is, or nothing ``only_if_found``), escaped, the words marked. The text
    may be a whole document's: it is normalised once, and only the excerpt is marked."""
    if not text:
        return ""
    flat = normalise(text)
    found = [flat.find(word) for word in {normalise(word) for word in words}]
    # A position in the normalised text is the same in the text, give or take a letter per
    # ligature before it ("œ" is "oe"): near enough to cut an excerpt around it.
    anchor = min((position for position in found if position != -1), default=None)
    if anchor is None and only_if_found:
        return ""
    anchor = anchor or 0
    start = max(0, anchor - EXCERPT_LENGTH // 3)
    if start:
        start = text.find(" ", start, anchor) + 1 or start
    end = min(len(text), start + EXCERPT_LENGTH)
    if end < len(text) and text.rfind(" ", start, end) > start:
        end = text.rfind(" ", start, end)
    return mark_safe(
        ("… " if start else "") + _mark(text[start:end], words) + (" …" if end < len(text) else "")
    )


def _matches(text, words):
    """(start, end) in ``text`` of each occurrence of a word, compared without accents."""
    # Each character of the text, normalised, remembers where it came from.
    normalised, origin = [], []
    for index, char in enumerate(text):
        for piece in normalise(char):
            normalised.append(piece)
            origin.append(index)
    flat = "".join(normalised)
    spans = []
    for word in {normalise(word) for word in words}:
        position = flat.find(word)
        while word and position != -1:
            spans.append((origin[position], origin[position + len(word) - 1] + 1))
            position = flat.find(word, position + len(word))
    return sorted(spans)


def _mark(text, words):
    html, cursor = [], 0
    for span_start, span_end in _matches(text, words):
        if span_start < cursor:
            continue
        html += [
            escape(text[cursor:span_start]),
            f"<mark>{escape(text[span_start:span_end])}</mark>",
        ]
        cursor = span_end
    html.append(escape(text[cursor:]))
    return "".join(html)


def _meeting(meeting, words):
    return Result(
        meeting.get_absolute_url(),
        highlight(marked_text(meeting, "title"), words),
        " · ".join(str(part) for part in (meeting.dates_display, meeting.place) if part),
    )


def _recommendation(recommendation, words):
    return Result(
        recommendation.get_absolute_url(),
        escape(f"{recommendation.get_kind_display().capitalize()} {recommendation.number}"),
        marked_text(recommendation.meeting, "title"),
        excerpt(marked_text(recommendation, "text"), words),
    )


def _news_post(post, words):
    return Result(
        post.get_absolute_url(),
        highlight(marked_text(post, "title"), words),
        post.published_on,
        excerpt(marked_text(post, "summary"), words),
    )


def _document(document, words):
    return Result(
        document.get_absolute_url(),
        highlight(marked_text(document, "title"), words),
        marked_text(document.meeting, "title") if document.meeting else document.get_kind_display(),
        excerpt(document.text, words, only_if_found=True),
    )


def _partner(partner, words):
    return Result(partner.get_absolute_url(), highlight(str(partner), words))


def _plan_level(level, words):
    return Result(
        f"{level.framework.get_absolute_url()}#{level.anchor}",
        highlight(f"{level.label} – {marked_text(level, 'title')}", words),
        str(level.framework),
    )


SECTIONS = (
    Section(
        "meetings",
        _("Meetings"),
        lambda: Meeting.objects.published().select_related("host_country").order_by("-start"),
        _meeting,
        fields=("title", "city"),
        year="start__year",
        list_url="meetings:list",
    ),
    Section(
        "recommendations",
        _("Recommendations"),
        lambda: (
            Recommendation.objects.published()
            .select_related("meeting")
            .order_by("-meeting__start", "sort_order", "pk")
        ),
        _recommendation,
        fields=("text",),
        year="meeting__start__year",
        list_url="recommendations:list",
    ),
    Section(
        "news",
        _("News"),
        lambda: NewsPost.objects.published().newest_first(),
        _news_post,
        fields=("title", "summary", "body"),
        year="published_on__year",
        list_url="news:list",
    ),
    Section(
        "documents",
        _("Documents"),
        lambda: (
            Document.objects.public()
            .published()
            .select_related("meeting")
            .order_by("-meeting__start", "order", "pk")
        ),
        _document,
        fields=("title", "text"),
        year=lambda year: (
            Q(published_on__year=year) | Q(published_on__isnull=True, meeting__start__year=year)
        ),
        list_url="library:list",
    ),
    Section(
        "partners",
        _("Partners"),
        lambda: Partner.objects.order_by("name"),
        _partner,
        names=("name", "short_name"),
        list_url="governance:partner-list",
    ),
    *(
        Section(
            model._meta.model_name,
            label,
            lambda model=model: model.objects.select_related("framework").order_by(
                "framework", "sort_order", "pk"
            ),
            _plan_level,
            names=("title",),
        )
        for model, label in (
            (Domain, _("Plan domains")),
            (Objective, _("Plan objectives")),
            (Action, _("Plan actions")),
        )
    ),
)


def section_list_url(section, text):
    """The section's own list with the same query, if it has one that takes it."""
    if not section.list_url:
        return ""
    return f"{reverse(section.list_url)}?{urlencode({'q': text})}"


def languages_searched(language):
    """The languages a search looks in: the one asked for, or all of the site's."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [language] if language in codes else codes
