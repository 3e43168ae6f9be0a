"""The library: documents of meetings and publications that stand alone (brochures,
reports, videos), filtered, each with its versions; as restricted as meeting documents."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    CountryFactory,
    DocumentFactory,
    DomainFactory,
    FocalPointFactory,
    MeetingFactory,
)
from tests.helpers import listed, url

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def brochure():
    brochure = DocumentFactory(
        meeting=None,
        kind="brochure",
        title_en="The Rabat Process in brief",
        title_fr="Le Processus de Rabat en bref",
        published_on=datetime.date(2024, 3, 1),
        url="",
        file_en=SimpleUploadedFile("brief.pdf", PDF),
        file_fr=SimpleUploadedFile("en-bref.pdf", PDF),
    )
    return brochure


def library(client, **filters):
    return client.get(url("library:list") + "?" + urlencode(filters))


class TestTheLibrary:
    def test_a_brochure_in_two_languages_is_listed_searched_and_downloaded(self, client, brochure):
        assert listed(library(client)) == [brochure]
        search = client.get(url("search", "fr") + "?q=en+bref")
        documents = {s["key"]: s for s in search.context["sections"]}["documents"]
        assert documents["count"] == 1
        page = client.get(url("library:detail", "fr", pk=brochure.pk)).content.decode()
        assert "<h1>Le Processus de Rabat en bref</h1>" in page
        for code in ("en", "fr"):
            address = url("meetings:document-file", "fr", pk=brochure.pk, language=code)
            assert f'href="{address}"' in page
            assert b"".join(client.get(address).streaming_content) == PDF

    def test_filters(self, client, brochure):
        domain, senegal = DomainFactory(), CountryFactory(slug="senegal")
        brochure.domains.add(domain)
        brochure.partners.add(senegal)
        meeting = MeetingFactory(slug="dakar-som", start=datetime.date(2019, 5, 2))
        report = DocumentFactory(meeting=meeting, kind="report", url_fr="")
        assert listed(library(client, kind="brochure")) == [brochure]
        assert listed(library(client, year=2024)) == [brochure]
        assert listed(library(client, year=2019)) == [report]
        assert listed(library(client, language="fr")) == [brochure]
        assert listed(library(client, domain=domain.pk)) == [brochure]
        assert listed(library(client, partner="senegal")) == [brochure]
        assert listed(library(client, meeting="dakar-som")) == [report]
        assert library(client, year="soon").status_code == 200

    def test_the_page_reads_as_much_with_more_documents(
        self, client, page_cache_off, django_assert_num_queries
    ):
        def add(count):
            for _ in range(count):
                DocumentFactory(meeting=None, published_on=datetime.date(2024, 1, 1))

        add(2)
        with django_assert_num_queries(4):
            library(client)
        add(15)
        with django_assert_num_queries(4):
            library(client)


class TestWhatVisitorsDoNotSee:
    def test_an_unpublished_document_nowhere(self, client, brochure):
        brochure.published = False
        brochure.save()
        assert listed(library(client)) == []
        assert client.get(url("library:detail", pk=brochure.pk)).status_code == 404
        address = url("meetings:document-file", pk=brochure.pk, language="en")
        assert client.get(address).status_code == 302  # to sign in

    def test_an_unpublished_document_of_a_meeting_is_not_on_its_page(self, client):
        meeting = MeetingFactory()
        DocumentFactory(meeting=meeting, title_en="Draft agenda", published=False)
        assert "Draft agenda" not in client.get(meeting.get_absolute_url()).content.decode()

    def test_a_meetings_page_leads_to_its_documents_in_the_library(self, client):
        meeting = MeetingFactory()
        agenda = DocumentFactory(meeting=meeting, title_en="Agenda")
        DocumentFactory(title_en="Agenda of another meeting")
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert f'href="{agenda.get_absolute_url()}"' in page
        (link,) = [
            part.split('"')[0]
            for part in page.split('href="')
            if part.startswith(url("library:list") + "?meeting=")
        ]
        assert listed(client.get(link)) == [agenda]

    def test_a_restricted_publication_only_to_those_entitled(self, client, brochure):
        brochure.visibility = "partners"
        brochure.save()
        assert listed(library(client)) == []
        assert client.get(url("library:detail", pk=brochure.pk)).status_code == 404
        address = url("meetings:document-file", pk=brochure.pk, language="fr")
        assert client.get(address).status_code == 302
        client.force_login(FocalPointFactory().user)
        assert b"".join(client.get(address).streaming_content) == PDF


class TestOpenData:
    def test_the_api_lists_public_publications_with_the_pages_filters(self, client, brochure):
        hidden = DocumentFactory(meeting=None, visibility="partners")
        response = client.get("/api/library/?" + urlencode({"kind": "brochure"}))
        assert response.status_code == 200
        (item,) = response.json()["results"]
        assert item["id"] == brochure.pk and item["date"] == "2024-03-01"
        assert set(item["versions"]) == {"en", "fr"}
        assert client.get(f"/api/library/{hidden.pk}/").status_code == 404

    def test_the_csv_follows_the_filters(self, client, brochure):
        DocumentFactory(meeting=MeetingFactory(), title_en="Agenda", kind="agenda")
        response = client.get(url("library:csv") + "?kind=brochure")
        text = b"".join(response.streaming_content).decode()
        assert "The Rabat Process in brief" in text and "Agenda" not in text
