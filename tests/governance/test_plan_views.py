"""The public pages of the action plans: the list of frameworks and each plan with its coverage."""

import pytest

from governance.models import Framework
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    RecommendationFactory,
    ReferenceCountryFactory,
)
from tests.governance.helpers import assert_constant_queries, day, page, small_cadiz_plan, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadiz():
    return small_cadiz_plan()


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
        # An objective numbered apart: a generated number could be "5".
        ActionFactory(objective__domain=domain, objective__number="2", number="1")
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
        # What a number alone means is said once, in words.
        assert html.count("is shown by its number alone") == 1

    def test_every_level_titled_needs_no_explanation(self, client):
        framework = FrameworkFactory(slug="titled")
        DomainFactory(framework=framework, number="1", title="Root causes")
        _response, html = page(client, url("framework-detail", slug="titled"))
        assert "is shown by its number alone" not in html

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
        assert "In other action plans" in html

    def test_no_crosswalk_column_without_crosswalks(self, client, cadiz):
        _response, html = page(client, url("framework-detail", slug="cadiz"))
        assert "In other action plans" not in html
        assert "<td>\n" not in html.split('class="data-table plan-actions"')[1]

    def test_reference_countries_of_a_domain(self, client, cadiz):
        ReferenceCountryFactory(domain=cadiz["area_1"], partner=CountryFactory(name="Nigeria"))
        _response, html = page(client, url("framework-detail", slug="cadiz"))
        assert "Nigeria" in html

    def test_in_french(self, client, cadiz):
        cadiz["area_1"].title_fr = "Causes profondes"
        cadiz["area_1"].save()
        cadiz["framework"].summary_en = "Five domains."
        cadiz["framework"].save()
        _response, html = page(client, url("framework-detail", "fr", slug="cadiz"))
        assert "Causes profondes" in html
        # A title or a summary known only in English says so, in French.
        assert (
            'Action 29 – <span lang="en">Returns</span> <span class="fallback">(en anglais)</span>'
            in html
        )
        assert (
            '<span lang="en">Five domains.</span> <span class="fallback">(en anglais)</span>'
            in html
        )
        assert "1 objectif sur 10" not in html and "0 objectif sur 10 et 0 action sur 29" in html

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
