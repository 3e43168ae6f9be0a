"""The public governance pages: presidencies, steering committee, partners."""

import datetime

import pytest

from governance.models import DirectoryGroup
from meetings.models import MeetingRole
from tests.factories import (
    CountryFactory,
    FrameworkFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    NewsPostFactory,
    OrganisationFactory,
    PresidencyFactory,
    ProjectFactory,
    RecommendationFactory,
    ReferenceCountryFactory,
)
from tests.governance.helpers import assert_constant_queries, day, page, small_cadiz_plan, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadiz():
    return small_cadiz_plan()


class TestAddresses:
    def test_models_point_at_their_pages(self):
        partner = CountryFactory(slug="senegal")
        presidency = PresidencyFactory(partner=partner)
        framework = FrameworkFactory(slug="cadiz-action-plan")
        assert partner.get_absolute_url() == "/en/partners/senegal/"
        assert presidency.get_absolute_url() == f"/en/presidencies/{presidency.pk}/"
        assert framework.get_absolute_url() == "/en/action-plans/cadiz-action-plan/"

    @pytest.mark.parametrize(
        "name", ["framework-list", "presidency-list", "steering-committee", "partner-list"]
    )
    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_every_list_page_answers_in_each_language(self, client, name, language):
        address = url(name, language)
        assert address.startswith(f"/{language}/")
        _response, html = page(client, address)
        assert f'<html lang="{language}">' in html
        assert "css/governance.css" in html
        assert "css/print.css" in html

    @pytest.mark.parametrize(
        ("name", "kwargs"),
        [
            ("framework-detail", {"slug": "no-such-plan"}),
            ("presidency-detail", {"pk": 999}),
            ("partner-detail", {"slug": "atlantis"}),
        ],
    )
    def test_unknown_records_are_not_found(self, client, name, kwargs):
        assert client.get(url(name, **kwargs)).status_code == 404


class TestPresidencyList:
    def test_history_latest_first_with_dates_as_precise_as_known(self, client):
        morocco = PresidencyFactory(
            partner=CountryFactory(name="Morocco"),
            start=day(2015, 6, 1),
            start_precision="year",
            end=day(2016, 3, 1),
            end_precision="month",
        )
        switzerland = PresidencyFactory(
            partner=CountryFactory(name="Switzerland"), start=day(2026, 1, 29)
        )
        response, html = page(client, url("presidency-list"))
        assert list(response.context["presidencies"]) == [switzerland, morocco]
        assert "<td>2015</td>" in html
        assert "<td>March 2016</td>" in html
        assert "<td>29 January 2026</td>" in html
        assert "<td>ongoing</td>" in html
        assert f'href="{morocco.get_absolute_url()}"' in html

    def test_in_french(self, client):
        PresidencyFactory(partner=CountryFactory(name_en="Switzerland", name_fr="Suisse"))
        _response, html = page(client, url("presidency-list", "fr"))
        assert "Suisse" in html

    def test_query_count_does_not_grow(self, client, django_assert_num_queries):
        PresidencyFactory(start=day(2010, 1, 1), end=day(2011, 1, 1))

        def grow():
            for year in range(2011, 2016):
                PresidencyFactory(start=day(year, 1, 1), end=day(year + 1, 1, 1))

        assert_constant_queries(
            client, django_assert_num_queries, url("presidency-list"), grow, expected=1
        )


