"""Searching meetings and recommendations in either language, on SQLite and PostgreSQL."""

from urllib.parse import urlencode

import pytest
from django.db import connection

from core.search import matching, normalise, query_words, search_config, text_search
from meetings.models import Document, Meeting
from news.models import NewsPost
from recommendations.models import Recommendation
from tests.factories import CountryFactory, MeetingFactory, RecommendationFactory
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


def test_each_language_has_its_unaccented_configuration():
    assert [search_config(code) for code in ("en", "fr", "pt", "wo")] == [
        "rabat_english",
        "rabat_french",
        "rabat_portuguese",
        "rabat_simple",
    ]


def test_little_words_are_not_asked_for_unless_there_is_nothing_else():
    assert query_words("Le Processus de Rabat en bref") == ["Processus", "Rabat", "bref"]
    assert query_words("missing persons in Geneva") == ["missing", "persons", "Geneva"]
    assert query_words("à la") == ["à", "la"]


def test_text_is_compared_without_accents_ligatures_nor_case():
    assert normalise("Œuvre à GENÈVE, São Tomé, Côte d’Ivoire") == (
        "oeuvre a geneve, sao tome, cote d’ivoire"
    )


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
            (
                Document.objects.all(),
                ["title", "text"],
                ["document_search_en", "document_search_fr"],
            ),
            (
                NewsPost.objects.all(),
                ["title", "summary", "body"],
                ["newspost_search_en", "newspost_search_fr"],
            ),
        ],
    )
    def test_the_plan_uses_the_indexes(self, queryset, fields, indexes):
        # Tables of a test are nearly empty: rule out reading them whole, or in the order of
        # another index, as the planner would rightly do for a handful of rows.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = matching(queryset.order_by(), fields, "migration").explain()
        for index in indexes:
            assert index in plan


class TestAccentsAndLanguages:
    """Whatever the accents and case, and each word in either language."""

    def test_meetings_are_found_without_their_accents_or_with_others(self, client):
        geneva = MeetingFactory(
            title_en="Thematic meeting on family separation and missing persons",
            title_fr="Réunion thématique sur la séparation des familles et les personnes disparues",
            city_en="Geneva",
            city_fr="Genève",
        )
        cadiz = MeetingFactory(title_en="Ministerial conference", city_en="Cádiz")
        yaounde = MeetingFactory(title_en="Voluntary return", city_en="Yaoundé")
        for query, expected in (
            ("missing persons geneve", geneva),
            ("Genève", geneva),
            ("GENEVE personnes", geneva),
            ("separation familles", geneva),
            ("Cadiz", cadiz),
            ("cádiz", cadiz),
            ("Yaounde", yaounde),
        ):
            response = client.get(url("meetings:list") + "?" + urlencode({"q": query}))
            assert listed(response) == [expected], query

    def test_a_recommendation_is_found_by_a_word_without_its_accents(self, client):
        wanted = RecommendationFactory(
            text_en="Strengthen the management of borders.",
            text_fr="Renforcer la gestion des frontières et la sécurité.",
        )
        RecommendationFactory(text_en="Promote student mobility.")
        for query in ("frontieres", "SECURITE", "borders", "sécurité gestion"):
            response = client.get(url("recommendations:list") + "?" + urlencode({"q": query}))
            assert listed(response) == [wanted], query

    def test_partners_are_found_without_their_accents(self, client):
        ivory = CountryFactory(name_en="Côte d’Ivoire", name_fr="Côte d’Ivoire")
        sao_tome = CountryFactory(name_en="São Tomé and Príncipe", name_fr="Sao Tomé-et-Principe")
        egypt = CountryFactory(name_en="Egypt", name_fr="Égypte")
        for query, expected in (("cote", ivory), ("Sao Tome", sao_tome), ("égypte", egypt)):
            response = client.get(url("governance:partner-list") + "?" + urlencode({"q": query}))
            assert list(response.context["object_list"]) == [expected], query

    def test_operators_nul_bytes_and_long_queries_are_only_words(self, client):
        MeetingFactory(title_en="Workshop on diaspora")
        for query in ("diaspora & | ! :* (", "dias\x00pora", "diaspora " * 2500, "''\\"):
            response = client.get(url("meetings:list") + "?" + urlencode({"q": query}))
            assert response.status_code in (200, 400), query
