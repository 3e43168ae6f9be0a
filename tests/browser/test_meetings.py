"""A visitor browses the meetings in French, filters them and switches to English."""

import pytest
from playwright.sync_api import expect

from governance.models import Action
from meetings.models import Meeting

pytestmark = pytest.mark.browser


def test_visitor_filters_by_co_chair_opens_a_meeting_and_switches_language(reference_site, page):
    page.goto(f"{reference_site.url}/fr/reunions/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Réunions")

    page.get_by_label("Président ou coprésident :").select_option(label="Portugal")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(f"{reference_site.url}/fr/reunions/?" + page.url.split("?")[1])
    assert "chair=portugal" in page.url
    chaired = Meeting.objects.published().filter(chairs__partner__slug="portugal").count()
    expect(page.get_by_role("heading", level=2, name=f"{chaired} réunions")).to_be_visible()

    page.get_by_role("link", name="Thematic Meeting on visa facilitation").click()
    expect(page.get_by_text("30 novembre – 1 décembre 2016")).to_be_visible()
    expect(page.get_by_text("Cap Vert, Portugal")).to_be_visible()

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/meetings/thematic-meeting-on-visa-facilitation-2016/" in page.url
    expect(page.get_by_text("30 November – 1 December 2016")).to_be_visible()


def test_visitor_filters_by_action(reference_site, page):
    page.goto(f"{reference_site.url}/en/meetings/")
    page.get_by_label("Action:", exact=True).select_option(
        label="Cadiz Action Plan – Action 17 – Ensure that the disappearance of migrants is "
        "prevented, the fate and whereabouts of missing migrants is clarified and feedback "
        "is given regularly"
    )
    page.get_by_role("button", name="Apply filters").click()
    action = Action.objects.get(framework__slug="cadiz-action-plan", number="17")
    addressing = Meeting.objects.published().filter(actions=action).count()
    heading = f"{addressing} meeting" if addressing == 1 else f"{addressing} meetings"
    expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_role("link", name="Bridging the gaps")).to_be_visible()


@pytest.mark.parametrize("path", ["/en/", "/fr/", "/en/meetings/", "/fr/reunions/"])
def test_main_pages_have_no_serious_accessibility_violation(
    reference_site, page, axe_violations, path
):
    page.goto(reference_site.url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("path", "link"),
    [("/fr/reunions/", "Filtrer les réunions"), ("/en/recommendations/", "Filter recommendations")],
)
def test_on_a_phone_the_filters_are_reached_from_the_top(reference_site, page, path, link):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reference_site.url + path)
    to_filters = page.get_by_role("link", name=link, exact=True)
    expect(to_filters).to_be_in_viewport()
    filters = page.locator("form.filters")
    if path == "/fr/reunions/":  # twenty meetings come first
        expect(filters).not_to_be_in_viewport()
    to_filters.click()
    expect(filters).to_be_in_viewport()
    expect(filters).to_be_focused()


def test_on_a_desktop_the_filters_need_no_link(reference_site, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reference_site.url + "/en/meetings/")
    expect(page.get_by_role("link", name="Filter meetings", exact=True)).to_be_hidden()
    expect(page.locator("form.filters")).to_be_in_viewport()
