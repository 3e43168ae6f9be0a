"""The rules of reporting, straight on the services: what each step accepts and refuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from recommendations.models import ImplementationReport
from recommendations.reporting import services
from tests.factories import (
    ActionFactory,
    CountryFactory,
    ImplementationReportFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = ImplementationReport.State
DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting_round():
    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(opens_on=today - DAY, closes_on=today + DAY)
    reporting_round.actions.add(
        ActionFactory(objective__domain__framework=reporting_round.framework, sort_order=2),
        ActionFactory(objective__domain__framework=reporting_round.framework, sort_order=1),
    )
    reporting_round.recommendations.add(RecommendationFactory())
    return reporting_round


@pytest.fixture
def partner():
    return CountryFactory()


def save(reporting_round, partner, item=None, **kwargs):
    values = {
        "status": "planned",
        "narrative": "",
        "evidence": "",
        "by": UserFactory(),
        **kwargs,
    }
    item = item or reporting_round.actions.order_by("sort_order").first()
    return services.save_report(round=reporting_round, partner=partner, item=item, **values)


class TestRound:
    def test_items_are_the_actions_in_plan_order_then_the_recommendations(self, reporting_round):
        items = reporting_round.items()
        actions = list(reporting_round.actions.order_by("sort_order"))
        assert [item.subject for item in items] == [
            *actions,
            reporting_round.recommendations.get(),
        ]
        assert [item.kind for item in items] == ["action", "action", "recommendation"]
        assert items[0].label == actions[0].label

    def test_find_item_only_finds_what_the_round_asks_about(self, reporting_round):
        action = reporting_round.actions.first()
        assert reporting_round.find_item("action", action.pk).subject == action
        assert reporting_round.find_item("action", ActionFactory().pk) is None
        assert reporting_round.find_item("meeting", action.pk) is None

    def test_started_rounds(self, reporting_round):
        today = timezone.localdate()
        ReportingRoundFactory(opens_on=today + DAY, closes_on=today + 2 * DAY)
        assert list(type(reporting_round).objects.started()) == [reporting_round]


class TestSaveReport:
    def test_creates_then_updates_the_countrys_draft(self, reporting_round, partner):
        first = save(reporting_round, partner, status="planned")
        second = save(reporting_round, partner, status="implemented", narrative="Done.")
        assert first.pk == second.pk
        second.refresh_from_db()
        assert (second.state, second.status, second.narrative) == (
            State.DRAFT,
            "implemented",
            "Done.",
        )

    def test_refuses_an_item_the_round_does_not_ask_about(self, reporting_round, partner):
        with pytest.raises(ValidationError):
            save(reporting_round, partner, ActionFactory())
        with pytest.raises(ValidationError):
            save(reporting_round, partner, RecommendationFactory())

    def test_refuses_a_closed_round(self, reporting_round, partner):
        reporting_round.closes_on = timezone.localdate() - DAY
        reporting_round.opens_on = reporting_round.closes_on - DAY
        reporting_round.save()
        with pytest.raises(ValidationError, match="not open"):
            save(reporting_round, partner)
        assert not ImplementationReport.objects.exists()

    @pytest.mark.parametrize("state", [State.SUBMITTED, State.VALIDATED])
    def test_refuses_a_report_sent_to_the_secretariat(self, reporting_round, partner, state):
        report = save(reporting_round, partner)
        services.submit_country_report(round=reporting_round, partner=partner, by=UserFactory())
        if state == State.VALIDATED:
            services.validate_reports(reports=[report], by=SecretariatUserFactory())
        with pytest.raises(ValidationError, match="can no longer be changed"):
            save(reporting_round, partner, status="implemented")

    def test_an_invalid_status_is_refused(self, reporting_round, partner):
        with pytest.raises(ValidationError):
            save(reporting_round, partner, status="finished")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("evidence", "pas une adresse"),
            ("evidence", "javascript:alert(1)"),
            ("evidence", "https://example.org/law\nftp://example.org/file"),
            ("evidence", "https://example.org/" + "a" * 2000),
            ("narrative", "x" * 10_001),
        ],
    )
    def test_bad_texts_are_refused(self, reporting_round, partner, field, value):
        with pytest.raises(ValidationError) as refused:
            save(reporting_round, partner, **{field: value})
        assert field in refused.value.message_dict
        assert not ImplementationReport.objects.exists()

    def test_a_refused_file_is_not_stored(self, reporting_round, partner, file_storage):
        with pytest.raises(ValidationError):
            save(reporting_round, partner, evidence_file=ContentFile(b"MZ", name="law.pdf"))
        root = file_storage / "protected"
        assert not root.exists() or not any(path.is_file() for path in root.rglob("*"))


class TestSubmit:
    def test_submits_every_draft_and_returned_report_of_the_partner(self, reporting_round, partner):
        first, second = (
            save(reporting_round, partner, item)
            for item in reporting_round.actions.order_by("sort_order")
        )
        ImplementationReport.objects.filter(pk=second.pk).update(
            state=State.RETURNED, submitted_at=timezone.now()
        )
        elsewhere = save(reporting_round, CountryFactory())
        user = UserFactory()
        count = services.submit_country_report(round=reporting_round, partner=partner, by=user)
        assert count == 2
        for report in (first, second):
            report.refresh_from_db()
            assert report.state == State.SUBMITTED and report.submitted_by == user
        elsewhere.refresh_from_db()
        assert elsewhere.state == State.DRAFT

    def test_refuses_when_there_is_nothing_to_submit(self, reporting_round, partner):
        with pytest.raises(ValidationError, match="nothing to submit"):
            services.submit_country_report(round=reporting_round, partner=partner, by=None)


class TestReview:
    def test_validation_stamps_who_and_when_and_makes_the_report_count(
        self, reporting_round, partner
    ):
        report = save(reporting_round, partner)
        services.submit_country_report(round=reporting_round, partner=partner, by=None)
        report.refresh_from_db()
        reviewer = SecretariatUserFactory()
        assert services.validate_reports(reports=[report], by=reviewer) == 1
        report.refresh_from_db()
        assert report.state == State.VALIDATED
        assert report.validated_by == reviewer and report.validated_at is not None
        assert list(ImplementationReport.objects.validated()) == [report]
        assert services.validate_reports(reports=[report], by=reviewer) == 0

    def test_return_needs_a_comment_and_a_submitted_report(self, reporting_round, partner):
        report = save(reporting_round, partner)
        reviewer = SecretariatUserFactory()
        with pytest.raises(ValidationError, match="Only a submitted"):
            services.return_report(report=report, comment="Add links.", by=reviewer)
        services.submit_country_report(round=reporting_round, partner=partner, by=None)
        report.refresh_from_db()
        with pytest.raises(ValidationError):
            services.return_report(report=report, comment="  ", by=reviewer)
        services.return_report(report=report, comment="Add links.", by=reviewer)
        report.refresh_from_db()
        assert (report.state, report.review_comment) == (State.RETURNED, "Add links.")

    def test_a_returned_report_can_be_changed_again(self, reporting_round, partner):
        report = ImplementationReportFactory(
            round=reporting_round,
            partner=partner,
            action=reporting_round.actions.order_by("sort_order").first(),
            state=State.VALIDATED,
            submitted_at=timezone.now(),
            validated_at=timezone.now(),
        )
        services.return_report(report=report, comment="Update.", by=SecretariatUserFactory())
        report.refresh_from_db()
        assert report.validated_at is None and report.validated_by is None
        assert not ImplementationReport.objects.validated().exists()
        saved = save(reporting_round, partner, status="implemented")
        assert (saved.pk, saved.state, saved.status) == (report.pk, State.RETURNED, "implemented")
