import datetime

import pytest
from django.db import connection
from django.utils import translation

from meetings.models import compress_numbers
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    MeetingFactory,
    MeetingRoleFactory,
    NewsPostFactory,
    ObjectiveFactory,
    OrganisationFactory,
    RecommendationFactory,
)
from tests.helpers import listed, url

pytestmark = pytest.mark.django_db
day = datetime.date


class TestMeetingList:
    def test_lists_published_meetings_only_newest_first(self, client):
        undated = MeetingFactory(start=None)
        older = MeetingFactory(start=day(2022, 1, 1))
        newer = MeetingFactory(start=day(2024, 1, 1))
        MeetingFactory(published=False)
        response = client.get(url("meetings:list"))
        assert response.status_code == 200
        assert listed(response) == [newer, older, undated]
        assert "3 meetings" in response.content.decode()
        oldest_first = client.get(url("meetings:list") + "?order=date")
        assert listed(oldest_first) == [older, newer, undated]

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_in_both_languages(self, client, language):
        MeetingFactory(title_en="Webinar on return", title_fr="Webinaire sur le retour")
        page = client.get(url("meetings:list", language)).content.decode()
        assert ("Webinaire sur le retour" if language == "fr" else "Webinar on return") in page

    def test_filter_by_co_chair(self, client):
        portugal = CountryFactory(slug="portugal")
        chaired = MeetingRoleFactory(partner=portugal).meeting
        MeetingFactory()
        response = client.get(url("meetings:list"), {"chair": "portugal"})
        assert listed(response) == [chaired]

    def test_filter_by_objective_includes_meetings_on_its_actions(self, client):
        action = ActionFactory()
        on_action = MeetingFactory()
        on_action.actions.add(action)
        on_objective = MeetingFactory(start=day(2020, 1, 1))
        on_objective.plan_objectives.add(action.objective)
        MeetingFactory()
        response = client.get(url("meetings:list"), {"objective": action.objective.pk})
        assert listed(response) == [on_action, on_objective]
        response = client.get(url("meetings:list"), {"action": action.pk})
        assert listed(response) == [on_action]

    def test_filter_by_kind_year_and_period(self, client):
        som = MeetingFactory(kind="senior_officials_meeting", start=day(2024, 2, 1))
        MeetingFactory(kind="webinar", start=day(2024, 3, 1))
        MeetingFactory(kind="senior_officials_meeting", start=day(2023, 2, 1))
        response = client.get(
            url("meetings:list"), {"kind": "senior_officials_meeting", "year": "2024"}
        )
        assert listed(response) == [som]
        assert listed(client.get(url("meetings:list"), {"period": "upcoming"})) == []

    def test_search_in_both_languages(self, client):
        meeting = MeetingFactory(title_en="Missing migrants", title_fr="Migrants disparus")
        MeetingFactory(title_en="Visa facilitation")
        assert listed(client.get(url("meetings:list"), {"q": "disparus"})) == [meeting]

    def test_filter_by_date_range(self, client):
        inside = MeetingFactory(start=day(2023, 6, 1))
        MeetingFactory(start=day(2022, 6, 1))
        response = client.get(
            url("meetings:list"), {"date_from": "2023-01-01", "date_to": "2023-12-31"}
        )
        assert listed(response) == [inside]

    def test_sorting_by_date(self, client):
        older = MeetingFactory(start=day(2022, 1, 1))
        newer = MeetingFactory(start=day(2024, 1, 1))
        assert listed(client.get(url("meetings:list"), {"order": "date"})) == [older, newer]

    def test_empty_result_says_so(self, client):
        page = client.get(url("meetings:list"), {"q": "nothing like this"}).content.decode()
        assert "No meeting matches these filters." in page

    @pytest.mark.parametrize(
        "params",
        [
            {"year": "abc"},
            {"kind": "party"},
            {"chair": "atlantis"},
            {"action": "not-a-number"},
            {"action": "999999"},
            {"host": "sene\x00gal"},
            {"date_from": "2024-13-45"},
            {"order": "title"},
            {"q": "\x00<script>"},
        ],
    )
    def test_invalid_filters_get_a_message_not_an_error(self, client, params):
        MeetingFactory()
        response = client.get(url("meetings:list"), params)
        assert response.status_code == 200
        assert listed(response) == []

    def test_the_sort_order_is_named_in_the_pages_language(self, client):
        MeetingFactory()
        english = client.get(url("meetings:list")).content.decode()
        french = client.get(url("meetings:list", "fr")).content.decode()
        assert '<option value="-date">Date, newest first</option>' in english
        assert '<option value="-date">Date, les plus récentes d’abord</option>' in french
        assert "descending" not in english + french

    @pytest.mark.parametrize("address", ["meetings:list", "api"])
    def test_an_empty_sort_keeps_the_lists_own_order(self, client, address):
        for day in (3, 1, 2):
            MeetingFactory(start=datetime.date(2024, 1, day), title=f"Meeting {day}")
        path = "/api/meetings/" if address == "api" else url(address)
        response = client.get(path, {"order": ","})
        assert response.status_code == 200
        assert response.content.decode().index("Meeting 3") < response.content.decode().index(
            "Meeting 1"
        )

    def test_the_sort_box_shows_the_lists_own_order_when_nothing_is_chosen(self, client):
        MeetingFactory()
        page = client.get(url("meetings:list")).content.decode()
        sort_box = page[page.index('name="order"') :]
        first_option = sort_box[sort_box.index("<option") : sort_box.index("</option>")]
        assert 'value="-date"' in first_option

    def test_huge_page_number_is_not_found(self, client):
        MeetingFactory()
        assert client.get(url("meetings:list"), {"page": "999999"}).status_code == 404

    def test_language_switch_keeps_the_page_and_its_filters(self, client):
        page = client.get(url("meetings:list", "fr"), {"kind": "webinar"}).content.decode()
        assert 'href="/en/meetings/?kind=webinar" hreflang="en"' in page

    def test_query_count_does_not_grow_with_rows(self, client, django_assert_num_queries):
        def add_meetings(count):
            for _ in range(count):
                MeetingRoleFactory(meeting=MeetingFactory(host_country=CountryFactory()))

        add_meetings(2)
        # Count and rows of the page of meetings, their chairs, and the choices of seven
        # filters (co-chairs and participants are chosen among the same partners).
        with django_assert_num_queries(9) as captured:
            client.get(url("meetings:list"))
        add_meetings(15)
        with django_assert_num_queries(len(captured.captured_queries)):
            client.get(url("meetings:list"))

    def test_filters_find_the_chosen_records_without_a_query(
        self, client, django_assert_num_queries
    ):
        senegal = CountryFactory(name="Senegal")
        chaired = MeetingRoleFactory(meeting__title="Chaired by Senegal", partner=senegal).meeting
        action = ActionFactory()
        chaired.actions.add(action)
        # As many as without filters: the chosen co-chair and action are found among the
        # options of their lists.
        with django_assert_num_queries(9):
            response = client.get(
                url("meetings:list"), {"chair": senegal.slug, "action": action.pk}
            )
        assert listed(response) == [chaired]


