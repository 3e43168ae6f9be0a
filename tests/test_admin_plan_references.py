"""Plan references in the secretariat's admin: every choice names its framework, those of
the framework in force come first, coverage derives upward, and a reporting round asks only
about its own framework."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Domain, Objective
from meetings.models import Meeting
from recommendations.models import Recommendation
from tests.factories import (
    ActionFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db

CADIZ = "Cadiz Action Plan"
MARRAKESH = "Marrakesh Action Plan"


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatUserFactory())
    return client


@pytest.fixture
def plans():
    """Two plans with the same numbers: Marrakesh (2018), and Cadiz (2022), in force."""
    marrakesh = FrameworkFactory(short_name=MARRAKESH, adopted_on=datetime.date(2018, 5, 2))
    cadiz = FrameworkFactory(short_name=CADIZ, adopted_on=datetime.date(2022, 12, 14))
    levels = {}
    for framework in (marrakesh, cadiz):
        domain = DomainFactory(framework=framework, number="5", title="Return")
        objective = ObjectiveFactory(domain=domain, number="7", title="Reintegration")
        levels[framework.short_name] = ActionFactory(
            objective=objective, number="17", title="Support reintegration programmes"
        )
    return levels


def autocomplete(client, model_name, field_name, term, app_label="meetings"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_autocomplete_names_the_framework_and_offers_the_plan_in_force_first(secretariat, plans):
    offered = autocomplete(secretariat, "meeting", "actions", "17")
    assert offered == [
        f"{CADIZ} · Action 17 – Support reintegration programmes",
        f"{MARRAKESH} · Action 17 – Support reintegration programmes",
    ]
    assert autocomplete(secretariat, "meeting", "domains", "5") == [
        f"{CADIZ} · Domain 5 – Return",
        f"{MARRAKESH} · Domain 5 – Return",
    ]
    offered = autocomplete(secretariat, "recommendation", "objectives", "", "recommendations")
    assert offered[0].startswith(f"{CADIZ} · Objective 7")
    offered = autocomplete(secretariat, "reportinground", "actions", "17", "recommendations")
    assert offered[0].startswith(f"{CADIZ} · Action 17")


def test_a_search_finds_the_levels_of_a_plan_by_its_name(secretariat, plans):
    assert autocomplete(secretariat, "meeting", "actions", "Marrakesh") == [
        f"{MARRAKESH} · Action 17 – Support reintegration programmes"
    ]


def test_the_chosen_levels_name_their_framework(secretariat, plans):
    meeting = MeetingFactory()
    meeting.actions.add(plans[MARRAKESH])
    page = secretariat.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert f"{MARRAKESH} · Action 17 – Support reintegration programmes" in page.content.decode()


def test_public_labels_stay_as_they_were(plans):
    assert str(plans[CADIZ]) == "Action 17 – Support reintegration programmes"


def round_form(reporting_round, **changes):
    return {
        "name_en": reporting_round.name,
        "slug": reporting_round.slug,
        "framework": reporting_round.framework.pk,
        "opens_on": reporting_round.opens_on.isoformat(),
        "closes_on": reporting_round.closes_on.isoformat(),
        **changes,
    }


def test_a_round_refuses_an_action_of_another_framework(secretariat, plans):
    cadiz = plans[CADIZ].framework
    reporting_round = ReportingRoundFactory(framework=cadiz)
    address = reverse("admin:recommendations_reportinground_change", args=[reporting_round.pk])
    response = secretariat.post(
        address, round_form(reporting_round, actions=[plans[CADIZ].pk, plans[MARRAKESH].pk])
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["actions"] == [
        f"Action 17 belongs to the {MARRAKESH}, not to the {CADIZ}, the framework of the round."
    ]
    assert not reporting_round.actions.exists()

    response = secretariat.post(address, round_form(reporting_round, actions=[plans[CADIZ].pk]))
    assert response.status_code == 302
    assert list(reporting_round.actions.all()) == [plans[CADIZ]]


def test_a_round_refuses_a_recommendation_about_other_frameworks_only(secretariat, plans):
    reporting_round = ReportingRoundFactory(framework=plans[CADIZ].framework)
    elsewhere = RecommendationFactory(number="3")
    elsewhere.actions.add(plans[MARRAKESH])
    both = RecommendationFactory()
    both.actions.add(plans[MARRAKESH], plans[CADIZ])
    unplaced = RecommendationFactory()
    address = reverse("admin:recommendations_reportinground_change", args=[reporting_round.pk])
    chosen = [elsewhere.pk, both.pk, unplaced.pk]
    response = secretariat.post(address, round_form(reporting_round, recommendations=chosen))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["recommendations"] == [
        f"“{elsewhere}” refers to other frameworks only, not to the {CADIZ}, the framework of "
        "the round."
    ]
    chosen = [both.pk, unplaced.pk]
    response = secretariat.post(address, round_form(reporting_round, recommendations=chosen))
    assert response.status_code == 302
    assert set(reporting_round.recommendations.all()) == {both, unplaced}


def meeting_form(**changes):
    return {
        "title_en": "Thematic meeting on return",
        "kind": Meeting.Kind.THEMATIC_MEETING,
        "status": Meeting.Status.HELD,
        "date_precision": "day",
        "start": "2025-05-15",
        **{
            f"{prefix}-{name}": value
            for prefix in ("chairs", "documents", "recommendations")
            for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
        **changes,
    }


def test_an_action_chosen_for_a_meeting_brings_its_objective_and_domain(secretariat, plans):
    action = plans[CADIZ]
    lone_domain = DomainFactory(framework=action.framework, number="2")
    response = secretariat.post(
        reverse("admin:meetings_meeting_add"),
        meeting_form(slug="return", actions=[action.pk], domains=[lone_domain.pk]),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="return")
    assert list(meeting.actions.all()) == [action]
    assert list(meeting.plan_objectives.all()) == [action.objective]
    assert set(meeting.domains.all()) == {action.objective.domain, lone_domain}
    assert not Meeting.objects.missing_plan_parents().exists()


def test_an_objective_or_a_domain_can_be_chosen_alone(secretariat, plans):
    objective = plans[CADIZ].objective
    response = secretariat.post(
        reverse("admin:meetings_meeting_add"),
        meeting_form(slug="return", plan_objectives=[objective.pk]),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="return")
    assert not meeting.actions.exists()
    assert list(meeting.plan_objectives.all()) == [objective]
    assert list(meeting.domains.all()) == [objective.domain]


def test_an_action_chosen_for_a_recommendation_brings_its_objective_and_domain(secretariat, plans):
    recommendation = RecommendationFactory()
    action = plans[CADIZ]
    response = secretariat.post(
        reverse("admin:recommendations_recommendation_change", args=[recommendation.pk]),
        {
            "meeting": recommendation.meeting.pk,
            "kind": recommendation.kind,
            "number": recommendation.number,
            "sort_order": "0",
            "text_en": recommendation.text,
            "published": "on",
            "actions": [action.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    recommendation.refresh_from_db()
    assert list(recommendation.objectives.all()) == [action.objective]
    assert list(recommendation.domains.all()) == [action.objective.domain]
    assert Objective.objects.count() == 2 and Domain.objects.count() == 2
    assert not Recommendation.objects.missing_plan_parents().exists()
