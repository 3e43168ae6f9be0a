"""The private area's dashboard gathers what each layer holds for a focal point."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActionFactory,
    DocumentFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    ReportingRoundFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


def test_dashboard_shows_rounds_progress_meetings_documents(client):
    today = timezone.localdate()
    me = FocalPointFactory()
    reporting_round = ReportingRoundFactory(
        name="Data collection 2026",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )
    actions = [ActionFactory(objective__domain__framework=reporting_round.framework) for _ in "ab"]
    reporting_round.actions.add(*actions)
    ImplementationReportFactory(
        round=reporting_round,
        partner=me.partner,
        action=actions[0],
        state="submitted",
        submitted_at=timezone.now(),
    )
    ImplementationReportFactory(round=reporting_round, partner=me.partner, action=actions[1])
    MeetingFactory(
        title_en="Senior Officials' Meeting 2027",
        start=today + datetime.timedelta(days=60),
        status="confirmed",
    )
    DocumentFactory(title_en="Draft conclusions for partners", visibility="partners")
    DocumentFactory(title_en="Committee minutes", visibility="steering_committee")
    brochure = DocumentFactory(
        meeting=None,
        title_en="Partners' brochure",
        visibility="partners",
        url_en="",
        file_en="b.pdf",
    )
    DocumentFactory(
        meeting=None, title_en="Brochure in preparation", visibility="partners", published=False
    )
    client.force_login(me.user)
    page = client.get(url("private:dashboard")).content.decode()
    assert "Data collection 2026" in page
    assert "1 of 2 items submitted" in page
    assert "Senior Officials&#x27; Meeting 2027" in page
    assert "Draft conclusions for partners" in page
    assert "Committee minutes" not in page
    # A publication of the library without a meeting, with a link to its file.
    assert "Partners&#x27; brochure" in page
    assert f'href="{reverse("meetings:document-file", args=[brochure.pk, "en"])}"' in page
    assert "Brochure in preparation" not in page


def test_a_thematic_contact_reads_but_does_not_report(client):
    today = timezone.localdate()
    contact = FocalPointFactory(role="thematic")
    reporting_round = ReportingRoundFactory(
        opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    action = ActionFactory(objective__domain__framework=reporting_round.framework)
    reporting_round.actions.add(action)
    client.force_login(contact.user)
    assert client.get(url("private:round-detail", slug=reporting_round.slug)).status_code == 200
    edit = url("private:report-edit", slug=reporting_round.slug, kind="action", pk=action.pk)
    assert client.get(edit).status_code == 403
    assert client.post(url("private:round-submit", slug=reporting_round.slug)).status_code == 403


def test_answers_returned_for_changes_are_flagged(client):
    today = timezone.localdate()
    me = FocalPointFactory()
    reporting_round = ReportingRoundFactory(
        opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    actions = [ActionFactory(objective__domain__framework=reporting_round.framework) for _ in "ab"]
    reporting_round.actions.add(*actions)
    client.force_login(me.user)
    assert "returned for changes" not in client.get(url("private:dashboard")).content.decode()
    for action in actions:
        ImplementationReportFactory(
            round=reporting_round,
            partner=me.partner,
            action=action,
            state="returned",
            submitted_at=timezone.now(),
            review_comment="Add the law's reference.",
        )
    ImplementationReportFactory(
        round=reporting_round,
        action=actions[0],
        state="returned",
        submitted_at=timezone.now(),
        review_comment="Another country's answer.",
    )
    page = client.get(url("private:dashboard")).content.decode()
    assert "2 answers returned for changes" in page
    assert url("private:round-detail", slug=reporting_round.slug) in page


def test_the_dashboard_costs_the_same_whatever_there_is(client, django_assert_num_queries):
    today = timezone.localdate()
    me = FocalPointFactory()
    client.force_login(me.user)
    # session, user, focal point, focal point and committee seat for the documents, rounds,
    # meetings, documents, threads
    with django_assert_num_queries(9) as captured:
        assert client.get(url("private:dashboard")).status_code == 200
    for _ in range(3):
        reporting_round = ReportingRoundFactory(
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=9),
        )
        action = ActionFactory(objective__domain__framework=reporting_round.framework)
        reporting_round.actions.add(action)
        ImplementationReportFactory(
            round=reporting_round,
            partner=me.partner,
            action=action,
            state="returned",
            submitted_at=timezone.now(),
        )
        DocumentFactory(visibility="partners")
    with django_assert_num_queries(len(captured.captured_queries)):
        assert client.get(url("private:dashboard")).status_code == 200
