"""Searching meetings and recommendations in either language, on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from core.search import search_configs, text_search
from meetings.models import Meeting
from recommendations.models import Recommendation
from tests.factories import MeetingFactory, RecommendationFactory
from tests.helpers import listed, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    return {
        "border": MeetingFactory(
            title_en="Thematic meeting on border management",
            title_fr="Réunion thématique sur la gestion des frontières",
            city_en="Dakar",
        ),
        "diaspora": MeetingFactory(
            title_en="Workshop on diaspora engagement",
            title_fr="Atelier sur l'engagement de la diaspora",
            city_en="Lisbon",
            city_fr="Lisbonne",
        ),
    }


def found(text, fields=("title", "city")):
    return set(text_search(Meeting.objects.all(), list(fields), text))


def test_each_language_of_the_settings_has_its_configuration(settings):
    assert search_configs() == [("en", "english"), ("fr", "french")]
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt", "Portuguese"), ("wo", "Wolof")]
    assert search_configs()[2:] == [("pt", "portuguese"), ("wo", "simple")]


class TestTextSearch:
    def test_every_word_must_match(self, meetings):
        assert found("border management") == {meetings["border"]}
        assert found("border diaspora") == set()

    def test_either_language(self, meetings):
        assert found("frontières") == {meetings["border"]}
        assert found("Lisbonne") == {meetings["diaspora"]}

    def test_beginnings_of_words_match(self, meetings):
        assert found("diasp") == {meetings["diaspora"]}
        assert found("manag") == {meetings["border"]}

    def test_punctuation_and_operators_are_only_text(self, meetings):
        assert found("border & | ! ( ) : * '") == {meetings["border"]}
        assert found("   ") == set(Meeting.objects.all())

    def test_the_meetings_list_searches(self, client, meetings):
        response = client.get(url("meetings:list") + "?q=gestion+frontières")
        assert listed(response) == [meetings["border"]]

    def test_the_recommendations_list_searches(self, client):
        wanted = RecommendationFactory(
            text_en="Partners should promote remittances through regional cooperation.",
            text_fr="Les partenaires devraient promouvoir les transferts de fonds.",
        )
        RecommendationFactory(text_en="The secretariat should evaluate student mobility.")
        for query in ("remittances", "transferts fonds", "regional"):
            response = client.get(url("recommendations:list") + f"?q={query}")
            assert listed(response) == [wanted], query


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
class TestSearchIndexes:
    """The search reads the GIN index of each language, not every row."""

    @pytest.mark.parametrize(
        ("queryset", "fields", "indexes"),
        [
            (Meeting.objects.all(), ["title", "city"], ["meeting_search_en", "meeting_search_fr"]),
            (
                Recommendation.objects.all(),
                ["text"],
                ["recommendation_search_en", "recommendation_search_fr"],
            ),
        ],
    )
    def test_the_plan_uses_the_indexes(self, queryset, fields, indexes):
        # Tables of a test are nearly empty: rule out reading them whole, or in the order of
        # another index, as the planner would rightly do for a handful of rows.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = text_search(queryset.order_by(), fields, "migration").explain()
        for index in indexes:
            assert index in plan
