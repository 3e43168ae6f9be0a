"""The printed Rabat Review: a PDF per language made by the worker from the edition's
content, with the dialogue's name, the edition and page numbers on its pages."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news import printing
from news.models import EditionMeeting, EditionPdf, EditionPost, NewsPost
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import EditionFactory, MeetingFactory, NewsPostFactory, SecretariatUserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

LONG_BODY = "\n\n".join(
    f"## Session {n}\n\nDelegations from the Atlantic route compared their approaches to "
    "labour migration, to the protection of migrants and to voluntary return, and agreed on "
    "the next steps of the action plan in each of the five domains." * 2
    for n in range(1, 7)
)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_of(edition, language):
    pdf = EditionPdf.objects.get(edition=edition, language=language)
    with pdf.file.open("rb") as file:
        return pypdf.PdfReader(io.BytesIO(file.read()))


def text_of(reader):
    return [page.extract_text() for page in reader.pages]


def refreshed(edition):
    return printing.refresh(printing.editions_to_print().get(pk=edition.pk))


@pytest.fixture
def edition():
    edition = EditionFactory(
        number=1,
        year=2017,
        editorial_en="A quarter of meetings.",
        editorial_fr="Un trimestre de réunions.",
    )
    posts = [
        NewsPostFactory(title_en="Dakar hosts the thematic meeting", title_fr="Dakar accueille"),
        NewsPostFactory(title_en="A new presidency", body_en=LONG_BODY),
        NewsPostFactory(title_en="Consultation launched", image=SimpleUploadedFile("p.png", png())),
    ]
    for order, post in enumerate(posts):
        EditionPost.objects.create(edition=edition, post=post, order=order)
    EditionPost.objects.create(
        edition=edition, post=NewsPostFactory(title_en="Not yet out", status="draft"), order=9
    )
    EditionMeeting.objects.create(
        edition=edition, meeting=MeetingFactory(title_en="Senior officials in Rabat")
    )
    return edition


class TestThePrintedEdition:
    def test_each_language_has_a_publication_with_its_name_edition_and_page_numbers(self, edition):
        assert refreshed(edition) == 2
        english, french = pdf_of(edition, "en"), pdf_of(edition, "fr")
        assert english.metadata.title == french.metadata.title == "Rabat Review #1/2017"
        pages = text_of(english)
        assert len(pages) >= 2
        assert "Rabat Process" in pages[0]
        assert "Euro-African Dialogue on Migration and Development" in pages[0]
        for number, page in enumerate(pages, start=1):
            assert f"{number} / {len(pages)}" in page
        for page in pages[1:]:
            assert "Rabat Process" in page and "Rabat Review #1/2017" in page
        everything = " ".join(pages)
        for shown in ("A quarter of meetings.", "Dakar hosts", "A new presidency", "Session 6"):
            assert shown in everything
        assert "Senior officials in Rabat" in everything
        assert "Not yet out" not in everything
        french_text = " ".join(text_of(french))
        assert "Processus de Rabat" in french_text
        assert "Un trimestre de réunions." in french_text
        assert "Dakar accueille" in french_text

    def test_a_post_image_is_printed_from_the_platform_files(self, edition):
        refreshed(edition)
        assert any(page.images for page in pdf_of(edition, "en").pages)

    def test_the_printer_fetches_nothing_from_the_network(self):
        from news.pdf import StorageFetcher

        with pytest.raises(ValueError, match="Only the platform's own files"):
            StorageFetcher().fetch("https://example.org/tracker.png")

    def test_it_is_made_again_only_when_what_it_shows_has_changed(
        self, edition, django_capture_on_commit_callbacks
    ):
        refreshed(edition)
        first = EditionPdf.objects.get(edition=edition, language="fr").file.name
        assert refreshed(edition) == 0
        NewsPost.objects.filter(title_en="A new presidency").update(
            title_fr="Une nouvelle présidence"
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert refreshed(edition) == 1
        french = EditionPdf.objects.get(edition=edition, language="fr")
        assert french.file.name != first
        assert not french.file.storage.exists(first)
        assert "Une nouvelle présidence" in " ".join(text_of(pdf_of(edition, "fr")))

    def test_an_uploaded_pdf_takes_the_place_of_the_generated_one(self, client, edition):
        edition.pdf_fr = SimpleUploadedFile("ancien.pdf", b"%PDF-1.4 uploaded")
        edition.save()
        assert refreshed(edition) == 1
        assert not EditionPdf.objects.filter(edition=edition, language="fr").exists()
        address = url("news:edition-pdf", number=1, year=2017, language="fr")
        assert b"".join(client.get(address).streaming_content) == b"%PDF-1.4 uploaded"

    def test_the_scheduled_jobs_print_published_editions_only(self, edition):
        hidden = EditionFactory(published=False)
        assert run_jobs()["Rabat Review PDFs made"] == 2
        assert run_jobs()["Rabat Review PDFs made"] == 0
        assert not EditionPdf.objects.filter(edition=hidden).exists()


class TestThePdfAddress:
    def test_the_page_links_the_pdf_of_each_language_once_made(self, client, edition):
        page = url("news:edition", number=1, year=2017)
        pdf = url("news:edition-pdf", number=1, year=2017, language="en")
        assert client.get(page).status_code == 200
        assert pdf not in client.get(page).content.decode()
        assert client.get(pdf).status_code == 404
        refreshed(edition)
        assert f'href="{pdf}"' in client.get(page).content.decode()
        response = client.get(pdf)
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_no_pdf_of_an_unpublished_edition_nor_in_another_language(self, client, edition):
        refreshed(edition)
        edition.published = False
        edition.save()
        address = url("news:edition-pdf", number=1, year=2017, language="en")
        assert client.get(address).status_code == 404
        edition.published = True
        edition.save()
        assert client.get(address.replace("en.pdf", "de.pdf")).status_code == 404

    def test_saving_an_edition_in_the_admin_has_the_worker_print_it(
        self, client, edition, run_worker
    ):
        client.force_login(SecretariatUserFactory())
        change = reverse("admin:news_edition_change", args=[edition.pk])
        form = client.get(change).context["adminform"].form
        data = {name: value for name, value in form.initial.items() if value is not None}
        data.update(
            {
                "period_start": "2017-01-01",
                "period_end": "2017-03-31",
                "post_items-TOTAL_FORMS": 0,
                "post_items-INITIAL_FORMS": 0,
                "meeting_items-TOTAL_FORMS": 0,
                "meeting_items-INITIAL_FORMS": 0,
            }
        )
        data.pop("pdf_en", None), data.pop("pdf_fr", None)
        response = client.post(change, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        run_worker()
        assert set(edition.generated_pdfs.values_list("language", flat=True)) == {"en", "fr"}


def test_the_admin_says_where_the_pdfs_are(client, edition):
    client.force_login(SecretariatUserFactory())
    change = reverse("admin:news_edition_change", args=[edition.pk])
    assert "being made by the worker" in client.get(change).content.decode()
    refreshed(edition)
    page = client.get(change).content.decode()
    assert f'href="{url("news:edition-pdf", number=1, year=2017, language="fr")}"' in page
