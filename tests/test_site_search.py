"""One search across the site: every kind of public content, whatever the accents, each
word in either language; never what visitors may not see; bad input never a 500."""

import datetime
from urllib.parse import urlencode

import pytest

from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    MeetingFactory,
    NewsPostFactory,
    RecommendationFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


def search(client, **parameters):
    return client.get(url("search") + "?" + urlencode(parameters))


def sections(response):
    return {section["key"]: section for section in response.context["sections"]}


def titles(response, key):
    return [str(result.title) for result in sections(response)[key]["results"]]


@pytest.fixture
def geneva():
    return MeetingFactory(
        title_en="Thematic meeting on family separation and missing persons",
        title_fr="Réunion thématique sur la séparation des familles et les personnes disparues",
        city_en="Geneva",
        city_fr="Genève",
        start=datetime.date(2023, 11, 20),
    )


class TestWhatIsFound:
    def test_the_geneva_meeting_by_english_words_and_the_french_city(self, client, geneva):
        MeetingFactory(title_en="Missing migrants in the Sahel", city_en="Niamey")
        for query in (
            "missing persons geneve",
            "Genève",
            "personnes disparues geneva",
            "missing persons in Geneva",
            "les personnes disparues à Genève",
        ):
            response = search(client, q=query)
            assert sections(response)["meetings"]["count"] == 1, query
        found = search(client, q="missing persons geneve")
        assert titles(found, "meetings") == [
            "Thematic meeting on family separation and <mark>missing</mark> <mark>persons</mark>"
        ]

    def test_every_kind_of_public_content(self, client, geneva):
        RecommendationFactory(
            meeting=geneva, text_en="Protect the families.", text_fr="Protéger les familles."
        )
        NewsPostFactory(title_en="Families reunited", title_fr="Familles réunies")
        DocumentFactory(meeting=geneva, title_en="Families: the report")
        ActionFactory(title_en="Support families of missing migrants")
        found = sections(search(client, q="famil"))
        assert {key for key, section in found.items() if section["count"]} == {
            "meetings",
            "recommendations",
            "news",
            "documents",
            "action",
        }

    def test_an_online_meeting_says_so(self, client):
        MeetingFactory(title_en="Webinar on diaspora", online=True, city_en="", city_fr="")
        (result,) = sections(search(client, q="webinar"))["meetings"]["results"]
        assert result.about.endswith(" · online")

    def test_partners_without_their_accents(self, client):
        CountryFactory(name_en="Côte d’Ivoire", name_fr="Côte d’Ivoire")
        assert titles(search(client, q="cote"), "partners") == ["<mark>Côte</mark> d’Ivoire"]

    def test_excerpts_mark_the_words_found_in_long_texts(self, client, geneva):
        RecommendationFactory(
            meeting=geneva,
            text_en="Partners agreed on many points. " * 20
            + "They will exchange data on missing persons through the ICRC. "
            + "More follows. " * 20,
        )
        (result,) = sections(search(client, q="ICRC"))["recommendations"]["results"]
        assert result.excerpt.startswith("… ")
        assert "<mark>ICRC</mark>" in result.excerpt
        assert len(result.excerpt) < 400

    def test_filters_by_kind_year_and_language(self, client, geneva):
        MeetingFactory(title_en="Family reunification", start=datetime.date(2019, 5, 1))
        NewsPostFactory(title_en="A family story", published_on=datetime.date(2019, 6, 1))
        assert set(sections(search(client, q="famil", type="meetings"))) == {"meetings"}
        in_2019 = sections(search(client, q="famil", year=2019))
        assert in_2019["meetings"]["count"] == in_2019["news"]["count"] == 1
        assert in_2019["partners"]["count"] == 0
        french_only = sections(search(client, q="familles", language="en"))
        assert french_only["meetings"]["count"] == 0

    def test_one_kind_page_by_page_and_a_link_to_its_own_list(self, client):
        for number in range(25):
            MeetingFactory(title_en=f"Border workshop {number}")
        overview = search(client, q="border")
        meetings = sections(overview)["meetings"]
        assert meetings["count"] == 25 and len(meetings["results"]) == 3
        assert meetings["list_url"] == url("meetings:list") + "?q=border"
        assert meetings["more_url"] == "?q=border&type=meetings"
        second = search(client, q="border", type="meetings", page=2)
        assert len(sections(second)["meetings"]["results"]) == 5


class TestWhatIsNeverFound:
    def test_unpublished_and_restricted_content(self, client):
        hidden = MeetingFactory(title_en="Confidential retreat", published=False)
        RecommendationFactory(meeting=hidden, text_en="Confidential wording.")
        NewsPostFactory(title_en="Confidential draft", status="draft")
        shown = MeetingFactory(title_en="Open meeting")
        DocumentFactory(meeting=shown, title_en="Confidential annex", visibility="partners")
        found = sections(search(client, q="confidential"))
        assert all(section["count"] == 0 for section in found.values())


class TestBadInput:
    @pytest.mark.parametrize(
        "query", ["", "   ", "a\x00b", "& | ! ( ) :* '", "x" * 5000, "<script>alert(1)</script>"]
    )
    def test_never_a_server_error(self, client, query):
        response = search(client, q=query)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()

    def test_a_query_too_long_is_refused_with_a_message_not_cut(self, client):
        response = search(client, q="x" * 5000)
        page = response.content.decode()
        assert "at most 200 characters" in page
        assert "maxlength" not in page

    def test_a_bad_year_or_kind_is_refused_with_a_message(self, client):
        response = search(client, q="border", year="soon", type="elsewhere")
        assert response.context["form"].errors.keys() == {"year", "type"}


def test_the_page_reads_as_much_with_more_content(
    client, page_cache_off, django_assert_num_queries
):
    def add(count):
        for number in range(count):
            meeting = MeetingFactory(title_en=f"Border meeting {number}")
            RecommendationFactory(meeting=meeting, text_en="Manage borders together.")
            DocumentFactory(meeting=meeting, title_en="Border report")
            NewsPostFactory(title_en=f"Border news {number}")

    add(2)
    # A count and a first page for each of the eight kinds, and the keys of the matches
    # for the four searched by their texts (core.search.text_search); a kind whose keys
    # are none needs neither.
    with django_assert_num_queries(20):
        search(client, q="border")
    add(10)
    with django_assert_num_queries(20):
        search(client, q="border")


def test_the_search_box_is_on_every_page(client):
    page = client.get(url("home", "fr")).content.decode()
    assert f'action="{url("search", "fr")}"' in page
    assert 'name="q"' in page
