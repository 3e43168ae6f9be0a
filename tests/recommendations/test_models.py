import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from recommendations.models import ImplementationReport, Recommendation, ReportingRound
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
)
from tests.helpers import refused_by_database

pytestmark = pytest.mark.django_db
day = datetime.date


class TestRecommendation:
    def test_numbers_are_unique_per_meeting_and_kind(self):
        recommendation = RecommendationFactory(number="1")
        refused_by_database(
            lambda: RecommendationFactory(meeting=recommendation.meeting, number="1")
        )
        RecommendationFactory(meeting=recommendation.meeting, number="1", kind="conclusion")

    def test_published_needs_a_published_meeting(self):
        RecommendationFactory(meeting=MeetingFactory(published=False))
        shown = RecommendationFactory()
        RecommendationFactory(published=False)
        assert list(Recommendation.objects.published()) == [shown]

    def test_source_document_must_be_of_the_same_meeting(self):
        recommendation = RecommendationFactory.build(
            meeting=MeetingFactory(), document=DocumentFactory(), number="1"
        )
        with pytest.raises(ValidationError, match="same meeting"):
            recommendation.full_clean()

    def test_addressing_an_objective_through_its_actions(self):
        action = ActionFactory()
        recommendation = RecommendationFactory()
        recommendation.actions.add(action)
        assert list(Recommendation.objects.addressing(action.objective.domain)) == [recommendation]


class TestReporting:
    def test_round_closing_before_opening_is_refused_by_the_database(self):
        refused_by_database(
            lambda: ReportingRoundFactory(opens_on=day(2025, 3, 1), closes_on=day(2025, 1, 1))
        )

    def test_open_rounds(self):
        today = timezone.localdate()
        open_round = ReportingRoundFactory(
            opens_on=today - datetime.timedelta(days=1), closes_on=today
        )
        ReportingRoundFactory(opens_on=day(2020, 1, 1), closes_on=day(2020, 2, 1))
        assert list(ReportingRound.objects.open()) == [open_round]

    def test_a_report_is_about_an_action_or_a_recommendation_not_both(self):
        report = ImplementationReportFactory()
        report.recommendation = RecommendationFactory()
        refused_by_database(report.save)

    def test_one_report_per_partner_and_action_in_a_round(self):
        report = ImplementationReportFactory()
        refused_by_database(
            lambda: ImplementationReport.objects.create(
                round=report.round, partner=report.partner, action=report.action
            )
        )

    def test_validated_without_date_is_refused_by_the_database(self):
        refused_by_database(lambda: ImplementationReportFactory(state="validated"))

    def test_only_validated_reports_count(self):
        ImplementationReportFactory(state="draft")
        validated = ImplementationReportFactory(
            state="validated", submitted_at=timezone.now(), validated_at=timezone.now()
        )
        assert list(ImplementationReport.objects.validated()) == [validated]

    def test_focal_point_sees_only_its_own_country(self):
        mine = ImplementationReportFactory()
        ImplementationReportFactory(partner=CountryFactory())
        focal_point = FocalPointFactory(partner=mine.partner)
        assert list(ImplementationReport.objects.visible_to(focal_point.user)) == [mine]
        assert ImplementationReport.objects.visible_to(SecretariatUserFactory()).count() == 2

    def test_action_of_another_framework_is_refused(self):
        report = ImplementationReportFactory.build(
            round=ReportingRoundFactory(), partner=CountryFactory(), action=ActionFactory()
        )
        with pytest.raises(ValidationError, match="framework of the round"):
            report.full_clean()
