"""The reference data loader records one version of a meeting, once the meeting, its
co-chairs and its plan references are all set: restoring that version loses none of them."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from tests.factories import SecretariatUserFactory
from tests.test_history import admin_url, page_data

pytestmark = pytest.mark.django_db

SLUG = "thematic-meeting-on-the-positive-effects"


def load():
    call_command("load_reference_data", stdout=StringIO())


def lisbon():
    return Meeting.objects.get(slug__startswith=SLUG, start__year=2024)


def test_one_version_of_each_meeting_with_its_links():
    load()
    meeting = lisbon()
    (version,) = meeting.history.all()
    assert version.history_type == "+"
    assert list(version.actions.values_list("action", flat=True)) == list(
        meeting.actions.values_list("pk", flat=True)
    )
    assert version.plan_objectives.count() == 1

    load()
    assert meeting.history.count() == 1


def test_restoring_the_loaded_version_keeps_the_co_chairs_and_plan_references(client):
    load()
    meeting = lisbon()
    chairs = list(meeting.chairs.values_list("partner__iso_code", flat=True))
    actions = list(meeting.actions.all())
    meeting.title_en = "Changed by hand"
    meeting.save()
    client.force_login(SecretariatUserFactory())
    url = admin_url(Meeting, "simple_history", meeting.pk, meeting.history.last().pk)
    response = client.post(url, page_data(client.get(url)))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title_en != "Changed by hand"
    assert (
        list(meeting.chairs.values_list("partner__iso_code", flat=True)) == chairs == ["PT", "SN"]
    )
    assert list(meeting.actions.all()) == actions


def test_a_meeting_the_loader_refreshes_gets_one_more_version():
    load()
    Meeting.objects.filter(pk=lisbon().pk).update(city_en="")
    load()
    assert [version.history_type for version in lisbon().history.all()] == ["~", "+"]
