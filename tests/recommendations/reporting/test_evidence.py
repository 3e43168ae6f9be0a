"""Evidence files of reports: their types, their size, and who may open them."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from recommendations.models import ImplementationReport
from tests.factories import (
    SecretariatUserFactory,
)
from tests.helpers import url
from tests.recommendations.reporting.helpers import (
    PDF,
    answer,
    edit_url,
    report_of,
)

pytestmark = pytest.mark.django_db


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def ods_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


class TestEvidenceFiles:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("law.pdf", PDF),
            ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
            ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
            ("report.docx", docx_bytes()),
            ("figures.ods", ods_bytes()),
        ],
    )
    def test_accepted_files_are_stored_out_of_reach_of_the_public(
        self, client, reporting_round, mine, file_storage, name, content
    ):
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile(name, content))
        assert response.status_code == 302, response.context["form"].errors
        report = ImplementationReport.objects.get(partner=mine.partner)
        assert report.evidence_file.name.startswith(f"evidence/{timezone.now().year}/")
        assert str(report.evidence_file.path).startswith(str(file_storage / "protected"))

    @pytest.mark.parametrize(
        ("name", "content", "error"),
        [
            ("tool.exe", b"MZ\x90\x00", "Evidence files must be PDF"),
            ("page.html", b"<html>", "Evidence files must be PDF"),
            ("law.pdf", b"MZ\x90\x00 not a pdf", "not a PDF file"),
            ("photo.jpg", b"\x89PNG\r\n\x1a\n", "not a JPG file"),
            ("report.docx", b"PK\x03\x04 broken zip", "not a DOCX file"),
            ("report.docx", ods_bytes(), "not a DOCX file"),
        ],
    )
    def test_other_files_are_refused_and_nothing_is_left_behind(
        self, client, reporting_round, mine, file_storage, name, content, error
    ):
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile(name, content))
        assert response.status_code == 200
        assert error in str(response.context["form"].errors["evidence_file"])
        assert not ImplementationReport.objects.exists()
        assert stored_files(file_storage / "protected") == []

    def test_files_over_the_size_limit_are_refused(
        self, client, reporting_round, mine, file_storage, settings
    ):
        settings.EVIDENCE_MAX_BYTES = 20
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile("law.pdf", PDF))
        assert response.status_code == 200
        assert "may not be larger than 20" in str(response.context["form"].errors)
        assert stored_files(file_storage / "protected") == []

    def test_the_country_and_the_secretariat_open_the_file_others_do_not(
        self, client, reporting_round, mine, contributor, other
    ):
        report = report_of(mine, reporting_round, evidence_file=ContentFile(PDF, "law.pdf"))
        address = url("private:evidence-file", pk=report.pk)
        for user in (mine.user, contributor.user, SecretariatUserFactory()):
            client.force_login(user)
            response = client.get(address)
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment")
        client.force_login(other.user)
        assert client.get(address).status_code == 404
        without_file = report_of(mine, reporting_round, action=reporting_round.actions.last())
        client.force_login(mine.user)
        assert client.get(url("private:evidence-file", pk=without_file.pk)).status_code == 404

    def test_replacing_or_removing_a_file_deletes_the_old_one(
        self, client, reporting_round, mine, file_storage, django_capture_on_commit_callbacks
    ):
        client.force_login(mine.user)
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, evidence_file=SimpleUploadedFile("a.pdf", PDF))
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, evidence_file=SimpleUploadedFile("b.pdf", PDF))
        assert [path.name for path in stored_files(file_storage / "protected")] == ["b.pdf"]
        page = client.get(edit_url(reporting_round))
        assert "b.pdf" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, **{"evidence_file-clear": "on"})
        assert stored_files(file_storage / "protected") == []
        assert not ImplementationReport.objects.get().evidence_file

    def test_saving_without_a_new_file_keeps_the_current_one(self, client, reporting_round, mine):
        client.force_login(mine.user)
        answer(client, reporting_round, evidence_file=SimpleUploadedFile("a.pdf", PDF))
        answer(client, reporting_round, narrative="More words.")
        report = ImplementationReport.objects.get()
        assert report.evidence_file.name.endswith("a.pdf")
        assert report.narrative == "More words."
