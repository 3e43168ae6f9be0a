"""Every kind of page works under the Content-Security-Policy, the admin included."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting
from tests.factories import FocalPointFactory, SecretariatUserFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


class Console:
    """What the browser reports about a page: policy violations and script errors."""

    def __init__(self, page):
        self.problems = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def on_console(self, message):
        text = message.text
        if re.search(r"Content.Security.Policy|Permissions-Policy|Refused to", text):
            self.problems.append(f"{message.type}: {text}")


@pytest.fixture
def people(reference_site):
    secretariat = SecretariatUserFactory(username="secretariat")
    focal_point = FocalPointFactory(
        partner=Partner.objects.get(slug="senegal"), user__username="amina"
    )
    return reference_site, secretariat, focal_point


def new_page(browser):
    page = browser.new_context().new_page()
    return page, Console(page)


def sign_in(page, address, username, password=PASSWORD, code=None):
    page.goto(address)
    page.get_by_label(re.compile("^(Username|E-mail address):?$")).fill(username)
    page.get_by_label("Password").fill(password)
    if code is not None:
        page.get_by_label("OTP Token").fill(code)
    page.get_by_role("button", name=re.compile("Log in|Sign in")).click()


def test_public_and_private_pages_run_under_the_policy(people, browser):
    server, _secretariat, focal_point = people
    page, console = new_page(browser)
    meeting = Meeting.objects.filter(published=True).first()
    paths = [
        "/en/",
        "/en/meetings/",
        meeting.get_absolute_url(),
        "/en/recommendations/",
        "/en/action-plans/",
        Framework.objects.first().get_absolute_url(),
        "/en/presidencies/",
        reverse("governance:presidency-detail", args=[Presidency.objects.first().pk]),
        "/fr/partenaires/portugal/",
    ]
    for path in paths:
        response = page.goto(server.url + path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    # The stylesheet applies: the page is laid out, not shown as bare HTML.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")

    sign_in(page, server.url + "/en/private/sign-in/", focal_point.user.username)
    for path in ("/en/private/", "/en/private/directory/", "/en/private/my-card/"):
        assert page.goto(server.url + path).status == 200, path
    assert console.problems == []


def test_the_admin_runs_under_the_policy(people, browser):
    server, _secretariat, _focal_point = people
    page, console = new_page(browser)
    sign_in(page, server.url + "/admin/login/", "secretariat")
    expect(page.get_by_role("heading", name="Secretariat's office")).to_be_visible()

    meeting = Meeting.objects.first()
    page.goto(f"{server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    # modeltranslation's tabs and the inlines are built by scripts.
    expect(page.locator(".ui-tabs").first).to_be_visible()
    expect(page.locator(".add-row").first).to_be_attached()

    page.goto(server.url + "/admin/governance/focalpoint/add/")
    # select2 asks the server for partners as one types.
    page.locator("#id_partner + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Seneg")
    expect(page.locator(".select2-results__option", has_text="Senegal")).to_be_visible()

    for path in (
        "/admin/meetings/meeting/",
        f"/admin/meetings/meeting/{meeting.pk}/history/",
        "/admin/governance/partner/?missing_translation=fr",
        "/admin/auth/user/",
        "/admin/axes/accessattempt/",
        "/admin/otp_totp/totpdevice/add/",
    ):
        assert page.goto(server.url + path).status == 200, path
    assert console.problems == []


def test_two_factor_sign_in_and_enrolment_in_the_browser(people, browser, settings):
    server, secretariat, _focal_point = people
    settings.REQUIRE_TWO_FACTOR = True
    device = TOTPDevice.objects.create(user=secretariat, name="Phone", confirmed=True)
    page, console = new_page(browser)

    sign_in(page, server.url + "/admin/login/", "secretariat", code="")
    expect(page.get_by_role("heading", name="Secretariat's office")).to_have_count(0)

    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    sign_in(page, server.url + "/admin/login/", "secretariat", code=code)
    expect(page.get_by_role("heading", name="Secretariat's office")).to_be_visible()

    page.goto(f"{server.url}/admin/otp_totp/totpdevice/{device.pk}/config/")
    qr_code = page.locator("img").last
    expect(qr_code).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", qr_code.element_handle()) > 0
    assert console.problems == []


def test_the_lockout_page_after_five_wrong_passwords(people, browser):
    server, _secretariat, _focal_point = people
    page, console = new_page(browser)
    for _attempt in range(5):
        sign_in(page, server.url + "/en/private/sign-in/", "amina", password="wrong-password")
    sign_in(page, server.url + "/en/private/sign-in/", "amina")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in blocked for a while")
    expect(page.get_by_role("alert")).to_contain_text("blocked for 30 minutes")
    assert console.problems == []