class TestSteeringCommittee:
    @pytest.fixture
    def seats(self):
        return {
            "mali": MembershipFactory(partner=CountryFactory(name="Mali"), start=day(2015, 1, 1)),
            "former": MembershipFactory(
                partner=CountryFactory(name="Formerland"),
                start=day(2015, 1, 1),
                end=day(2019, 1, 1),
            ),
            "newcomer": MembershipFactory(
                partner=CountryFactory(name="Newcomer"), start=day(2021, 1, 1)
            ),
        }

    def test_members_today_and_former_seats_each_once(self, client, seats):
        response, html = page(client, url("steering-committee"))
        assert list(response.context["current_members"]) == [seats["mali"], seats["newcomer"]]
        assert list(response.context["former_seats"]) == [seats["former"]]
        assert response.context["members_on_date"] is None
        assert "1 January 2019" in html  # the former member's last day
        for seat in seats.values():
            assert html.count(f'href="{seat.partner.get_absolute_url()}"') == 1

    def test_members_in_alphabetical_order_of_the_page_language(self, client):
        for english, french in (("Spain", "Espagne"), ("Egypt", "Égypte"), ("Senegal", "Sénégal")):
            MembershipFactory(
                partner=CountryFactory(name_en=english, name_fr=french), start=day(2015, 1, 1)
            )
        response, _html = page(client, url("steering-committee", "fr"))
        assert [seat.partner.name_fr for seat in response.context["current_members"]] == [
            "Égypte",
            "Espagne",
            "Sénégal",
        ]
        response, _html = page(client, url("steering-committee"))
        assert [seat.partner.name_en for seat in response.context["current_members"]] == [
            "Egypt",
            "Senegal",
            "Spain",
        ]

    def test_no_seat_ended(self, client):
        MembershipFactory(partner=CountryFactory(name="Mali"), start=day(2015, 1, 1))
        _response, html = page(client, url("steering-committee"))
        assert "No seat is recorded as ended." in html

    def test_members_on_a_past_date(self, client, seats):
        response, html = page(client, url("steering-committee"), date="2016-06-30")
        assert list(response.context["members_on_date"]) == [seats["former"], seats["mali"]]
        assert "Members on 30 June 2016" in html

    @pytest.mark.parametrize("date", ["1900-01-01", "2090-12-31"])
    def test_far_dates_are_fine(self, client, seats, date):
        response, _html = page(client, url("steering-committee"), date=date)
        assert response.context["chosen_date"] == datetime.date.fromisoformat(date)

    @pytest.mark.parametrize("date", ["2016-13-45", "yesterday", "99999-01-01"])
    def test_invalid_dates_are_explained_in_the_form(self, client, seats, date):
        response, html = page(client, url("steering-committee"), date=date)
        assert response.context["members_on_date"] is None
        assert "Enter a valid date." in html
        assert 'aria-invalid="true"' in html

    def test_in_french(self, client, seats):
        _response, html = page(client, url("steering-committee", "fr"))
        assert "Pays " in html  # the French names of the members

    def test_query_count_does_not_grow(self, client, django_assert_num_queries, seats):
        def grow():
            for year in range(2000, 2006):
                MembershipFactory(start=day(year, 1, 1), end=day(2016, 1, 1))

        address = url("steering-committee") + "?date=2015-06-01"
        assert_constant_queries(client, django_assert_num_queries, address, grow, expected=3)


@pytest.fixture
def directory():
    return {
        "senegal": CountryFactory(name="Senegal", name_fr="Sénégal", region="west_africa"),
        "morocco": CountryFactory(name="Morocco", name_fr="Maroc", region="north_africa"),
        "spain": CountryFactory(name="Spain", name_fr="Espagne", region="europe"),
        "algeria": CountryFactory(
            name="Algeria", name_fr="Algérie", region="north_africa", status="observer"
        ),
        "ecowas": OrganisationFactory(name="ECOWAS Commission", short_name="ECOWAS"),
        "iceland": CountryFactory(
            name="Iceland", name_fr="Islande", region="europe", left=day(2014, 11, 27)
        ),
    }


class TestPartnerList:
    def test_grouped_by_region_then_observers_organisations_and_former_partners(
        self, client, directory
    ):
        response, html = page(client, url("partner-list"))
        groups = [
            (group, [p.name for p in partners]) for group, partners in response.context["groups"]
        ]
        assert groups == [
            (DirectoryGroup.NORTH_AFRICA, ["Morocco"]),
            (DirectoryGroup.WEST_AFRICA, ["Senegal"]),
            (DirectoryGroup.EUROPE, ["Spain"]),
            (DirectoryGroup.OBSERVERS, ["Algeria"]),
            (DirectoryGroup.ORGANISATIONS, ["ECOWAS Commission"]),
            (DirectoryGroup.FORMER, ["Iceland"]),
        ]
        assert "Former partners" in html
        assert "6 partners" in html

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"region": "europe"}, {"spain", "iceland"}),
            ({"kind": "organisation"}, {"ecowas"}),
            ({"status": "observer"}, {"algeria"}),
            ({"q": "maroc"}, {"morocco"}),  # the French name
            ({"q": "SENEG"}, {"senegal"}),
            ({"q": "ecowas"}, {"ecowas"}),  # the short name
            ({"q": "es", "region": "europe"}, {"spain"}),
        ],
    )
    def test_filters(self, client, directory, params, expected):
        response, _html = page(client, url("partner-list"), **params)
        assert set(response.context["object_list"]) == {directory[key] for key in expected}

    @pytest.mark.parametrize("params", [{"region": "atlantis"}, {"kind": "person", "status": "x"}])
    def test_invalid_filters_are_explained_not_failed(self, client, directory, params):
        response, html = page(client, url("partner-list"), **params)
        assert "Select a valid choice." in html
        assert "Some filters are not valid" in html
        assert list(response.context["object_list"]) == []

    def test_in_french(self, client, directory):
        _response, html = page(client, url("partner-list", "fr"))
        assert "Sénégal" in html
        assert "Maroc" in html

    def test_query_count_does_not_grow(self, client, django_assert_num_queries, directory):
        def grow():
            CountryFactory.create_batch(5, region="europe")
            OrganisationFactory.create_batch(3)

        assert_constant_queries(
            client, django_assert_num_queries, url("partner-list"), grow, expected=1
        )


