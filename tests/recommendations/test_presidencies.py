"""The presidency at a glance: meetings by kind, what they issued, the coverage of the plan."""

from pathlib import Path

import pytest
from django.conf import settings

from governance.models import Framework
from meetings.models import Meeting, MeetingRole
from recommendations.models import Recommendation
from recommendations.presidencies import PresidencyBriefView
from tests.factories import (
    CountryFactory,
    FrameworkFactory,
    MeetingFactory,
    MeetingRoleFactory,
    PresidencyFactory,
    RecommendationFactory,
)
from tests.governance.helpers import assert_constant_queries, day, page, small_cadiz_plan, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadiz():
    return small_cadiz_plan()


@pytest.fixture
def presidency(cadiz):
    """Portugal's presidency, during which the plan ``cadiz`` is in force."""
    return PresidencyFactory(
        partner=CountryFactory(name="Portugal", slug="portugal"),
        start=day(2024, 2, 1),
        end=day(2025, 1, 30),
        motto_en="Mobility for all",
        priorities_en="Legal pathways.",
        handover_note_en="SOM Porto, January 2025",
    )


class TestPresidencyAtAGlance:
    def meeting(self, **kwargs):
        kwargs.setdefault("start", day(2024, 5, 15))
        return MeetingFactory(**kwargs)

    def test_meetings_by_kind_with_co_chairs_and_their_outcomes(self, client, presidency):
        som = self.meeting(
            title="Senior officials in Rabat",
            kind=Meeting.Kind.SENIOR_OFFICIALS_MEETING,
            start=day(2024, 2, 1),
            city="Rabat",
        )
        MeetingRoleFactory(meeting=som, partner=CountryFactory(name="Morocco"), order=1)
        MeetingRoleFactory(meeting=som, partner=presidency.partner, order=2)
        thematic = self.meeting(title="Thematic meeting in Praia")
        RecommendationFactory.create_batch(2, meeting=thematic)
        RecommendationFactory(meeting=thematic, kind=Recommendation.Kind.CONCLUSION)
        RecommendationFactory(meeting=thematic, published=False)
        self.meeting(title="Unpublished draft", published=False)
        self.meeting(title="Before the term", start=day(2024, 1, 31))
        self.meeting(title="After the term", start=day(2025, 1, 30))

        response, html = page(client, url("presidency-detail", pk=presidency.pk))
        groups = response.context["meeting_groups"]
        assert [(str(group.label), [m.title for m in group.meetings]) for group in groups] == [
            ("senior officials' meeting", ["Senior officials in Rabat"]),
            ("thematic meeting", ["Thematic meeting in Praia"]),
        ]
        assert response.context["meeting_total"] == 2
        assert response.context["recommendation_total"] == 2
        assert response.context["conclusion_total"] == 1
        assert "Morocco, Portugal" in html
        assert "Rabat" in html
        for hidden in ("Unpublished draft", "Before the term", "After the term"):
            assert hidden not in html
        for shown in ("Mobility for all", "Legal pathways.", "SOM Porto, January 2025"):
            assert shown in html

    def test_a_long_list_of_one_kind_links_to_the_rest(self, client, presidency, monkeypatch):
        monkeypatch.setattr(PresidencyBriefView, "MEETINGS_PER_KIND", 3)
        for number in range(1, 6):
            self.meeting(title=f"Workshop {number}", kind="workshop", start=day(2024, 3, number))
        self.meeting(title="The only webinar", kind="webinar")
        response, html = page(client, url("presidency-detail", pk=presidency.pk))
        workshops, webinars = response.context["meeting_groups"]
        assert [meeting.title for meeting in workshops.meetings] == [
            "Workshop 1",
            "Workshop 2",
            "Workshop 3",
        ]
        assert (workshops.total, workshops.more) == (5, 2)
        assert (webinars.total, webinars.more) == (1, 0)
        assert response.context["meeting_total"] == 6
        assert "Workshop 4" not in html
        assert "2 more meetings of this kind" in html
        rest = client.get(workshops.more_url)
        assert {meeting.title for meeting in rest.context["object_list"]} == {
            f"Workshop {number}" for number in range(1, 6)
        }

    def test_coverage_derives_from_the_meetings_and_their_recommendations(
        self, client, presidency, cadiz
    ):
        on_action = self.meeting()
        on_action.actions.add(cadiz["action_1"])  # objective 5a, area 1
        RecommendationFactory(meeting=self.meeting()).objectives.add(cadiz["objective_5b"])
        self.meeting(published=False).actions.add(cadiz["action_20"])
        self.meeting(start=day(2023, 1, 1)).actions.add(cadiz["action_20"])
        unpublished = RecommendationFactory(meeting=on_action, published=False)
        unpublished.actions.add(cadiz["action_20"])

        def coverage():
            response, html = page(client, url("presidency-detail", pk=presidency.pk))
            return response.context["coverage"], html

        covered, html = coverage()
        # 5a and 5b are parts of objective 5, which the adopted text counts once.
        assert (covered.objectives, covered.objective_total) == (1, 10)
        assert (covered.actions, covered.action_total) == (1, 29)
        assert covered.domains == [cadiz["area_1"]]
        assert "1 of 10 objectives and 1 of 29 actions" in html

        self.meeting().actions.add(cadiz["action_20"])
        covered, html = coverage()
        assert (covered.objectives, covered.actions) == (2, 2)
        assert covered.domains == [cadiz["area_1"], cadiz["area_2"]]
        assert "2 of 10 objectives and 2 of 29 actions" in html

    def test_framework_is_the_one_in_force_at_the_start(self, client, presidency, cadiz):
        FrameworkFactory(adopted_on=day(2025, 1, 1))  # adopted during the term
        FrameworkFactory(adopted_on=day(2023, 1, 1), kind=Framework.Kind.RELATED)
        response, _html = page(client, url("presidency-detail", pk=presidency.pk))
        assert response.context["framework"] == cadiz["framework"]

    def test_before_any_framework(self, client):
        early = PresidencyFactory(start=day(2006, 1, 1), end=day(2007, 1, 1))
        response, html = page(client, url("presidency-detail", pk=early.pk))
        assert response.context["coverage"] is None
        assert "No framework of the dialogue was in force" in html

    def test_printable(self, client, presidency):
        _response, html = page(client, url("presidency-detail", pk=presidency.pk))
        assert "css/print.css" in html
        stylesheet = Path(settings.BASE_DIR, "static", "css", "print.css").read_text()
        assert "@media print" in stylesheet
        assert ".site-header" in stylesheet

    def test_in_french(self, client, presidency):
        presidency.motto_fr = "La mobilité pour tous"
        presidency.save()
        _response, html = page(client, url("presidency-detail", "fr", pk=presidency.pk))
        assert "La mobilité pour tous" in html

    def test_query_count_does_not_grow(self, client, django_assert_num_queries, presidency, cadiz):
        PresidencyFactory(start=day(2023, 1, 1), end=day(2024, 2, 1))
        self.meeting()

        def grow():
            for kind in (Meeting.Kind.WEBINAR, Meeting.Kind.WORKSHOP, Meeting.Kind.TRAINING):
                meeting = self.meeting(kind=kind, host_country=CountryFactory(), city="Dakar")
                meeting.actions.add(cadiz["action_2"])
                MeetingRoleFactory(meeting=meeting)
                MeetingRoleFactory(meeting=meeting, role=MeetingRole.Role.CHAIR)
                RecommendationFactory(meeting=meeting).actions.add(cadiz["action_20"])

        assert_constant_queries(
            client,
            django_assert_num_queries,
            url("presidency-detail", pk=presidency.pk),
            grow,
            expected=9,
        )
