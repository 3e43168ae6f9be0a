"""The text of documents' files, read in the background and searched: PDF, DOCX and ODT;
once per file; never found by someone who may not read the file."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from core.extract import MAX_XML_BYTES, text_of
from meetings.models import Document
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import DocumentFactory, MeetingFactory, SecretariatUserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db
JOB = "texts of documents read"


def pdf(text):
    return HTML(string=f"<p>{text}</p>").write_pdf()


def office(member, xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, xml)
    return buffer.getvalue()


DOCX_XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Feuille de route</w:t></w:r><w:r><w:t> de Bamako</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Deuxième paragraphe.</w:t></w:r></w:p></w:body></w:document>"
)
ODT_XML = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    "<text:h>Stocktaking</text:h><text:p>Missing migrants in the Sahel.</text:p>"
    "</office:text></office:body></office:document-content>"
)


class TestReadingFiles:
    def test_pdf_docx_and_odt(self):
        assert "Bamako roadmap" in text_of(pdf("Bamako roadmap"), "a.pdf")
        assert text_of(office("word/document.xml", DOCX_XML), "b.DOCX") == (
            "Feuille de route de Bamako Deuxième paragraphe."
        )
        assert text_of(office("content.xml", ODT_XML), "c.odt") == (
            "Stocktaking Missing migrants in the Sahel."
        )

    @pytest.mark.parametrize(
        ("content", "name"),
        [
            (b"%PDF-1.7 broken", "a.pdf"),
            (b"not a zip", "b.docx"),
            (office("other.xml", "<x/>"), "c.odt"),
            (b"\x89PNG", "d.png"),
        ],
    )
    def test_what_cannot_be_read_gives_no_text(self, content, name):
        assert text_of(content, name) == ""

    def test_a_zip_that_unpacks_to_too_much_is_not_read(self):
        bomb = office("word/document.xml", "<w:p>" + "a" * (MAX_XML_BYTES + 1) + "</w:p>")
        assert len(bomb) < 1_000_000
        assert text_of(bomb, "bomb.docx") == ""


@pytest.fixture
def bamako():
    return DocumentFactory(
        title_en="Conclusions",
        url="",
        file_en=SimpleUploadedFile("conclusions.pdf", pdf("The Bamako roadmap is adopted.")),
        file_fr=SimpleUploadedFile("conclusions-fr.docx", office("word/document.xml", DOCX_XML)),
    )


class TestTheJob:
    def test_each_file_is_read_once_and_again_when_it_changes(self, bamako):
        assert run_jobs()[JOB] == 2
        assert run_jobs()[JOB] == 0
        bamako.refresh_from_db()
        assert "Bamako roadmap" in bamako.text_en
        assert bamako.text_fr.startswith("Feuille de route de Bamako")
        bamako.file_en = SimpleUploadedFile("v2.pdf", pdf("A second version."))
        bamako.save()
        assert run_jobs()[JOB] == 1
        bamako.refresh_from_db()
        assert bamako.text_en == "A second version."

    def test_reading_a_text_leaves_no_version_in_the_history(self, bamako):
        versions = bamako.history.count()
        run_jobs()
        assert bamako.history.count() == versions

    def test_saving_a_document_in_the_admin_has_the_worker_read_it(self, client, run_worker):
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:meetings_document_add"),
            {
                "meeting": MeetingFactory().pk,
                "kind": "report",
                "title_en": "Stocktaking report",
                "order": 0,
                "visibility": "public",
                "file_en": SimpleUploadedFile("report.pdf", pdf("Missing migrants in the Sahel.")),
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        run_worker()
        assert Document.objects.get().text_en == "Missing migrants in the Sahel."


class TestSearchingThem:
    def test_a_public_document_is_found_by_its_text(self, client, bamako):
        run_jobs()
        response = client.get(url("search") + "?q=bamako+roadmap")
        documents = {s["key"]: s for s in response.context["sections"]}["documents"]
        (result,) = documents["results"]
        assert "<mark>Bamako</mark> <mark>roadmap</mark>" in result.excerpt

    @pytest.mark.parametrize("visibility", ["partners", "steering_committee"])
    def test_a_restricted_documents_text_is_never_found_by_a_visitor(
        self, client, bamako, visibility
    ):
        Document.objects.filter(pk=bamako.pk).update(visibility=visibility)
        run_jobs()
        response = client.get(url("search") + "?q=bamako")
        documents = {s["key"]: s for s in response.context["sections"]}["documents"]
        assert documents["count"] == 0
        assert "Bamako" not in response.content.decode()