class TestPartnerDetail:
    @pytest.fixture
    def portugal(self, cadiz):
        portugal = CountryFactory(name="Portugal", name_fr="Portugal", slug="portugal")
        PresidencyFactory(partner=portugal, start=day(2024, 2, 1), end=day(2025, 1, 30))
        MembershipFactory(partner=portugal, start=day(2015, 1, 1))
        ReferenceCountryFactory(partner=portugal, domain=cadiz["area_2"])
        MeetingFactory(title="Hosted in Lisbon", host_country=portugal, city="Lisbon")
        MeetingFactory(title="Hosted draft", host_country=portugal, published=False)
        MeetingRoleFactory(
            partner=portugal,
            role=MeetingRole.Role.CHAIR,
            meeting=MeetingFactory(title="Chaired in Praia", city="Praia"),
        )
        MeetingRoleFactory(
            partner=portugal, meeting=MeetingFactory(title="Chaired draft", published=False)
        )
        attended = MeetingFactory(title="Attended in Abuja")
        attended.participants.add(portugal)
        MeetingFactory(title="Attended draft", published=False).participants.add(portugal)
        return portugal

    def test_recommendations_addressed_to_it_and_the_source_of_each_fact(self, client, portugal):
        meeting = MeetingFactory(title="Ministerial conference in Cadiz")
        addressed = RecommendationFactory(meeting=meeting, number="7")
        addressed.addressees.add(portugal)
        RecommendationFactory(meeting=meeting, published=False).addressees.add(portugal)
        RecommendationFactory(meeting=MeetingFactory(published=False)).addressees.add(portugal)
        RecommendationFactory(meeting=meeting)
        portugal.presidencies.update(sources="https://www.rabat-process.org/en/presidency\n")
        response, html = page(client, url("partner-detail", slug="portugal"))
        assert response.context["addressed_total"] == 1
        assert f'href="{addressed.get_absolute_url()}"' in html
        assert '?addressee=portugal">All of them</a>' in html
        assert '(source: <a href="https://www.rabat-process.org/en/presidency"' in html
        _response, french = page(client, url("partner-detail", "fr", slug="portugal"))
        assert "(source\u00a0: <a" in french

    def test_the_country_memory(self, client, portugal, cadiz):
        response, html = page(client, url("partner-detail", slug="portugal"))
        assert list(response.context["hosted_meetings"].values_list("title", flat=True)) == [
            "Hosted in Lisbon"
        ]
        presidency = portugal.presidencies.get()
        assert f'href="{presidency.get_absolute_url()}"' in html
        assert "1 February 2024 – 30 January 2025" in html
        assert "1 January 2015 – today" in html
        assert 'href="/en/action-plans/cadiz/#domain-2"' in html
        assert "Cadiz" in html
        for shown in ("Hosted in Lisbon", "Chaired in Praia", "Attended in Abuja"):
            assert shown in html
        assert "<td>Chair</td>" in html
        assert "draft" not in html

    def test_a_partner_without_any_role(self, client):
        CountryFactory(slug="andorra")
        _response, html = page(client, url("partner-detail", slug="andorra"))
        assert html.count("None recorded.") == 8

    def test_in_french(self, client, portugal):
        _response, html = page(client, url("partner-detail", "fr", slug="portugal"))
        assert '<html lang="fr">' in html
        assert "Hosted in Lisbon" in html

    def test_query_count_does_not_grow(self, client, django_assert_num_queries, portugal, cadiz):
        def grow():
            for year in range(2016, 2020):
                PresidencyFactory(partner=portugal, start=day(year, 1, 1), end=day(year, 6, 1))
                MembershipFactory(partner=portugal, start=day(year, 1, 1))
                ReferenceCountryFactory(
                    partner=portugal, domain=cadiz["area_1"], start=day(year, 1, 1)
                )
                MeetingFactory(host_country=portugal).participants.add(portugal)
                MeetingRoleFactory(
                    partner=portugal, meeting=MeetingFactory(host_country=CountryFactory())
                )
                NewsPostFactory().partners.add(portugal)
                RecommendationFactory().addressees.add(portugal)
                ProjectFactory().countries.add(portugal)

        RecommendationFactory().addressees.add(portugal)
        ProjectFactory().countries.add(portugal)
        assert_constant_queries(
            client,
            django_assert_num_queries,
            url("partner-detail", slug="portugal"),
            grow,
            # 8, 2 for the recommendations addressed to it, 2 for its projects and 5 for the
            # map around the country (overview.maps).
            expected=17,
        )
