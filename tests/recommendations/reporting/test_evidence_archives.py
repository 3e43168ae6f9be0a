"""Office documents whose archive expands far beyond its size are refused unread."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import content_matches
from recommendations.models import ImplementationReport
from tests.recommendations.reporting.helpers import answer

pytestmark = pytest.mark.django_db

ODT = b"application/vnd.oasis.opendocument.text"
EXPANDED = 64 * 1024 * 1024


def odt_bomb():
    """A few hundred kilobytes whose ``mimetype`` member expands to 64 MB: the type name,
    then white space."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(ODT)
            for _ in range(EXPANDED // 2**20):
                member.write(b" " * 2**20)
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT + b"\n")
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


def test_a_document_that_expands_to_megabytes_is_refused_with_a_message(
    client, reporting_round, mine, file_storage
):
    bomb = odt_bomb()
    assert len(bomb) < 1024 * 1024
    client.force_login(mine.user)
    response = answer(client, reporting_round, evidence_file=SimpleUploadedFile("report.odt", bomb))
    assert response.status_code == 200
    assert "not a ODT file" in str(response.context["form"].errors["evidence_file"])
    assert not ImplementationReport.objects.exists()


def test_its_type_is_checked_without_expanding_it():
    bomb = io.BytesIO(odt_bomb())
    tracemalloc.start()
    try:
        assert not content_matches(bomb, ".odt")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_true_document_still_passes():
    assert content_matches(io.BytesIO(odt()), ".odt")
    assert not content_matches(io.BytesIO(odt()), ".ods")
