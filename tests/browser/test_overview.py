"""A visitor looks at the dialogue over time and the gap finder: charts that keyboard and
screen reader users can use, with no serious accessibility violation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en/overview/",
        "/fr/apercu/dans-le-temps/",
        "/en/overview/over-time/",
        "/fr/apercu/lacunes/",
    ],
)
def test_no_serious_accessibility_violation(reference_site, page, axe_violations, path):
    page.goto(reference_site.url + path)
    assert axe_violations(page) == []


def test_a_bar_leads_to_the_meetings_it_counts(reference_site, page):
    page.goto(f"{reference_site.url}/en/overview/over-time/")
    chart = page.get_by_role("group", name="Meetings a year, by kind")
    segment = chart.get_by_role("link", name="2023 · Cadiz Action Plan, thematic meeting:")
    expect(segment).to_have_count(1)
    label = segment.get_attribute("aria-label")
    count = int(label.rsplit(":", 1)[1])
    segment.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/?year=2023&kind=thematic_meeting")
    expect(page.locator(".meeting-item")).to_have_count(count)


def test_the_figures_open_as_a_table(reference_site, page):
    page.goto(f"{reference_site.url}/fr/apercu/dans-le-temps/")
    figures = page.locator("details.chart-figures").nth(1)
    figures.get_by_text("Les chiffres sous forme de tableau").click()
    expect(figures.get_by_role("table", name="Réunions par an, par type")).to_be_visible()
