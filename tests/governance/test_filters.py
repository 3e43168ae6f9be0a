"""Drop-down lists of records in the public filters (core.filters.RecordFilter): each set
of records is read once per request, and the chosen record is found among them."""

import pytest

from tests.factories import ActionFactory, CountryFactory, MeetingFactory
from tests.helpers import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def partner_reads(captured):
    # PostgreSQL reads them through a server-side cursor (DECLARE … FOR SELECT).
    return [
        query["sql"] for query in captured if 'SELECT "governance_partner"."id"' in query["sql"]
    ]


def options(page, name):
    select = page[page.index(f'name="{name}"') :]
    return select[: select.index("</select>")]


class TestRecordFilter:
    def test_lists_offering_the_same_records_read_them_once(
        self, client, django_assert_max_num_queries
    ):
        chair = CountryFactory(name="Gambia", slug="gambia")
        MeetingFactory().participants.add(chair)
        with django_assert_max_num_queries(10) as captured:
            page = client.get(url("meetings:list")).content.decode()
        # All partners (co-chair, participant) and the countries (host).
        assert len(partner_reads(captured)) == 2
        for name in ("chair", "participant", "host"):
            assert '<option value="gambia">Gambia</option>' in options(page, name)

    def test_the_chosen_records_cost_no_query_of_their_own(self, client, django_assert_num_queries):
        gambia = CountryFactory(name="Gambia", slug="gambia")
        action = ActionFactory()
        meeting = MeetingFactory(host_country=gambia)
        meeting.participants.add(gambia)
        meeting.actions.add(action)
        with django_assert_num_queries(9) as unfiltered:
            client.get(url("meetings:list"))
        chosen = {"host": "gambia", "participant": "gambia", "action": action.pk}
        with django_assert_num_queries(len(unfiltered.captured_queries)):
            page = client.get(url("meetings:list"), chosen).content.decode()
        assert '<option value="gambia" selected>Gambia</option>' in options(page, "host")
        assert meeting.title in page
        assert "has-error" not in page

    def test_the_chosen_record_filters_the_list(self, client):
        gambia = CountryFactory(name="Gambia", slug="gambia")
        hosted = MeetingFactory(host_country=gambia, title="Hosted in Banjul")
        other = MeetingFactory(title="Held elsewhere")
        page = client.get(url("meetings:list"), {"host": "gambia"}).content.decode()
        assert hosted.title in page
        assert other.title not in page

    @pytest.mark.parametrize("value", ["atlantis", "<b>", "1' OR '1'='1", "\x00"])
    def test_an_unknown_record_is_a_form_error(self, client, value):
        CountryFactory(name="Gambia", slug="gambia")
        response = client.get(url("meetings:list"), {"host": value})
        assert response.status_code == 200
        assert "has-error" in response.content.decode()

    def test_a_changed_record_is_shown_at_once(self, client):
        gambia = CountryFactory(name="Gambia", slug="gambia")
        client.get(url("meetings:list"), {"host": "gambia"})
        gambia.name_en = "The Gambia"
        gambia.save()
        page = client.get(url("meetings:list"), {"host": "gambia"}).content.decode()
        assert '<option value="gambia" selected>The Gambia</option>' in page

    def test_the_api_takes_the_same_records_by_the_same_keys(self, client):
        gambia = CountryFactory(name="Gambia", slug="gambia")
        MeetingFactory(host_country=gambia, published=True)
        MeetingFactory(published=True)
        found = client.get("/api/meetings/", {"host": "gambia"}).json()
        assert found["count"] == 1
        refused = client.get("/api/meetings/", {"host": "atlantis"})
        assert refused.status_code == 400


def test_plan_choices_say_which_titles_are_in_another_language(client):
    ActionFactory(number="17", title_en="Support reintegration", title_fr="")
    ActionFactory(number="3", title_en="Legal pathways", title_fr="Voies légales")
    page = client.get(url("meetings:list", "fr")).content.decode()
    choices = options(page, "action")
    assert "Action 17 – Support reintegration (en anglais)</option>" in choices
    assert "Action 3 – Voies légales</option>" in choices
