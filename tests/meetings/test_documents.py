"""Restricted documents, tried from the outside by everyone who must not read them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    MeetingFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 conclusions of the co-chairs"


def document_with_file(**kwargs):
    document = DocumentFactory(url="", **kwargs)
    document.file_en.save("conclusions.pdf", ContentFile(PDF))
    return document


def file_url(document, language="en"):
    return url("meetings:document-file", pk=document.pk, language=language)


@pytest.fixture
def people():
    member = FocalPointFactory()
    MembershipFactory(partner=member.partner, start=datetime.date(2020, 1, 1))
    return {
        "focal point": FocalPointFactory().user,
        "committee member": member.user,
        "secretariat": SecretariatUserFactory(),
        "other user": UserFactory(),
    }


def fetch(client, user, document):
    if user is not None:
        client.force_login(user)
    return client.get(file_url(document))


@pytest.mark.parametrize(
    ("visibility", "allowed"),
    [
        ("public", {"anonymous", "other user", "focal point", "committee member", "secretariat"}),
        ("partners", {"focal point", "committee member", "secretariat"}),
        ("steering_committee", {"committee member", "secretariat"}),
    ],
)
@pytest.mark.parametrize(
    "who", ["anonymous", "other user", "focal point", "committee member", "secretariat"]
)
def test_who_reads_which_document(client, people, visibility, allowed, who):
    document = document_with_file(visibility=visibility)
    response = fetch(client, people.get(who), document)
    if who in allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    elif who == "anonymous":
        assert response.status_code == 302
        assert "/private/" in response["Location"]
    else:
        assert response.status_code == 404


def test_files_are_stored_outside_the_public_media_folder(settings, file_storage):
    document = document_with_file(visibility="partners")
    path = document.file_en.path
    assert str(path).startswith(str(file_storage / "protected"))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        document.file_en.url  # noqa: B018 - a protected file has no URL


def test_embargo_lifts_on_its_date_without_anyone_acting(client):
    today = timezone.localdate()
    document = document_with_file(visibility="partners", embargo_until=today)
    assert fetch(client, None, document).status_code == 200
    document.embargo_until = today + datetime.timedelta(days=1)
    document.save()
    assert fetch(client, None, document).status_code == 302


def test_documents_of_an_unpublished_meeting_stay_hidden(client, people):
    document = document_with_file(meeting=MeetingFactory(published=False))
    assert fetch(client, people["focal point"], document).status_code == 404
    client.logout()
    assert fetch(client, people["secretariat"], document).status_code == 200


def test_missing_language_or_unknown_document_is_not_found(client):
    document = document_with_file()
    assert client.get(file_url(document, "fr")).status_code == 404
    assert client.get(file_url(document, "xx")).status_code == 404
    missing = url("meetings:document-file", pk=999999, language="en")
    assert client.get(missing).status_code == 302


def test_meeting_page_links_files_through_the_checking_view(client):
    document = document_with_file()
    page = client.get(document.meeting.get_absolute_url()).content.decode()
    assert f'href="{file_url(document)}"' in page


def test_secretariat_edits_a_document_with_a_protected_file(client):
    from django.urls import reverse

    document = document_with_file(visibility="partners")
    client.force_login(SecretariatUserFactory())
    response = client.get(reverse("admin:meetings_document_change", args=[document.pk]))
    assert response.status_code == 200
    assert "conclusions" in response.content.decode()
    response = client.get(reverse("admin:meetings_meeting_change", args=[document.meeting.pk]))
    assert response.status_code == 200
