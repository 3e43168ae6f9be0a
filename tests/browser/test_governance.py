"""A visitor reads a presidency at a glance and the steering committee on a past date."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_opens_a_presidency_at_a_glance(reference_site, page):
    page.goto(f"{reference_site.url}/en/presidencies/")
    page.get_by_role("link", name="Portugal").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Presidency of Portugal")
    expect(page.get_by_text("1 February 2024 – 30 January 2025")).to_be_visible()
    expect(page.get_by_role("heading", name="Thematic meeting (3)")).to_be_visible()
    expect(page.get_by_text("Political Declaration and Cadiz Action Plan:")).to_be_visible()


def test_visitor_reads_the_steering_committee_on_a_past_date(reference_site, page):
    page.goto(f"{reference_site.url}/fr/comite-de-pilotage/")
    page.get_by_role("textbox", name="Membres au :").fill("2017-01-01")
    page.get_by_role("button", name="Afficher les membres").click()
    assert "date=2017-01-01" in page.url
    members = page.get_by_role("table", name="Membres au 1 janvier 2017")
    expect(members.get_by_role("link", name="Belgique")).to_be_visible()
    expect(members.get_by_role("link", name="Commission de la CEDEAO")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/en/action-plans/",
        "/fr/plans-d-action/cadiz-action-plan/",
        "/en/presidencies/",
        "/fr/comite-de-pilotage/",
        "/en/partners/",
        "/fr/partenaires/portugal/",
        "/en/recommendations/",
    ],
)
def test_governance_pages_have_no_serious_accessibility_violation(
    reference_site, page, axe_violations, path
):
    page.goto(reference_site.url + path)
    assert axe_violations(page) == []