class TestMeetingDetail:
    @pytest.mark.parametrize(
        ("language", "names"),
        [("en", ["Cabo Verde", "Gambia", "Senegal"]), ("fr", ["Cap-Vert", "Gambie", "Sénégal"])],
    )
    def test_participants_are_listed_by_their_name_in_the_pages_language(
        self, client, language, names
    ):
        meeting = MeetingFactory()
        meeting.participants.add(
            CountryFactory(name_en="Senegal", name_fr="Sénégal"),
            CountryFactory(name_en="Gambia", name_fr="Gambie"),
            CountryFactory(name_en="Cabo Verde", name_fr="Cap-Vert"),
        )
        page = client.get(url("meetings:detail", language, slug=meeting.slug)).content.decode()
        positions = [page.index(name) for name in names]
        assert positions == sorted(positions)

    def test_shows_the_meeting(self, client):
        meeting = MeetingFactory(
            title_en="Thematic meeting on missing migrants",
            start=day(2025, 7, 9),
            end=day(2025, 7, 10),
            city_en="Banjul",
            host_country=CountryFactory(name_en="Gambia"),
        )
        MeetingRoleFactory(meeting=meeting, partner=CountryFactory(name_en="Switzerland"), order=1)
        MeetingRoleFactory(meeting=meeting, partner=CountryFactory(name_en="Gambia "), order=2)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "9–10 July 2025" in page
        assert "Banjul, Gambia" in page
        assert page.index("Switzerland") < page.index("Gambia ")

    def test_unpublished_and_unknown_meetings_are_not_found(self, client):
        draft = MeetingFactory(published=False)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(url("meetings:detail", slug="no-such-meeting")).status_code == 404

    def test_co_chairs_to_be_determined(self, client):
        meeting = MeetingFactory(co_chairs_to_be_determined=True)
        assert (
            "Co-chairs to be determined" in client.get(meeting.get_absolute_url()).content.decode()
        )

    def test_plan_references_are_written_compactly(self, client):
        objective = ObjectiveFactory(number="7", domain__number="4")
        meeting = MeetingFactory()
        meeting.domains.add(objective.domain)
        meeting.plan_objectives.add(objective)
        for number in ("20", "21", "22"):
            meeting.actions.add(ActionFactory(objective=objective, number=number))
        response = client.get(meeting.get_absolute_url())
        ((framework, parts),) = response.context["meeting"].plan_references()
        assert [text for text, _level in parts] == ["Domain 4", "Objective 7", "Actions 20–22"]
        plan = framework.get_absolute_url()
        page = response.content.decode()
        assert f'<a href="{plan}#domain-4">Domain 4</a> · <a href="{plan}#objective-7">' in page
        assert f'<a href="{plan}#action-20">Actions 20–22</a>' in page

    def test_participation_by_bloc(self, client):
        meeting = MeetingFactory()
        meeting.participants.add(
            CountryFactory(region="west_africa"),
            CountryFactory(region="north_africa"),
            CountryFactory(region="europe"),
            OrganisationFactory(),
        )
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "African partners (2)" in page
        assert "European partners (1)" in page
        assert "Organisations (1)" in page

    def test_public_documents_in_both_languages_only(self, client):
        meeting = MeetingFactory()
        DocumentFactory(
            meeting=meeting,
            title_en="Conclusions",
            url_en="https://example.org/en.pdf",
            url_fr="https://example.org/fr.pdf",
        )
        DocumentFactory(meeting=meeting, title_en="Restricted note", visibility="partners")
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "https://example.org/en.pdf" in page and "https://example.org/fr.pdf" in page
        assert "Restricted note" not in page

    def test_published_recommendations_only(self, client):
        meeting = MeetingFactory()
        RecommendationFactory(meeting=meeting, text_en="Share data on missing migrants.")
        RecommendationFactory(meeting=meeting, text_en="Draft wording", published=False)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "Share data on missing migrants." in page and "Draft wording" not in page

    def test_previous_and_next_of_the_same_kind(self, client):
        first = MeetingFactory(start=day(2022, 1, 1))
        second = MeetingFactory(start=day(2023, 1, 1))
        third = MeetingFactory(start=day(2024, 1, 1))
        MeetingFactory(start=day(2023, 6, 1), kind="webinar")
        response = client.get(second.get_absolute_url())
        assert response.context["previous_meeting"] == first
        assert response.context["next_meeting"] == third

    def test_missing_french_title_falls_back_with_a_marker(self, client):
        meeting = MeetingFactory(title_en="Webinar on return", title_fr="")
        with translation.override("fr"):
            page = client.get(meeting.get_absolute_url()).content.decode()
        assert '<span lang="en">Webinar on return</span>' in page
        assert '<span class="fallback">(en anglais)</span>' in page

    def test_query_count_does_not_grow_with_rows(self, client, django_assert_num_queries):
        meeting, another = MeetingFactory.create_batch(2)
        # The meeting with its neighbours, its chairs, its documents, the five kinds of
        # records it links to, its recommendations, the news about it.
        with django_assert_num_queries(10) as captured:
            client.get(meeting.get_absolute_url())
        with django_assert_num_queries(10):
            client.get(another.get_absolute_url())
        for _ in range(5):
            NewsPostFactory().meetings.add(meeting)
            MeetingRoleFactory(meeting=meeting)
            meeting.participants.add(CountryFactory())
            meeting.actions.add(ActionFactory())
            RecommendationFactory(meeting=meeting)
            DocumentFactory(meeting=meeting)
        with django_assert_num_queries(len(captured.captured_queries)):
            client.get(meeting.get_absolute_url())


@pytest.mark.parametrize(
    ("numbers", "written"),
    [
        (["20", "21", "22"], "20–22"),
        (["3", "6", "17"], "3, 6, 17"),
        (["1", "2"], "1, 2"),
        (["4", "5a", "5b", "6", "7", "8"], "4, 5a, 5b, 6–8"),
    ],
)
def test_compress_numbers(numbers, written):
    assert compress_numbers(numbers) == written


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_page_of_the_list_reads_its_keys_from_the_index(language):
    from meetings.views import MeetingListView

    # On an empty table any plan is cheap: without the other plans, the index must be able
    # to give the rows in the list's order by itself.
    with connection.cursor() as cursor:
        for plan in ("seqscan", "bitmapscan", "sort", "incremental_sort"):
            cursor.execute(f"SET LOCAL enable_{plan} = off")
    with translation.override(language):
        keys = MeetingListView().get_queryset().values_list("pk", flat=True)[400:420]
        plan = keys.explain()
    assert f"meeting_list_order_{language}" in plan
    assert "Sort" not in plan
