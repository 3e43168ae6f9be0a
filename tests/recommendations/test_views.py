import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    ImplementationReportFactory,
    MeetingFactory,
    RecommendationFactory,
    ReportingRoundFactory,
)
from tests.helpers import listed, url

pytestmark = pytest.mark.django_db


class TestRecommendationList:
    def test_published_only(self, client):
        shown = RecommendationFactory()
        RecommendationFactory(published=False)
        RecommendationFactory(meeting=MeetingFactory(published=False))
        response = client.get(url("recommendations:list"))
        assert listed(response) == [shown]
        assert url("recommendations:list", "fr") == "/fr/recommandations/"

    def test_an_empty_record_says_so(self, client):
        page = client.get(url("recommendations:list")).content.decode()
        assert "No recommendation or conclusion has been published yet." in page
        page = client.get(url("recommendations:list"), {"kind": "conclusion"}).content.decode()
        assert "No recommendation matches these filters." in page

    def test_query_count_of_a_recommendation_is_constant(self, client, django_assert_num_queries):
        recommendation = RecommendationFactory(document=DocumentFactory())
        # The recommendation with its meeting and document, the four kinds of records it
        # links to, whether its document is public, its follow-up.
        with django_assert_num_queries(7) as captured:
            client.get(recommendation.get_absolute_url())
        for _ in range(5):
            recommendation.actions.add(ActionFactory())
            recommendation.addressees.add(CountryFactory())
        with django_assert_num_queries(len(captured.captured_queries)):
            client.get(recommendation.get_absolute_url())

    def test_filters(self, client):
        action = ActionFactory()
        meeting = MeetingFactory(slug="lisbon-2024", start=datetime.date(2024, 5, 15))
        on_action = RecommendationFactory(meeting=meeting, text_en="Support diaspora investment")
        on_action.actions.add(action)
        conclusion = RecommendationFactory(
            kind="conclusion", text_en="Data matters", meeting__start=datetime.date(2020, 1, 1)
        )
        conclusion.addressees.add(CountryFactory(slug="senegal"))
        get = lambda **params: listed(client.get(url("recommendations:list"), params))  # noqa: E731
        assert get(meeting="lisbon-2024") == [on_action]
        assert get(kind="conclusion") == [conclusion]
        assert get(addressee="senegal") == [conclusion]
        assert get(domain=action.objective.domain.pk) == [on_action]
        assert get(framework=action.framework.slug) == [on_action]
        assert get(q="diaspora") == [on_action]
        assert get(year="2024") == [on_action]

    @pytest.mark.parametrize(
        "params", [{"year": "x"}, {"kind": "wish"}, {"meeting": "nowhere"}, {"action": "-1"}]
    )
    def test_invalid_filters_get_a_message(self, client, params):
        RecommendationFactory()
        response = client.get(url("recommendations:list"), params)
        assert response.status_code == 200
        assert listed(response) == []

    def test_query_count_is_constant(self, client, django_assert_num_queries):
        RecommendationFactory()
        # Count and rows of the page, and the choices of five filters (a meeting is chosen
        # on its page).
        with django_assert_num_queries(7) as captured:
            client.get(url("recommendations:list"))
        RecommendationFactory.create_batch(10)
        with django_assert_num_queries(len(captured.captured_queries)):
            client.get(url("recommendations:list"))


class TestRecommendationDetail:
    def test_the_chain_from_meeting_to_actions_and_follow_up(self, client):
        meeting = MeetingFactory(title_en="Thematic meeting on missing migrants")
        document = DocumentFactory(meeting=meeting, title_en="Conclusions of the co-chairs")
        recommendation = RecommendationFactory(
            meeting=meeting, document=document, paragraph="12", text_en="Share data."
        )
        action = ActionFactory(number="17")
        recommendation.actions.add(action)
        now = timezone.now()
        collection = ReportingRoundFactory(name="Data collection 2025")
        for status in ("implemented", "implemented", "in_progress"):
            ImplementationReportFactory(
                round=collection,
                recommendation=recommendation,
                action=None,
                status=status,
                state="validated",
                submitted_at=now,
                validated_at=now,
            )
        ImplementationReportFactory(recommendation=recommendation, action=None, status="planned")
        page = client.get(recommendation.get_absolute_url()).content.decode()
        assert "Thematic meeting on missing migrants" in page
        assert "Conclusions of the co-chairs, paragraph 12" in page
        assert "Action 17" in page
        # A chart of the round, with its figures as a table.
        assert 'aria-label="Data collection 2025, implemented: 2"' in page
        assert 'aria-label="Data collection 2025, in progress: 1"' in page
        assert '<th scope="row">Data collection 2025</th><td>1</td><td>2</td><td>3</td>' in page
        assert "planned" not in page

    def test_restricted_source_document_is_not_named(self, client):
        document = DocumentFactory(title_en="Internal draft", visibility="partners")
        recommendation = RecommendationFactory(meeting=document.meeting, document=document)
        assert (
            "Internal draft" not in client.get(recommendation.get_absolute_url()).content.decode()
        )

    def test_drafts_are_not_found(self, client):
        draft = RecommendationFactory(published=False)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(url("recommendations:detail", pk=999999)).status_code == 404


def test_list_escapes_the_text_once(client):
    RecommendationFactory(text_en="Support labour migration <in> partners' own words.")
    html = client.get(url("recommendations:list")).content.decode()
    assert "labour migration &lt;in&gt; partners&#x27; own words." in html
    assert "&amp;" not in html
