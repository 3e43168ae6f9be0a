"""The private area end to end: from the secretariat's invitation to a submitted report."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    CountryFactory,
    FocalPointFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "Dakar-2026-focal-point"


@pytest.fixture
def situation(site):
    from recommendations.models import Forum

    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(
        name="Data collection 2026",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    reporting_round.actions.add(
        ActionFactory(objective__domain__framework=reporting_round.framework, title="Safe return")
    )
    Forum.objects.create(title="Return and reintegration", slug="return")
    return {
        "server": site,
        "senegal": CountryFactory(name="Senegal", slug="senegal"),
        "secretariat": SecretariatUserFactory(username="secretariat"),
        "other": FocalPointFactory(partner=CountryFactory(name="Mali")),
    }


def sign_in(page, server, path, username, password):
    page.goto(server.url + path)
    page.get_by_label(re.compile("^(Username|E-mail address):?$")).fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Log in|Sign in")).click()


def test_from_invitation_to_report_and_forum(situation, browser, run_worker):
    server = situation["server"]

    secretariat = browser.new_context().new_page()
    sign_in(secretariat, server, "/admin/login/", "secretariat", PASSWORD)
    secretariat.goto(server.url + "/admin/governance/focalpoint/add/")
    secretariat.get_by_label("First name").fill("Awa")
    secretariat.get_by_label("Last name").fill("Diop")
    secretariat.get_by_role("textbox", name="E-mail").fill("awa.diop@example.org")
    # The partner autocomplete asks the server for options; choosing one sets the select.
    secretariat.evaluate(
        "id => document.getElementById('id_partner').add(new Option('Senegal', id, true, true))",
        situation["senegal"].pk,
    )
    secretariat.get_by_role("button", name="Save", exact=True).click()
    expect(secretariat.get_by_text("An invitation to choose a password is sent")).to_be_visible()

    run_worker()
    (invitation,) = mail.outbox
    link = re.search(r"https?://\S+", invitation.body).group(0)
    focal_point = browser.new_context().new_page()
    focal_point.goto(link)
    focal_point.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    focal_point.get_by_label("New password confirmation:").fill(NEW_PASSWORD)
    focal_point.get_by_role("button", name="Save my password").click()
    sign_in(focal_point, server, "/en/private/sign-in/", "Awa.Diop@example.org", NEW_PASSWORD)
    expect(focal_point.get_by_role("heading", level=1)).to_have_text("Private area – Senegal")

    focal_point.get_by_role("link", name="Data collection 2026").click()
    focal_point.get_by_role("link", name="Answer").first.click()
    focal_point.get_by_label("Implementation status").select_option("implemented")
    focal_point.get_by_label("Narrative").fill("A reintegration programme runs since 2025.")
    focal_point.get_by_role("button", name="Save draft").click()
    focal_point.get_by_role("link", name="Review and submit the report").click()
    focal_point.get_by_label("I have checked these answers").check()
    focal_point.get_by_role("button", name="Submit the report to the secretariat").click()
    expect(focal_point.get_by_text("1 report was submitted to the secretariat.")).to_be_visible()
    report = ImplementationReport.objects.get(partner=situation["senegal"])
    assert report.state == ImplementationReport.State.SUBMITTED

    focal_point.get_by_role("navigation", name="Private area").get_by_role(
        "link", name="Forums"
    ).click()
    focal_point.get_by_role("link", name="Return and reintegration").click()
    focal_point.get_by_role("link", name="Start a thread").click()
    focal_point.get_by_label("Title").fill("Reintegration of returnees")
    focal_point.get_by_label("Message").fill("Our programme: https://example.org/programme")
    focal_point.get_by_role("button", name="Open the thread").click()
    expect(focal_point.get_by_role("link", name="https://example.org/programme")).to_be_visible()

    other = browser.new_context().new_page()
    sign_in(other, server, "/en/private/sign-in/", situation["other"].user.email, PASSWORD)
    other.goto(server.url + "/en/private/reporting/")
    other.get_by_role("link", name="Data collection 2026").click()
    expect(other.get_by_text("A reintegration programme")).to_have_count(0)
    other.get_by_role("link", name="See every country's answers in the matrix").click()
    expect(other.get_by_role("table").get_by_text("Implemented")).to_have_count(0)
    response = other.goto(f"{server.url}/en/private/reporting/evidence/{report.pk}/")
    assert response.status == 404
