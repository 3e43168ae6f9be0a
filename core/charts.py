"""Charts drawn on the server as SVG, with no script and nothing from another site.

A chart is a list of rows (a year, a domain, a presidency…), each a bar cut into
segments, one per series (a kind of meeting, a status…). The template
``includes/chart.html`` draws it at the width of the page: each row's label on a line of
its own, its bar below, its total at the bar's end; positions are percentages of the
width, so text keeps its size on a phone and on a desktop. Series differ by colour (each
at least 3:1 against white, as WCAG 1.4.11 asks of graphics) and by pattern, and the
legend shows both; every segment is a link with a name for screen readers, and the same
figures follow as a table, for them and for copying.
"""

from dataclasses import dataclass, field
from math import ceil, log10

from django.utils.translation import gettext

# Colour and pattern of each series, in turn. Colours from a palette legible to the
# colour-blind, darkened to 3:1 or more against white.
PALETTE = ("#0b4f8a", "#b34700", "#1b7a3d", "#7b3294", "#a6192e", "#00707a", "#6b5000", "#4d4d4d")
PATTERNS = ("", "hatch", "dots", "cross", "hatch-back", "rings", "grid", "wave")
# Share of the width the longest bar takes; the rest keeps room for its total.
BAR_SHARE = 85.0
ROW_PITCH = 46
LABEL_BASELINE = 15
BAR_TOP = 20
BAR_HEIGHT = 18
AXIS_HEIGHT = 22


@dataclass
class Series:
    key: str
    label: str
    colour: str = ""
    pattern: str = ""


@dataclass
class Segment:
    series: Series
    value: int
    url: str = ""
    # Left edge and width, in percent of the chart's width.
    x: float = 0.0
    width: float = 0.0
    # What it shows, in words: "2019, thematic meeting: 3".
    name: str = ""


@dataclass
class Row:
    label: str
    url: str = ""
    # {series key: value} and {series key: address of what the segment counts}.
    values: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    segments: list = field(default_factory=list)
    y: int = 0
    end: float = 0.0

    @property
    def total(self):
        return sum(self.values.values())

    @property
    def label_y(self):
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.y + BAR_TOP

    @property
    def total_y(self):
        return self.y + BAR_TOP + BAR_HEIGHT - 4


def style(index):
    """The colour and pattern of the ``index``-th series: no two series of a chart share
    both (past the eighth colour, the patterns shift by one)."""
    return (
        PALETTE[index % len(PALETTE)],
        PATTERNS[(index + index // len(PALETTE)) % len(PATTERNS)],
    )


def nice_maximum(value):
    """The smallest of 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1
    power = 10 ** int(log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return max(1, ceil(step * power))
    return value


@dataclass
class Tick:
    value: int
    x: float


class StackedBars:
    """``series`` are (key, label) pairs in the legend's order; ``rows`` are :class:`Row`.
    ``name`` makes the identifiers of the chart's elements unique in its page."""

    bar_height = BAR_HEIGHT
    axis_height = AXIS_HEIGHT

    def __init__(self, *, name, title, series, rows, unit_label=""):
        self.name = name
        self.title = title
        self.unit_label = unit_label
        self.series = [
            Series(key, label, *style(index)) for index, (key, label) in enumerate(series)
        ]
        self.rows = list(rows)
        self.maximum = nice_maximum(max((row.total for row in self.rows), default=0))
        self.ticks = [
            Tick(value, BAR_SHARE * value / self.maximum) for value in _tick_values(self.maximum)
        ]
        for index, row in enumerate(self.rows):
            row.y = self.axis_height + index * ROW_PITCH
            left = 0.0
            row.segments = []
            for series in self.series:
                value = row.values.get(series.key, 0)
                if not value:
                    continue
                width = BAR_SHARE * value / self.maximum
                name = gettext("%(row)s, %(series)s: %(value)s") % {
                    "row": row.label,
                    "series": series.label,
                    "value": value,
                }
                row.segments.append(
                    Segment(
                        series,
                        value,
                        row.links.get(series.key, ""),
                        round(left, 3),
                        round(width, 3),
                        name,
                    )
                )
                left += width
            row.end = round(left, 3)
        self.height = self.axis_height + len(self.rows) * ROW_PITCH

    @property
    def used_series(self):
        """The series that have a value somewhere: those the legend shows."""
        used = {segment.series.key for row in self.rows for segment in row.segments}
        return [series for series in self.series if series.key in used]

    @property
    def table_rows(self):
        """For the table: each row's label, address, one (value, address) per series shown,
        and its total."""
        shown = self.used_series
        return [
            (row, [(row.values.get(s.key, 0), row.links.get(s.key, "")) for s in shown])
            for row in self.rows
        ]

    @property
    def is_empty(self):
        return not any(row.total for row in self.rows)


def _tick_values(maximum):
    """Four or five round values from 0 to ``maximum``."""
    for steps in (4, 5, 2, 1):
        if maximum % steps == 0:
            return [maximum * index // steps for index in range(steps + 1)]
    return [0, maximum]


@dataclass
class Period:
    """A span of years: ``last`` None for one still running."""

    label: str
    first: int
    last: int | None
    url: str = ""
    x: float = 0.0
    width: float = 0.0
    y: int = 0

    @property
    def label_y(self):
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.y + BAR_TOP

    @property
    def label_end(self):
        """Whether its label ends at the bar's right end (for a bar in the right half, so
        that the label stays in the chart)."""
        return self.x > 50

    @property
    def label_x(self):
        return round(self.x + self.width, 3) if self.label_end else self.x


class Periods:
    """Spans of years on one axis from ``first`` to ``last`` (a plan in force from its
    adoption to the next one's), each a bar at its place."""

    bar_height = BAR_HEIGHT
    axis_height = AXIS_HEIGHT

    def __init__(self, *, name, title, first, last, periods):
        self.name = name
        self.title = title
        self.periods = list(periods)
        self.first = first
        self.last = last
        self.ticks = []
        if first is None or not self.periods:
            self.height = 0
            return
        span = last + 1 - first
        for index, period in enumerate(self.periods):
            start = max(period.first, first)
            end = min(period.last if period.last is not None else last + 1, last + 1)
            period.x = round(100 * (start - first) / span, 3)
            period.width = round(max(0, 100 * (end - start) / span), 3)
            period.y = self.axis_height + index * ROW_PITCH
        step = max(1, ceil(span / 6))
        self.ticks = [
            Tick(year, round(100 * (year - first) / span, 3))
            for year in range(first, last + 1, step)
        ]
        self.height = self.axis_height + len(self.periods) * ROW_PITCH

    @property
    def is_empty(self):
        return not self.height
