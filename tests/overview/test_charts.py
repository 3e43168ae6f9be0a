"""Charts drawn on the server: bars in proportion, each segment a named link, the same
figures as a table, nothing from another site."""

import pytest
from django.template.loader import render_to_string

from core.charts import (
    BAR_SHARE,
    PALETTE,
    PATTERNS,
    Period,
    Periods,
    Row,
    StackedBars,
    nice_maximum,
    style,
)


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", PALETTE)
def test_every_colour_keeps_3_to_1_against_white(colour):
    assert 1.05 / (relative_luminance(colour) + 0.05) >= 3


@pytest.mark.parametrize(
    ("value", "maximum"),
    [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (24, 25), (26, 50), (180, 200)],
)
def test_the_axis_ends_on_a_round_number(value, maximum):
    assert nice_maximum(value) == maximum


def test_no_two_series_look_alike():
    looks = [style(index) for index in range(len(PALETTE) * len(PATTERNS))]
    assert len(set(looks)) == len(looks)


def chart():
    return StackedBars(
        name="test",
        title="Meetings a year",
        series=[("thematic", "thematic meeting"), ("senior", "senior officials' meeting")],
        rows=[
            Row(
                "2019",
                url="/meetings/?year=2019",
                values={"thematic": 3, "senior": 1},
                links={"thematic": "/meetings/?year=2019&kind=thematic"},
            ),
            Row("2020", values={"thematic": 10}),
            Row("2021", values={}),
        ],
        unit_label="Year",
    )


def test_bars_are_in_proportion_and_stacked():
    drawn = chart()
    assert drawn.maximum == 10
    first, second, third = drawn.rows
    thematic, senior = first.segments
    assert (thematic.x, thematic.width) == (0, BAR_SHARE * 3 / 10)
    assert senior.x == thematic.width and senior.width == BAR_SHARE / 10
    assert second.end == BAR_SHARE
    assert third.segments == [] and third.total == 0
    assert [tick.value for tick in drawn.ticks] == [0, 2, 4, 6, 8, 10]


def test_the_template_names_each_segment_and_repeats_the_figures_in_a_table():
    html = render_to_string("includes/chart.html", {"chart": chart()})
    assert 'aria-label="2019, thematic meeting: 3"' in html
    assert 'href="/meetings/?year=2019&amp;kind=thematic"' in html
    # A segment without its own list leads to its row's.
    assert (
        'href="/meetings/?year=2019" aria-label="2019, senior officials&#x27; meeting: 1"' in html
    )
    assert "<table" in html and "<caption>Meetings a year</caption>" in html
    assert "<td>10</td>" in html
    # Told apart by pattern too, and the legend shows it.
    assert 'fill="url(#test-hatch)"' in html
    assert "http" not in html.replace('xmlns="http', "")


def test_an_empty_chart_says_so():
    empty = StackedBars(name="e", title="Nothing", series=[("a", "a")], rows=[Row("2020")])
    assert "Nothing to show yet." in render_to_string("includes/chart.html", {"chart": empty})


def test_periods_sit_on_their_years():
    periods = Periods(
        name="plans",
        title="Plans",
        first=2006,
        last=2025,
        periods=[Period("Rabat", 2006, 2008, "/a/"), Period("Cadiz", 2022, None, "/b/")],
    )
    rabat, cadiz = periods.periods
    assert (rabat.x, rabat.width) == (0, 10)
    assert (cadiz.x, cadiz.width) == (80, 20)
    assert cadiz.label_end and not rabat.label_end
    html = render_to_string("includes/periods_chart.html", {"chart": periods})
    assert 'text-anchor="end"' in html and "in force" in html
