"""The secretariat's admin on a laptop's screen (1366 px) and on a phone (390 px): nothing
off-screen, no button over a title. Screenshots of the pages go to screenshots/admin/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from governance.models import Framework
from meetings.models import Meeting
from tests.factories import (
    ActionFactory,
    CountryFactory,
    ImplementationReportFactory,
    MeetingFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LONG_TITLE = (
    "Joint Thematic Meeting of the Khartoum, Rabat and Niamey Processes on trafficking in "
    "human beings and migrant smuggling, with the African Union and the European Union"
)


def admin_page(browser, server, viewport):
    client = Client()
    client.force_login(SecretariatUserFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])
    return context.new_page()


def screenshot(page, name, full_page=True):
    folder = Path(settings.BASE_DIR) / "screenshots" / "admin"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=full_page)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def within_screen(page, selector):
    found = box(page, selector)
    return found is not None and found["x"] + found["width"] <= page.viewport_size["width"]


def apart(first, second):
    return (
        first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
        or first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
    )


@pytest.fixture
def reports(site):
    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(
        name="Data collection on the implementation of the Cadiz Action Plan, 2026",
        opens_on=today,
        closes_on=today,
    )
    for n in range(4):
        action = ActionFactory(
            objective__domain__framework=reporting_round.framework,
            title="Support the national strategies on the reintegration of returning "
            "migrants, with the diaspora and local authorities",
        )
        ImplementationReportFactory(
            round=reporting_round,
            action=action,
            partner=CountryFactory(name=f"Democratic Republic of the Congo {n}"),
            narrative="A national strategy was adopted.",
        )
    return site


def test_the_report_list_shows_its_state_columns_on_a_laptop(reports, browser):
    page = admin_page(browser, reports, LAPTOP)
    page.goto(f"{reports.url}/admin/recommendations/implementationreport/")
    screenshot(page, "reports-1366")
    assert within_screen(page, "th.column-state")
    assert within_screen(page, "th.column-status")
    assert within_screen(page, "td.field-state")
    assert within_screen(page, "td.field-has_file")


def test_buttons_stay_clear_of_the_title(reports, browser):
    meeting = MeetingFactory(title=LONG_TITLE, slug="joint-thematic-meeting")
    page = admin_page(browser, reports, LAPTOP)
    page.goto(f"{reports.url}/admin/meetings/meeting/{meeting.pk}/change/")
    screenshot(page, "meeting-1366")
    tools = box(page, ".object-tools")
    assert apart(tools, box(page, "#content h2"))
    assert apart(tools, box(page, "#content h1"))
    title = page.locator("textarea[name=title_en]")
    assert title.input_value() == LONG_TITLE
    assert title.evaluate("box => box.scrollHeight <= box.clientHeight + 2")
    page.goto(f"{reports.url}/admin/recommendations/implementationreport/")
    assert apart(box(page, ".object-tools"), box(page, "#content h1"))


def test_the_data_quality_page_on_a_laptop_and_on_a_phone(reference_site, browser):
    cadiz = Framework.objects.get(slug="cadiz-action-plan")
    meeting = Meeting.objects.filter(actions__isnull=True).first()
    meeting.actions.add(cadiz.actions.exclude(objective=None).first())
    for name, viewport in (("1366", LAPTOP), ("390", PHONE)):
        page = admin_page(browser, reference_site, viewport)
        page.goto(f"{reference_site.url}/admin/")
        page.get_by_role("link", name="Records to complete or correct").click()
        page.get_by_role("heading", name="Data quality").wait_for()
        screenshot(page, f"data-quality-{name}", full_page=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        link = page.locator(".data-quality-section li a").first
        assert within_screen(page, ".data-quality-section li a")
        link.click()
        # The page loaded whole before the next round signs in: the server thread and
        # this one share the SQLite test database, which one writer at a time may lock.
        page.wait_for_load_state("load")
        assert "/change/" in page.url
        page.context.close()
