"""A focal point answers about an action in a reporting round, and the pages stay accessible."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    ReportingRoundFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


@pytest.fixture
def situation(site):
    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(
        name="Data collection 2025",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
    )
    actions = [
        ActionFactory(objective__domain__framework=reporting_round.framework, title=title)
        for title in ("Support return and reintegration", "Fight migrant smuggling")
    ]
    reporting_round.actions.add(*actions)
    focal_point = FocalPointFactory()
    ImplementationReportFactory(
        round=reporting_round,
        action=actions[1],
        status="implemented",
        state=ImplementationReport.State.VALIDATED,
        submitted_at=timezone.now(),
        validated_at=timezone.now(),
    )
    return site, focal_point


def sign_in(page, server, focal_point):
    page.goto(f"{server.url}/en/private/sign-in/")
    page.get_by_label("E-mail address").fill(focal_point.user.email.upper())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_focal_point_answers_and_submits(situation, page, axe_violations):
    server, focal_point = situation
    sign_in(page, server, focal_point)
    page.goto(f"{server.url}/en/private/reporting/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Data collection 2025").click()
    expect(page.get_by_text("0 of 2 items answered")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Answer").first.click()
    page.get_by_label("Implementation status").select_option("in_progress")
    page.get_by_label("Narrative").fill("A national strategy is being drafted.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("1 of 2 items answered")).to_be_visible()
    page.get_by_role("link", name="Review and submit the report").click()
    expect(page.get_by_text("A submission cannot be undone.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("I have checked these answers").check()
    page.get_by_role("button", name="Submit the report to the secretariat").click()
    expect(page.get_by_text("1 report was submitted to the secretariat.")).to_be_visible()
    page.get_by_role("link", name="See every country's answers in the matrix").click()
    matrix = page.get_by_role("table")
    expect(matrix.get_by_text("In progress")).to_be_visible()
    expect(matrix.get_by_text("Implemented")).to_be_visible()
    assert axe_violations(page) == []
