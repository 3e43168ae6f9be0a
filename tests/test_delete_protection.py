"""A framework, domain, objective or action that anything refers to cannot be deleted:
not in the admin (its delete page, the list's delete action, a row of an inline), not
from the code; the refusal names what refers to it."""

import pytest
from django.db.models import ProtectedError

from governance.models import Action, Domain, Framework, Objective
from tests.factories import (
    ActionFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    RecommendationFactory,
    SecretariatUserFactory,
)
from tests.test_history import admin_url, page_data

pytestmark = pytest.mark.django_db

REFUSED = "would require deleting the following protected related objects"


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory()
    client.force_login(user)
    return user


def assert_refused_in_admin(client, obj, *named):
    url = admin_url(type(obj), "delete", obj.pk)
    page = client.get(url).content.decode()
    assert REFUSED in page
    for text in named:
        assert text in page
    client.post(url, {"post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_framework_that_meetings_refer_to(client, secretariat):
    framework = FrameworkFactory()
    meeting = MeetingFactory(title="Meeting on return")
    meeting.frameworks.add(framework)
    assert_refused_in_admin(client, framework, "Meeting: Meeting on return")
    assert list(meeting.frameworks.all()) == [framework]


def test_a_framework_with_its_plan(client, secretariat):
    domain = DomainFactory(title="Protection")
    assert_refused_in_admin(client, domain.framework, "Protection")
    assert Domain.objects.filter(pk=domain.pk).exists()


def test_a_domain_a_meeting_or_a_recommendation_refers_to(client, secretariat):
    domain = DomainFactory()
    meeting = MeetingFactory(title="Meeting on return")
    meeting.domains.add(domain)
    recommendation = RecommendationFactory(text="Protect the missing migrants.")
    recommendation.domains.add(domain)
    assert_refused_in_admin(client, domain, "Meeting on return", "Recommendation: ")
    assert list(meeting.domains.all()) == [domain]


def test_an_objective_a_recommendation_refers_to(client, secretariat):
    objective = ObjectiveFactory()
    recommendation = RecommendationFactory()
    recommendation.objectives.add(objective)
    assert_refused_in_admin(client, objective, "Recommendation")


def test_an_action_that_another_continues_or_a_meeting_names(client, secretariat):
    action, later = ActionFactory(title="Old action"), ActionFactory(title="New action")
    later.continues.add(action)
    assert_refused_in_admin(client, action, "New action")
    meeting = MeetingFactory(title="Meeting on return")
    meeting.actions.add(later)
    assert_refused_in_admin(client, later, "Meeting on return")


def test_deleting_from_the_list_is_refused_too(client, secretariat):
    framework = FrameworkFactory()
    MeetingFactory().frameworks.add(framework)
    url = admin_url(Framework, "changelist")
    data = {"action": "delete_selected", "_selected_action": [framework.pk]}
    assert REFUSED in client.post(url, data).content.decode()
    client.post(url, {**data, "post": "yes"})
    assert Framework.objects.filter(pk=framework.pk).exists()


def test_a_referenced_row_of_an_inline_is_refused(client, secretariat):
    domain = DomainFactory(title="Protection")
    MeetingFactory(title="Meeting on return").domains.add(domain)
    url = admin_url(Framework, "change", domain.framework.pk)
    data = page_data(client.get(url))
    prefix = next(name for name in data if name.endswith("-0-id") and data[name] == domain.pk)
    data[prefix.replace("-id", "-DELETE")] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "cannot be deleted while these refer to it" in response.content.decode()
    assert "Meeting on return" in response.content.decode()
    assert Domain.objects.filter(pk=domain.pk).exists()


def test_the_code_cannot_delete_what_is_referred_to_either():
    objective = ObjectiveFactory()
    action = ActionFactory(objective=objective)
    MeetingFactory().actions.add(action)
    with pytest.raises(ProtectedError, match="cannot be deleted"):
        action.delete()
    with pytest.raises(ProtectedError):
        Action.objects.filter(pk=action.pk).delete()
    with pytest.raises(ProtectedError):
        objective.delete()
    assert Action.objects.filter(pk=action.pk).exists()
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_what_nothing_refers_to_is_deleted(client, secretariat):
    action = ActionFactory()
    objective, domain, framework = action.objective, action.objective.domain, action.framework
    for record in (action, objective, domain, framework):
        response = client.post(admin_url(type(record), "delete", record.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not type(record).objects.filter(pk=record.pk).exists()
