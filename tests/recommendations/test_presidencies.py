"""The presidency at a glance: meetings by kind, what they issued, the coverage of the plan."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

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
        assert response.context["meetings_held"] == 2
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
        assert response.context["meetings_held"] == 6
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

    def test_related_events_apart_and_not_counted(self, client, presidency):
        self.meeting(title="Thematic meeting in Praia")
        self.meeting(title="Khartoum Process meeting", kind=Meeting.Kind.RELATED_EVENT)
        self.meeting(title="Announced workshop", kind="workshop", status=Meeting.Status.PLANNED)
        response, html = page(client, url("presidency-detail", pk=presidency.pk))
        assert response.context["meetings_held"] == 1
        assert [str(group.label) for group in response.context["meeting_groups"]] == [
            "thematic meeting",
            "workshop",
        ]
        (related,) = response.context["related_groups"]
        assert [meeting.title for meeting in related.meetings] == ["Khartoum Process meeting"]
        assert html.index("Related events of other processes") < html.index(
            "Khartoum Process meeting"
        )

    def test_states_how_many_domains_were_covered(self, client, presidency, cadiz):
        _response, html = page(client, url("presidency-detail", pk=presidency.pk))
        assert "0 of 2 domains covered." in html
        self.meeting().actions.add(cadiz["action_1"])
        _response, html = page(client, url("presidency-detail", pk=presidency.pk))
        assert "1 of 2 domains covered:" in html

    def test_figures_without_records_say_so(self, client, presidency):
        _response, html = page(client, url("presidency-detail", pk=presidency.pk))
        assert html.count("none recorded yet") == 3

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
        # A print button (shown by the script) and a header naming the site, the address
        # and the day, which only the printout shows.
        assert "data-print hidden" in html and "js/print.js" in html
        header = html[html.index('class="print-only print-header"') :].split("</p>")[0]
        assert "Rabat Process" in header
        assert f"http://testserver{url('presidency-detail', pk=presidency.pk)}" in header
        assert date_format(timezone.localdate(), "j F Y") in header
        stylesheet = Path(settings.BASE_DIR, "static", "css", "print.css").read_text()
        assert "@media print" in stylesheet
        assert ".site-header" in stylesheet

    def test_in_french(self, client, presidency, cadiz):
        presidency.motto_fr = "La mobilité pour tous"
        presidency.save()
        presidency.partner.name_with_of_fr = "du Portugal"
        presidency.partner.save()
        self.meeting().actions.add(cadiz["action_1"])
        _response, html = page(client, url("presidency-detail", "fr", pk=presidency.pk))
        assert "La mobilité pour tous" in html
        assert "<h1>Présidence du Portugal</h1>" in html
        assert "1 objectif sur 10 et 1 action sur 29" in html
        assert "1 domaine sur 2 couvert\N{NO-BREAK SPACE}:" in html

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
            expected=10,
        )
