"""A meeting's page lists the documents reserved to partners to those entitled to them."""

import datetime

import pytest

from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    MeetingFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    DocumentFactory(meeting=meeting, title_en="Public agenda")
    DocumentFactory(meeting=meeting, title_en="Draft conclusions", visibility="partners")
    DocumentFactory(meeting=meeting, title_en="Committee minutes", visibility="steering_committee")
    return meeting


def page(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_see_only_public_documents(client, meeting):
    html = page(client, meeting)
    assert "Public agenda" in html
    assert "Draft conclusions" not in html and "Documents reserved to partners" not in html


def test_a_signed_in_user_who_is_not_a_focal_point_sees_none(client, meeting):
    client.force_login(UserFactory())
    assert "Draft conclusions" not in page(client, meeting)


def test_a_focal_point_sees_the_partners_documents_not_the_committees(client, meeting):
    client.force_login(FocalPointFactory().user)
    html = page(client, meeting)
    assert "Documents reserved to partners" in html
    assert "Draft conclusions" in html and "(partners only)" in html
    assert "Committee minutes" not in html


def test_the_secretariat_sees_every_reserved_document(client, meeting):
    client.force_login(SecretariatUserFactory())
    html = page(client, meeting)
    assert "Draft conclusions" in html and "Committee minutes" in html


def test_a_document_whose_embargo_has_lifted_is_listed_once_with_the_public_ones(client):
    meeting = MeetingFactory()
    DocumentFactory(
        meeting=meeting,
        title_en="Former draft",
        visibility="partners",
        embargo_until=datetime.date(2020, 1, 1),
    )
    client.force_login(FocalPointFactory().user)
    html = page(client, meeting)
    assert html.count("Former draft") == 1
    assert "Documents reserved to partners" not in html
