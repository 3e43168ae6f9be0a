import pytest
from django.utils import translation

from governance.linked_records import prefetch_linked_records
from meetings.models import Meeting
from recommendations.models import Recommendation
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    OrganisationFactory,
    RecommendationFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

MEETING_LINKS = ("participants", "frameworks", "domains", "plan_objectives", "actions")


def linked(instance, names):
    return {name: list(getattr(instance, name).all()) for name in names}


def partners():
    """Partners created out of their order."""
    return [
        CountryFactory(name_en="Senegal", name_fr="Sénégal"),
        CountryFactory(name_en="Belgium", name_fr="Belgique"),
        OrganisationFactory(name_en="European Commission", name_fr="Commission européenne"),
        CountryFactory(name_en="Equatorial Guinea", name_fr="Guinée équatoriale"),
    ]


@pytest.fixture
def meeting():
    """A meeting linked to records of every kind, and another meeting linked to others."""
    meeting = MeetingFactory()
    meeting.participants.add(*partners())
    meeting.frameworks.add(FrameworkFactory(), FrameworkFactory())
    meeting.domains.add(DomainFactory(), DomainFactory())
    meeting.plan_objectives.add(ObjectiveFactory(), ObjectiveFactory())
    meeting.actions.add(ActionFactory(), ActionFactory(), ActionFactory())
    other = MeetingFactory()
    other.participants.add(CountryFactory())
    other.actions.add(ActionFactory())
    return meeting


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_same_records_in_the_same_order_as_a_prefetch(meeting, language):
    with translation.override(language):
        prefetched = Meeting.objects.prefetch_related(*MEETING_LINKS).get(pk=meeting.pk)
        read = Meeting.objects.get(pk=meeting.pk)
        prefetch_linked_records(read, *MEETING_LINKS)
        assert linked(read, MEETING_LINKS) == linked(prefetched, MEETING_LINKS)
        assert [partner.name for partner in read.participants.all()] == [
            partner.name for partner in prefetched.participants.all()
        ]


def test_partners_by_name(meeting):
    read = Meeting.objects.get(pk=meeting.pk)
    prefetch_linked_records(read, "participants")
    assert [str(partner) for partner in read.participants.all()] == [
        "Belgium",
        "Equatorial Guinea",
        "European Commission",
        "Senegal",
    ]


def test_the_links_of_a_recommendation():
    recommendation = RecommendationFactory()
    recommendation.addressees.add(*partners())
    recommendation.actions.add(ActionFactory(), ActionFactory())
    RecommendationFactory().addressees.add(CountryFactory())
    names = ("addressees", "domains", "objectives", "actions")
    prefetched = Recommendation.objects.prefetch_related(*names).get(pk=recommendation.pk)
    read = Recommendation.objects.get(pk=recommendation.pk)
    prefetch_linked_records(read, *names)
    assert linked(read, names) == linked(prefetched, names)
    assert len(read.addressees.all()) == 4


def test_one_query_once_the_records_are_kept(meeting, django_assert_num_queries):
    prefetch_linked_records(Meeting.objects.get(pk=meeting.pk), *MEETING_LINKS)
    read = Meeting.objects.get(pk=meeting.pk)
    with django_assert_num_queries(1):
        prefetch_linked_records(read, *MEETING_LINKS)
        links = linked(read, MEETING_LINKS)
        frameworks_of_levels = [domain.framework for domain in links["domains"]]
    assert len(links["actions"]) == 3
    assert frameworks_of_levels == [domain.framework for domain in meeting.domains.all()]


def test_a_record_without_links_has_none():
    read = Meeting.objects.get(pk=MeetingFactory().pk)
    prefetch_linked_records(read, *MEETING_LINKS)
    assert linked(read, MEETING_LINKS) == {name: [] for name in MEETING_LINKS}


@pytest.mark.usefixtures("page_cache_off")
def test_the_records_kept_are_retired_when_one_changes(client, meeting):
    page = url("meetings:detail", slug=meeting.slug)
    assert "Senegal" in client.get(page).content.decode()
    senegal = meeting.participants.get(name_en="Senegal")
    senegal.name_en = "Republic of Senegal"
    senegal.save()
    assert "Republic of Senegal" in client.get(page).content.decode()
