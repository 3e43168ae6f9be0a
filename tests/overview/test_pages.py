"""The dialogue at a glance: the dialogue over time and the gap finder, from the public
record only, in both languages, with a constant number of queries."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    OrganisationFactory,
    RecommendationFactory,
    SecretariatUserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


def chart(response, name):
    return getattr(response.context["timeline"], name)


@pytest.fixture
def record():
    FrameworkFactory(short_name="Rome Programme", adopted_on=datetime.date(2014, 11, 27))
    mali, spain = CountryFactory(name="Mali"), CountryFactory(name="Spain", region="europe")
    thematic = MeetingFactory(start=datetime.date(2015, 3, 1))
    thematic.participants.add(mali, spain, OrganisationFactory())
    MeetingFactory(start=datetime.date(2015, 6, 1), kind="senior_officials_meeting")
    MeetingFactory(start=datetime.date(2017, 6, 1)).participants.add(mali)
    MeetingFactory(start=datetime.date(2016, 6, 1), published=False).participants.add(mali)
    RecommendationFactory(meeting=thematic)
    RecommendationFactory(meeting=thematic, kind="conclusion")
    RecommendationFactory(meeting=thematic, published=False)
    return thematic


class TestOverTime:
    def test_meetings_a_year_by_kind_each_bar_leading_to_its_list(self, client, record):
        response = client.get(url("overview:timeline"))
        meetings = chart(response, "meetings")
        assert [row.label for row in meetings.rows] == [
            "2015 · Rome Programme",
            "2016 · Rome Programme",
            "2017 · Rome Programme",
        ]
        year_2015, year_2016, year_2017 = meetings.rows
        assert year_2015.values == {"thematic_meeting": 1, "senior_officials_meeting": 1}
        # The unpublished meeting of 2016 is not counted.
        assert year_2016.total == 0 and year_2017.total == 1
        listed = client.get(year_2015.links["thematic_meeting"])
        assert [m.pk for m in listed.context["object_list"]] == [record.pk]

    def test_recommendations_and_participation(self, client, record):
        response = client.get(url("overview:timeline"))
        issued = chart(response, "issued").rows[0]
        assert issued.values == {"recommendation": 1, "conclusion": 1}
        participation = chart(response, "participation").rows
        assert participation[0].values == {"african": 1, "european": 1, "organisations": 1}
        assert participation[2].values == {"african": 1}

    def test_in_french(self, client, record):
        page = client.get(url("overview:timeline", "fr")).content.decode()
        assert "Réunions par an, par type" in page
        assert "réunion thématique\u00a0: 1" in page
        assert "Les chiffres sous forme de tableau" in page
        # Positions are numbers for the browser, not French decimals.
        assert re.search(r'(x|width)="[0-9.]+%"', page)
        assert not re.search(r'(x|width)="[0-9]+,[0-9]+%"', page)

    @pytest.mark.parametrize("meetings", [1, 30])
    def test_queries_do_not_grow_with_the_record(
        self, client, page_cache_off, django_assert_num_queries, meetings
    ):
        FrameworkFactory(adopted_on=datetime.date(2014, 11, 27))
        for number in range(meetings):
            MeetingFactory(start=datetime.date(2006 + number % 20, 1, 1)).participants.add(
                CountryFactory()
            )
        with django_assert_num_queries(4):
            client.get(url("overview:timeline"))

    def test_an_empty_record_gives_a_page(self, client):
        response = client.get(url("overview:timeline"))
        assert response.status_code == 200
        assert "Nothing to show yet." in response.content.decode()


@pytest.fixture
def plan():
    framework = FrameworkFactory(
        short_name="Cadiz Action Plan", adopted_on=datetime.date(2022, 12, 14)
    )
    domain = DomainFactory(framework=framework, number="1", title="Root causes")
    objective = ObjectiveFactory(framework=framework, domain=domain, number="1")
    addressed = ActionFactory(framework=framework, objective=objective, number="1")
    recommended = ActionFactory(framework=framework, objective=objective, number="2")
    forgotten = ActionFactory(framework=framework, objective=objective, number="3")
    lonely = ObjectiveFactory(
        framework=framework, domain=DomainFactory(framework=framework, number="2"), number="2"
    )
    MeetingFactory(start=datetime.date(2023, 5, 1)).actions.add(addressed)
    MeetingFactory(start=datetime.date(2025, 5, 1), published=False).actions.add(forgotten)
    RecommendationFactory(meeting=MeetingFactory(start=datetime.date(2024, 2, 1))).actions.add(
        recommended
    )
    return {
        "addressed": addressed,
        "recommended": recommended,
        "forgotten": forgotten,
        "lonely": lonely,
        "objective": objective,
    }


class TestGaps:
    def test_what_nothing_addressed_and_what_longest_ago(self, client, plan):
        gaps = client.get(url("overview:gaps")).context["gaps"]
        never = [level.record for level in gaps.never]
        assert plan["forgotten"] in never and plan["lonely"] in never
        assert plan["addressed"] not in never and plan["objective"] not in never
        longest = [(level.record, level.last) for level in gaps.longest_ago]
        assert longest[0] == (plan["addressed"], datetime.date(2023, 5, 1))
        assert (plan["recommended"], datetime.date(2024, 2, 1)) in longest
        # The objective takes the latest of its actions.
        assert (plan["objective"], datetime.date(2024, 2, 1)) in longest
        assert (gaps.objectives_never, gaps.actions_never) == (1, 1)

    def test_the_page_in_both_languages(self, client, plan):
        english = client.get(url("overview:gaps")).content.decode()
        assert "Not addressed yet" in english and "Action 3" in english
        french = client.get(url("overview:gaps", "fr")).content.decode()
        assert "Pas encore abordés" in french and "Action 3" in french

    def test_without_a_plan_in_force(self, client):
        assert "No action plan is in force." in client.get(url("overview:gaps")).content.decode()

    def test_on_the_admins_index(self, client, plan):
        client.force_login(SecretariatUserFactory())
        page = client.get(reverse("admin:index")).content.decode()
        assert "1 objective, 1 action" in page
        assert url("overview:gaps") in page

    @pytest.mark.parametrize("actions", [1, 25])
    def test_queries_do_not_grow_with_the_plan(
        self, client, page_cache_off, django_assert_num_queries, plan, actions
    ):
        for number in range(actions):
            action = ActionFactory(
                framework=plan["objective"].framework,
                objective=plan["objective"],
                number=f"{100 + number}",
            )
            MeetingFactory().actions.add(action)
        with django_assert_num_queries(10):
            client.get(url("overview:gaps"))
