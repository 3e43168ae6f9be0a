"""The data-quality page of the secretariat's admin: what to complete or correct, each record
linked to its change page, in a constant number of queries, for the secretariat only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from recommendations.models import Recommendation
from tests.factories import (
    ActionFactory,
    FocalPointFactory,
    MeetingFactory,
    MeetingRoleFactory,
    ObjectiveFactory,
    RecommendationFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = reverse("admin:data_quality")
DAY = datetime.timedelta(days=1)


def chaired(**kwargs):
    meeting = MeetingFactory(**kwargs)
    MeetingRoleFactory(meeting=meeting)
    return meeting


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def section(response, title):
    for candidate in response.context["sections"]:
        if str(candidate["title"]) == title:
            return [row["url"] for row in candidate["rows"]]
    raise AssertionError(f"No section “{title}”")


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatUserFactory())
    return client


def test_the_gaps_each_linked_to_its_change_page(secretariat):
    today = timezone.localdate()
    stale = chaired(start=today - 30 * DAY, status=Meeting.Status.CONFIRMED)
    coming = chaired(start=today + 30 * DAY, status=Meeting.Status.PLANNED)
    unchaired = MeetingFactory(title_en="Webinar on return", title_fr="Webinaire sur le retour")
    to_be_determined = MeetingFactory(co_chairs_to_be_determined=True)
    english_only = chaired(title_en="Webinar on visas", title_fr="")
    action = ActionFactory()
    half_referenced = chaired(title_fr="Réunion")
    half_referenced.actions.add(action)
    fully_referenced = chaired(title_fr="Réunion")
    fully_referenced.actions.add(action)
    fully_referenced.plan_objectives.add(action.objective)
    fully_referenced.domains.add(action.objective.domain)
    recommendation = RecommendationFactory(meeting=fully_referenced)
    recommendation.objectives.add(ObjectiveFactory())

    response = secretariat.get(ADDRESS)
    assert response.status_code == 200
    pending = section(response, "Meetings in the past still planned or confirmed")
    assert change_url(stale) in pending
    assert change_url(coming) not in pending
    unchaired_urls = section(response, "Meetings without chairs")
    assert change_url(unchaired) in unchaired_urls
    assert change_url(to_be_determined) not in unchaired_urls
    assert change_url(stale) not in unchaired_urls
    translations = section(response, "Meetings with content missing in one language")
    assert change_url(english_only) in translations
    assert change_url(unchaired) not in translations
    assert change_url(recommendation) in section(
        response, "Recommendations with content missing in one language"
    )
    assert section(response, "Meetings that name a plan level but not its parents") == [
        change_url(half_referenced)
    ]
    assert section(response, "Recommendations that name a plan level but not its parents") == [
        change_url(recommendation)
    ]
    page = response.content.decode()
    assert f'href="{change_url(stale)}"' in page
    assert "FR missing" in page


def test_the_querysets_behind_the_page():
    action = ActionFactory()
    meeting = MeetingFactory()
    meeting.plan_objectives.add(action.objective)
    assert list(Meeting.objects.missing_plan_parents()) == [meeting]
    meeting.domains.add(action.objective.domain)
    assert not Meeting.objects.missing_plan_parents().exists()
    recommendation = RecommendationFactory(meeting=meeting)
    recommendation.actions.add(action)
    recommendation.objectives.add(action.objective)
    assert list(Recommendation.objects.missing_plan_parents()) == [recommendation]
    recommendation.domains.add(action.objective.domain)
    assert not Recommendation.objects.missing_plan_parents().exists()


def gaps(count):
    today = timezone.localdate()
    for n in range(count):
        meeting = MeetingFactory(
            start=today - (n + 1) * DAY, status=Meeting.Status.PLANNED, title_fr=""
        )
        action = ActionFactory()
        meeting.actions.add(action)
        recommendation = RecommendationFactory(meeting=meeting)
        recommendation.actions.add(action)


def test_the_page_reads_the_same_number_of_queries_at_any_size(
    secretariat, django_assert_max_num_queries, django_assert_num_queries
):
    gaps(2)
    with django_assert_max_num_queries(16) as small:
        secretariat.get(ADDRESS)
    gaps(20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = secretariat.get(ADDRESS)
    assert len(section(response, "Meetings that name a plan level but not its parents")) == 22


def test_the_admin_index_links_to_it(secretariat):
    assert f'href="{ADDRESS}"' in secretariat.get(reverse("admin:index")).content.decode()


def test_a_visitor_is_sent_to_the_sign_in_page(client):
    response = client.get(ADDRESS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_focal_point_is_sent_to_the_sign_in_page(client):
    client.force_login(FocalPointFactory().user)
    response = client.get(ADDRESS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_secretariat_group_is_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(ADDRESS).status_code == 403
    assert f'href="{ADDRESS}"' not in client.get(reverse("admin:index")).content.decode()
