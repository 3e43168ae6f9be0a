"""A clerk imports a sheet in the browser: the template is offered beside the form, and
every mistake of the sheet is shown in one table, readable without hovering. Screenshots
go to screenshots/admin/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from meetings.models import Meeting
from tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
SHEET = (
    "slug;title_en;kind;start;published\r\n"
    "first;First;réunion thématique;2025-03-04;oui\r\n"
    "second;Second;wish;31/02/2025;peut-être\r\n"
).encode("cp1252")


def admin_page(browser, server):
    client = Client()
    client.force_login(SecretariatUserFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=LAPTOP)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])
    return context.new_page()


def test_a_clerk_sees_every_mistake_of_the_sheet(site, browser):
    page = admin_page(browser, site)
    page.goto(site.url + "/admin/meetings/meeting/import/")
    assert page.get_by_role("link", name="csv template").is_visible()

    page.set_input_files(
        "input[name=import_file]",
        files=[{"name": "meetings.csv", "mimeType": "text/csv", "buffer": SHEET}],
    )
    page.select_option("select[name=format]", label="csv")
    page.get_by_role("button", name="Submit").click()

    table = page.locator("table.import-problems")
    table.wait_for()
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    for row in range(3):
        assert rows.nth(row).is_visible()
        assert rows.nth(row).locator("td").first.inner_text() == "3"
    found = table.bounding_box()
    assert found["x"] + found["width"] <= LAPTOP["width"]
    folder = Path(settings.BASE_DIR) / "screenshots" / "admin"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / "import-errors.png", full_page=True)
    assert not Meeting.objects.exists()
