"""No private page scrolls sideways on a phone, and the secretariat's view of a round fits a
laptop screen: measured in the browser, on the reference data, as each kind of user."""

import datetime

import pytest
from django.utils import timezone

from governance.models import Framework, Partner
from recommendations.models import Forum, ImplementationReport
from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    PostFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def situation(reference_site):
    today = timezone.localdate()
    cadiz = Framework.objects.get(slug="cadiz-action-plan")
    reporting_round = ReportingRoundFactory(
        name="Cadiz Action Plan data collection 2026",
        framework=cadiz,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=30),
    )
    actions = list(cadiz.actions.order_by("sort_order")[:12])
    reporting_round.actions.add(*actions)
    partners = list(Partner.objects.filter(kind="country").order_by("name")[:30])
    portugal = Partner.objects.get(iso_code="PT")
    focal_point = FocalPointFactory(
        partner=portugal,
        user__username="ana.silva",
        user__email="ana.maria.silva.fernandes@aima.gov.example.pt",
        user__first_name="Ana Maria",
        user__last_name="Silva Fernandes",
        job_title="Head of the International Relations and Cooperation Department",
        institution="Agency for Integration, Migration and Asylum (AIMA)",
        phone="+351213585500",
        languages="pt, en, fr, es",
    )
    FocalPointFactory(
        partner=Partner.objects.get(iso_code="CV"),
        role="thematic",
        theme="Legal migration and mobility partnerships for young professionals",
        user__email="thematic.contact.for.mobility@mne.gov.example.cv",
    )
    for partner in partners:
        for action in actions[:4]:
            ImplementationReportFactory(
                round=reporting_round,
                partner=partner,
                action=action,
                status="in_progress",
                state=ImplementationReport.State.VALIDATED,
                submitted_at=timezone.now(),
                validated_at=timezone.now(),
            )
    ImplementationReportFactory(
        round=reporting_round,
        partner=portugal,
        action=actions[5],
        narrative="A national plan for the reintegration of returnees is being drafted.",
        evidence="https://www.example.gov.pt/legislation/decree-law-2026-on-reintegration-"
        "of-returnees-and-their-families.pdf",
    )
    ImplementationReportFactory(
        round=reporting_round,
        partner=portugal,
        action=actions[6],
        state=ImplementationReport.State.RETURNED,
        submitted_at=timezone.now(),
        review_comment="Please add the reference of the decree-law and its date of adoption.",
    )
    forum = Forum.objects.create(
        title="Return, readmission and sustainable reintegration", slug="return"
    )
    thread = ThreadFactory(
        forum=forum,
        title="Reintegration programmes for returnees: which indicators do you use?",
        author=focal_point.user,
    )
    PostFactory(
        thread=thread,
        body="Our evaluation: https://www.example.gov.pt/publications/2026/evaluation-of-the-"
        "assisted-voluntary-return-and-reintegration-programme-final-report.pdf",
    )
    meeting = MeetingFactory(title_en="Thematic meeting on legal migration and mobility 2026")
    DocumentFactory(
        meeting=meeting,
        title_en="Draft conclusions of the thematic meeting, for comments by the partners",
        visibility="partners",
    )
    return {
        "server": reference_site,
        "round": reporting_round,
        "action": actions[5],
        "forum": forum,
        "thread": thread,
        "meeting": meeting,
        "focal_point": focal_point,
        "secretariat": SecretariatUserFactory(username="secretariat"),
    }


def sign_in(page, server, login):
    page.goto(f"{server.url}/en/private/sign-in/")
    page.get_by_label("E-mail address").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def private_pages(situation, as_focal_point):
    slug = situation["round"].slug
    pages = [
        "/en/private/",
        "/en/private/directory/",
        "/en/private/reporting/",
        f"/en/private/reporting/{slug}/",
        f"/en/private/reporting/{slug}/matrix/",
        "/en/private/forums/",
        f"/en/private/forums/{situation['forum'].slug}/",
        f"/en/private/forums/{situation['forum'].slug}/new-thread/",
        f"/en/private/forums/threads/{situation['thread'].pk}/",
        "/en/private/password/",
        situation["meeting"].get_absolute_url(),
    ]
    if as_focal_point:
        pages += [
            "/en/private/my-card/",
            "/en/private/contributors/",
            f"/en/private/reporting/{slug}/action/{situation['action'].pk}/",
            f"/en/private/reporting/{slug}/submit/",
        ]
    return pages


def page_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


# The elements that stick out on the right, to say what to fix when a page is too wide.
OFFENDERS = """(limit) => [...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > limit)
    .slice(0, 3)
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)"""


def widths(page, server, paths):
    too_wide = {}
    for path in paths:
        response = page.goto(server.url + path)
        assert response.status == 200, path
        limit = page.viewport_size["width"]
        if page_width(page) > limit:
            too_wide[path] = (page_width(page), page.evaluate(OFFENDERS, limit))
    return too_wide


@pytest.mark.parametrize("who", ["focal point", "secretariat"])
def test_no_private_page_scrolls_sideways_on_a_phone(situation, browser, who):
    server = situation["server"]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    as_focal_point = who == "focal point"
    login = situation["focal_point"].user.email if as_focal_point else "secretariat"
    sign_in(page, server, login)
    assert widths(page, server, private_pages(situation, as_focal_point)) == {}
    context.close()


def test_the_pages_before_signing_in_fit_a_phone(situation, browser):
    server = situation["server"]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    paths = ["/en/private/sign-in/", "/en/private/password/forgotten/"]
    assert widths(page, server, paths) == {}
    context.close()


def test_the_secretariats_view_of_a_round_fits_a_laptop(situation, browser):
    server = situation["server"]
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    sign_in(page, server, "secretariat")
    slug = situation["round"].slug
    paths = [f"/en/private/reporting/{slug}/", f"/en/private/reporting/{slug}/matrix/"]
    assert widths(page, server, paths) == {}
    context.close()
