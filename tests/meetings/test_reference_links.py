import pytest
from django.utils import translation

from meetings.models import Meeting
from meetings.reference_links import LINKED_RECORDS, prefetch_reference_links
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MeetingFactory,
    ObjectiveFactory,
    OrganisationFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


def linked(meeting):
    return {name: list(getattr(meeting, name).all()) for name in LINKED_RECORDS}


@pytest.fixture
def meeting():
    """A meeting linked to records of every kind, created out of their order, and another
    meeting linked to others."""
    meeting = MeetingFactory()
    meeting.participants.add(
        CountryFactory(name_en="Senegal", name_fr="Sénégal"),
        CountryFactory(name_en="Belgium", name_fr="Belgique"),
        OrganisationFactory(name_en="European Commission", name_fr="Commission européenne"),
        CountryFactory(name_en="Equatorial Guinea", name_fr="Guinée équatoriale"),
    )
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
        prefetched = Meeting.objects.prefetch_related(*LINKED_RECORDS).get(pk=meeting.pk)
        read = Meeting.objects.get(pk=meeting.pk)
        prefetch_reference_links(read)
        assert linked(read) == linked(prefetched)
        assert [partner.name for partner in read.participants.all()] == [
            partner.name for partner in prefetched.participants.all()
        ]


def test_participants_by_name(meeting):
    read = Meeting.objects.get(pk=meeting.pk)
    prefetch_reference_links(read)
    assert [str(partner) for partner in read.participants.all()] == [
        "Belgium",
        "Equatorial Guinea",
        "European Commission",
        "Senegal",
    ]


def test_one_query_once_the_records_are_kept(meeting, django_assert_num_queries):
    prefetch_reference_links(Meeting.objects.get(pk=meeting.pk))
    read = Meeting.objects.get(pk=meeting.pk)
    with django_assert_num_queries(1):
        prefetch_reference_links(read)
        links = linked(read)
        frameworks_of_levels = [domain.framework for domain in links["domains"]]
    assert len(links["actions"]) == 3
    assert frameworks_of_levels == [domain.framework for domain in meeting.domains.all()]


def test_a_meeting_without_links_has_none():
    read = Meeting.objects.get(pk=MeetingFactory().pk)
    prefetch_reference_links(read)
    assert linked(read) == {name: [] for name in LINKED_RECORDS}


@pytest.mark.usefixtures("page_cache_off")
def test_the_records_kept_are_retired_when_one_changes(client, meeting):
    page = url("meetings:detail", slug=meeting.slug)
    assert "Senegal" in client.get(page).content.decode()
    senegal = meeting.participants.get(name_en="Senegal")
    senegal.name_en = "Republic of Senegal"
    senegal.save()
    assert "Republic of Senegal" in client.get(page).content.decode()
