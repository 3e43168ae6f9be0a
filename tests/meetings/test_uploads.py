"""Uploaded documents: allowed types checked by content, a size limit, safe names."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document
from tests.factories import MeetingFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def post_document(client, upload, **extra):
    meeting = MeetingFactory()
    data = {
        "meeting": meeting.pk,
        "kind": "conclusions",
        "title_en": "Conclusions",
        "order": 0,
        "visibility": "public",
        "file_en": upload,
        **extra,
    }
    return client.post(reverse("admin:meetings_document_add"), data)


def stored_files(root):
    return [path for path in (root / "protected").rglob("*") if path.is_file()]


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatUserFactory())
    return client


@pytest.mark.parametrize(
    ("name", "content"),
    [("Conclusions.PDF", PDF), ("Rapport final (v2).docx", docx())],
)
def test_allowed_files_are_accepted_with_a_safe_name(secretariat, file_storage, name, content):
    response = post_document(secretariat, SimpleUploadedFile(name, content))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    stored = document.file_en.name.rsplit("/", 1)[1]
    assert " " not in stored and "(" not in stored
    assert stored.endswith((".pdf", ".docx"))
    assert len(stored_files(file_storage)) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("conclusions.pdf", b"MZ\x90\x00 not a pdf", "The content of the file is not a PDF file."),
        ("script.exe", b"MZ\x90\x00", "Documents must be PDF"),
        ("report.docx", b"PK\x03\x04 not a zip", "not a DOCX file"),
        ("page.html", b"<script>alert(1)</script>", "Documents must be PDF"),
    ],
)
def test_refused_files_get_a_message_and_leave_nothing(
    secretariat, file_storage, name, content, message
):
    response = post_document(secretariat, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(file_storage) == []


def test_files_over_the_limit_are_refused(secretariat, settings, file_storage):
    settings.DOCUMENT_MAX_BYTES = 20
    response = post_document(secretariat, SimpleUploadedFile("big.pdf", PDF))
    assert "may not be larger than 20" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(file_storage) == []
