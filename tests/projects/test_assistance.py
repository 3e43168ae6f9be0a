"""Short-term technical assistance: a focal point asks for its country, the secretariat
is told and answers in the admin, the country's focal points are told through the worker,
and a delivered request becomes a meeting in one step. Nobody else sees a request."""

import datetime

import pytest
from django.urls import reverse

from core.models import OutgoingEmail
from meetings.models import Meeting
from projects.models import AssistanceRequest
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FocalPointFactory,
    FrameworkFactory,
    SecretariatUserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def senegal():
    return CountryFactory(name="Senegal", slug="senegal")


def ask(client, **changes):
    data = {
        "subject": "Training on migration statistics",
        "description": "Two days for the national statistics office.",
        "wished_from": "2027-03-01",
        "wished_until": "2027-03-31",
        "contact_name": "Awa Diop",
        "contact_email": "awa@example.org",
        **changes,
    }
    return client.post(url("private:assistance-request"), data)


class TestAsking:
    def test_a_focal_point_asks_and_the_secretariat_is_told(self, client, senegal, settings):
        settings.SECRETARIAT_EMAIL = "secretariat@example.org"
        focal_point = FocalPointFactory(partner=senegal)
        client.force_login(focal_point.user)
        response = ask(client)
        assert response.status_code == 302
        request = AssistanceRequest.objects.get()
        assert (request.partner, request.requested_by) == (senegal, focal_point.user)
        email = OutgoingEmail.objects.get(purpose="assistance")
        assert email.to == "secretariat@example.org"
        assert "Senegal" in email.subject and "Training on migration statistics" in email.body
        change = reverse("admin:projects_assistancerequest_change", args=[request.pk])
        assert f"{settings.SITE_URL}{change}" in email.body
        page = client.get(url("private:assistance")).content.decode()
        assert "Training on migration statistics" in page and "Submitted" in page
        french = client.get(url("private:assistance", "fr")).content.decode()
        assert '<th scope="col">Réponse</th>' in french and "Soumise" in french

    def test_a_period_that_ends_before_it_starts_is_refused(self, client, senegal):
        client.force_login(FocalPointFactory(partner=senegal).user)
        response = ask(client, wished_until="2027-02-01")
        assert response.status_code == 200
        assert "comes before its start" in response.content.decode()
        assert not AssistanceRequest.objects.exists()
        assert not OutgoingEmail.objects.exists()

    def test_an_action_of_another_domain_or_without_objective_is_answered_clearly(
        self, client, senegal
    ):
        framework = FrameworkFactory(adopted_on=datetime.date(2022, 12, 14))
        first, second = (DomainFactory(framework=framework, number=n) for n in "12")
        action = ActionFactory(
            framework=framework, objective__domain=second, objective__framework=framework
        )
        loose = ActionFactory(framework=framework, objective=None, number="99")
        client.force_login(FocalPointFactory(partner=senegal).user)
        response = ask(client, domain=first.pk, action=action.pk)
        assert "This action is not in the domain chosen." in response.content.decode()
        assert ask(client, domain=first.pk, action=loose.pk).status_code == 302

    def test_nobody_else_sees_a_request(self, client, senegal):
        client.force_login(FocalPointFactory(partner=senegal).user)
        ask(client)
        client.force_login(FocalPointFactory(partner=CountryFactory()).user)
        page = client.get(url("private:assistance")).content.decode()
        assert "Training on migration statistics" not in page
        client.logout()
        response = client.get(url("private:assistance"))
        assert response.status_code == 302 and "next=" in response["Location"]
        assert client.post(url("private:assistance-request"), {}).status_code == 302
        assert AssistanceRequest.objects.count() == 1


class TestAnswering:
    @pytest.fixture
    def request_(self, client, senegal):
        client.force_login(FocalPointFactory(partner=senegal).user)
        ask(client)
        OutgoingEmail.objects.all().delete()
        return AssistanceRequest.objects.get()

    def test_the_answer_reaches_the_countrys_focal_points(self, client, senegal, request_):
        colleague = FocalPointFactory(partner=senegal, role="thematic")
        FocalPointFactory(partner=CountryFactory())
        client.force_login(SecretariatUserFactory())
        change = reverse("admin:projects_assistancerequest_change", args=[request_.pk])
        response = client.post(
            change, {"status": "accepted", "answer": "An expert comes in March."}
        )
        assert response.status_code == 302
        request_.refresh_from_db()
        assert request_.answered_at is not None
        sent = OutgoingEmail.objects.filter(purpose="assistance")
        assert colleague.user.email in set(sent.values_list("to", flat=True))
        assert sent.count() == 2
        assert all("An expert comes in March." in email.body for email in sent)

    def test_a_delivered_request_becomes_a_meeting_once(self, client, senegal, request_):
        request_.status = "delivered"
        request_.save()
        client.force_login(SecretariatUserFactory())
        changelist = reverse("admin:projects_assistancerequest_changelist")
        action = {"action": "make_meetings", "_selected_action": [request_.pk]}
        response = client.post(changelist, action)
        meeting = Meeting.objects.get()
        assert response["Location"] == reverse("admin:meetings_meeting_change", args=[meeting.pk])
        assert (meeting.kind, meeting.published) == ("training", False)
        assert meeting.start == datetime.date(2027, 3, 1)
        assert list(meeting.participants.all()) == [senegal]
        assert meeting.title_en == meeting.title_fr == "Training on migration statistics"
        client.post(changelist, action)
        assert Meeting.objects.count() == 1

    def test_the_secretariat_adds_none_by_hand(self, client):
        client.force_login(SecretariatUserFactory())
        assert client.get(reverse("admin:projects_assistancerequest_add")).status_code == 403
