"""The public governance pages: action plans, presidencies, steering committee, partners."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from governance.models import DirectoryGroup, Framework
from meetings.models import Meeting, MeetingRole
from recommendations.models import Recommendation
from recommendations.presidencies import PresidencyBriefView
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PresidencyFactory,
    RecommendationFactory,
    ReferenceCountryFactory,
)

pytestmark = pytest.mark.django_db
day = datetime.date


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"governance:{name}", kwargs=kwargs or None)


def page(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200
    return response, response.content.decode()


def assert_constant_queries(client, django_assert_num_queries, address, grow, expected):
    """The page costs ``expected`` queries, and still does once ``grow`` added more rows."""
    with django_assert_num_queries(expected):
        assert client.get(address).status_code == 200
    grow()
    with django_assert_num_queries(expected):
        assert client.get(address).status_code == 200


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


class TestFrameworkList:
    def test_strategic_frameworks_newest_first_then_related_plans(self, client):
        rabat = FrameworkFactory(short_name="Rabat", adopted_on=day(2006, 7, 11))
        cadiz = FrameworkFactory(short_name="Cadiz", adopted_on=day(2022, 12, 14))
        jvap = FrameworkFactory(
            short_name="JVAP", kind=Framework.Kind.RELATED, adopted_on=day(2015, 11, 12)
        )
        response, html = page(client, url("framework-list"))
        assert list(response.context["frameworks"]) == [cadiz, rabat, jvap]
        assert "Related plans followed by the dialogue" in html
        assert "in force" in html

    def test_totals_take_the_stated_counts_where_the_records_fall_short(self, client):
        framework = FrameworkFactory(stated_actions=29)
        domain = DomainFactory(framework=framework)
        ObjectiveFactory(domain=domain, number="5a", part_of="5")
        ObjectiveFactory(domain=domain, number="5b", part_of="5")
        ActionFactory(objective__domain=domain, number="1")
        published, draft = MeetingFactory(), MeetingFactory(published=False)
        framework.meetings.add(published, draft)
        response, _html = page(client, url("framework-list"))
        row = response.context["frameworks"][0]
        assert row.domain_total == 1
        assert row.objective_total == 2  # 5a and 5b count once, plus the action's objective
        assert row.action_total == 29
        assert row.published_meeting_total == 1

    def test_french_names_in_french(self, client):
        FrameworkFactory(name_en="Cadiz Action Plan", name_fr="Plan d'action de Cadix")
        _response, html = page(client, url("framework-list", "fr"))
        assert "Plan d&#x27;action de Cadix" in html

    def test_query_count_does_not_grow_with_the_frameworks(self, client, django_assert_num_queries):
        FrameworkFactory()

        def grow():
            for _n in range(3):
                framework = FrameworkFactory()
                ActionFactory(objective__domain__framework=framework)
                framework.meetings.add(MeetingFactory())

        assert_constant_queries(
            client, django_assert_num_queries, url("framework-list"), grow, expected=2
        )


@pytest.fixture
def cadiz():
    """A small plan: two domains, objectives 5a and 5b, a transversal objective, actions."""
    framework = FrameworkFactory(
        slug="cadiz", short_name="Cadiz", domain_level="area", stated_objectives=10
    )
    framework.stated_actions = 29
    framework.save()
    area_1 = DomainFactory(framework=framework, number="1", title="Root causes", sort_order=1)
    area_2 = DomainFactory(framework=framework, number="2", title="", sort_order=2)
    objective_5a = ObjectiveFactory(domain=area_1, number="5a", part_of="5", sort_order=1)
    objective_5b = ObjectiveFactory(domain=area_1, number="5b", part_of="5", sort_order=2)
    objective_7 = ObjectiveFactory(domain=area_2, number="7", title="", sort_order=3)
    transversal = ObjectiveFactory(
        domain=None, framework=framework, number="11", transversal=True, title="Gender"
    )
    return {
        "framework": framework,
        "area_1": area_1,
        "area_2": area_2,
        "objective_5a": objective_5a,
        "objective_5b": objective_5b,
        "objective_7": objective_7,
        "transversal": transversal,
        "action_1": ActionFactory(objective=objective_5a, number="1", sort_order=1),
        "action_2": ActionFactory(objective=objective_5b, number="2", sort_order=2),
        "action_20": ActionFactory(objective=objective_7, number="20", sort_order=20),
        "unplaced": ActionFactory(
            objective=None, framework=framework, number="29", sort_order=29, title="Returns"
        ),
    }


class TestFrameworkDetail:
    def test_tree_with_its_groups_and_untitled_levels(self, client, cadiz):
        response, html = page(client, url("framework-detail", slug="cadiz"))
        tree = response.context["tree"]
        assert tree.domains == [cadiz["area_1"], cadiz["area_2"]]
        assert tree.domains[0].children == [cadiz["objective_5a"], cadiz["objective_5b"]]
        assert tree.transversal_objectives == [cadiz["transversal"]]
        assert tree.unplaced_actions == [cadiz["unplaced"]]
        assert "Area 1 – Root causes" in html
        assert ">Area 2</h2>" in html
        assert ">Objective 7</h3>" in html
        assert "Transversal objectives" in html
        assert "Actions not yet placed under an objective" in html
        assert "Action 29 – Returns" in html

    def test_coverage_derives_upward_and_counts_published_records_only(self, client, cadiz):
        on_action = MeetingFactory()
        on_action.actions.add(cadiz["action_1"])
        on_both = MeetingFactory()
        on_both.actions.add(cadiz["action_1"])
        on_both.plan_objectives.add(cadiz["objective_5a"])
        draft = MeetingFactory(published=False)
        draft.actions.add(cadiz["action_20"])
        RecommendationFactory(meeting=on_action).actions.add(cadiz["action_2"])
        RecommendationFactory(meeting=on_action, published=False).actions.add(cadiz["action_20"])
        RecommendationFactory(meeting=draft).actions.add(cadiz["action_20"])

        response, html = page(client, url("framework-detail", slug="cadiz"))
        tree = response.context["tree"]
        area_1, area_2 = tree.domains
        action_1 = tree.domains[0].children[0].children[0]
        assert (action_1.meeting_count, action_1.recommendation_count) == (2, 0)
        assert tree.domains[0].children[0].meeting_count == 2
        assert (area_1.meeting_count, area_1.recommendation_count) == (2, 1)
        assert (area_2.meeting_count, area_2.recommendation_count) == (0, 0)
        coverage = response.context["coverage"]
        assert (coverage.objectives, coverage.objective_total) == (1, 10)
        assert (coverage.actions, coverage.action_total) == (1, 29)
        assert "1 of 10 objectives and 1 of 29 actions addressed by at least one meeting" in html

    def test_crosswalk_links_to_the_earlier_and_the_later_plan(self, client, cadiz):
        marrakesh = FrameworkFactory(slug="marrakesh", short_name="Marrakesh")
        marrakesh.adopted_on = day(2018, 5, 2)
        marrakesh.save()
        earlier = ActionFactory(objective__domain__framework=marrakesh, number="4")
        cadiz["action_1"].continues.add(earlier)
        _response, html = page(client, url("framework-detail", slug="cadiz"))
        assert 'href="/en/action-plans/marrakesh/#action-4"' in html
        _response, html = page(client, url("framework-detail", slug="marrakesh"))
        assert 'href="/en/action-plans/cadiz/#action-1"' in html

    def test_reference_countries_of_a_domain(self, client, cadiz):
        ReferenceCountryFactory(domain=cadiz["area_1"], partner=CountryFactory(name="Nigeria"))
        _response, html = page(client, url("framework-detail", slug="cadiz"))
        assert "Nigeria" in html

    def test_in_french(self, client, cadiz):
        cadiz["area_1"].title_fr = "Causes profondes"
        cadiz["area_1"].save()
        _response, html = page(client, url("framework-detail", "fr", slug="cadiz"))
        assert "Causes profondes" in html

    def test_query_count_does_not_grow_with_the_plan(
        self, client, django_assert_num_queries, cadiz
    ):
        def grow():
            later = FrameworkFactory()
            for number in range(40, 46):
                objective = ObjectiveFactory(domain=cadiz["area_2"], number=f"o{number}")
                action = ActionFactory(objective=objective, number=str(number))
                action.continued_by.add(ActionFactory(objective__domain__framework=later))
                meeting = MeetingFactory()
                meeting.actions.add(action)
                meeting.domains.add(cadiz["area_1"])
                RecommendationFactory(meeting=meeting).objectives.add(objective)
                ReferenceCountryFactory(domain=cadiz["area_2"])

        assert_constant_queries(
            client,
            django_assert_num_queries,
            url("framework-detail", slug="cadiz"),
            grow,
            expected=8,
        )


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
        assert "<td>today</td>" in html
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

    def test_members_today_and_the_history(self, client, seats):
        response, html = page(client, url("steering-committee"))
        assert list(response.context["current_members"]) == [seats["mali"], seats["newcomer"]]
        assert set(response.context["history"]) == set(seats.values())
        assert response.context["members_on_date"] is None
        assert "1 January 2019" in html  # the former member's last day

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
        assert html.count("None recorded.") == 6

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

        assert_constant_queries(
            client,
            django_assert_num_queries,
            url("partner-detail", slug="portugal"),
            grow,
            expected=7,
        )
