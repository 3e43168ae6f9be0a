"""The archive of all the public data: every public record as CSV and JSON, described
and licensed, made again by the worker after the data change, never holding what
visitors may not see."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from meetings.models import Document
from opendata import archive
from opendata.datasets import datasets
from opendata.models import DataArchive
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import (
    CountryFactory,
    DocumentFactory,
    ImplementationReportFactory,
    MeetingFactory,
    NewsPostFactory,
    RecommendationFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db
JOB = "open data archives made"
NOW = timezone.now()


def opened():
    newest = DataArchive.objects.newest()
    return zipfile.ZipFile(newest.file.open("rb"))


def table(name):
    """The rows of a dataset's CSV file and of its JSON file."""
    with opened() as files:
        rows = list(csv.DictReader(io.StringIO(files.read(f"{name}.csv").decode())))
        records = json.loads(files.read(f"{name}.json"))
    return rows, records


@pytest.fixture
def public_and_private():
    held = MeetingFactory(title="Thematic meeting on missing persons", source_note="Unsure.")
    hidden = MeetingFactory(title="Meeting not yet announced", published=False)
    RecommendationFactory(meeting=held, text="Share data on missing persons.")
    RecommendationFactory(meeting=hidden, text="A recommendation of a hidden meeting.")
    RecommendationFactory(meeting=held, text="A draft recommendation.", published=False)
    DocumentFactory(meeting=held, title="Public report")
    DocumentFactory(meeting=held, title="Steering committee note", visibility="steering_committee")
    DocumentFactory(meeting=None, title="Unpublished brochure", published=False)
    post = NewsPostFactory(title="Published post")
    post.meetings.add(held, hidden)
    NewsPostFactory(title="Draft post", status="draft")
    validated = ImplementationReportFactory(
        status="in_progress", state="validated", submitted_at=NOW, validated_at=NOW
    )
    ImplementationReportFactory(
        round=validated.round, action=validated.action, state="submitted", submitted_at=NOW
    )
    return {"held": held, "hidden": hidden, "post": post, "validated": validated}


class TestWhatItHolds:
    def test_every_dataset_as_csv_and_json_with_their_descriptions(self, public_and_private):
        assert run_jobs()[JOB] == 1
        with opened() as files:
            names = set(files.namelist())
            package = json.loads(files.read("datapackage.json"))
            readme = files.read("README.txt").decode()
            licence = files.read("LICENCE.txt").decode()
        for data in datasets():
            assert {f"{data.name}.csv", f"{data.name}.json"} <= names
            assert f"{data.name}.csv, {data.name}.json" in readme
        assert {"README.txt", "LICENCE.txt", "datapackage.json"} <= names
        assert [resource["path"] for resource in package["resources"]] == [
            f"{data.name}.csv" for data in datasets()
        ]
        assert package["licenses"][0]["name"] == "CC-BY-4.0"
        meetings = next(r for r in package["resources"] if r["name"] == "meetings")
        fields = {field["name"]: field for field in meetings["schema"]["fields"]}
        assert fields["start"]["type"] == "date"
        assert fields["participants_ids"]["type"] == "string"
        assert "codes: " in fields["kind"]["description"]
        # Both languages, as a French reader expects them.
        assert "Identifiant de l’enregistrement" in readme
        assert "CC BY 4.0" in licence and "Processus de Rabat" in licence

    def test_csv_and_json_hold_the_same_rows(self, public_and_private):
        run_jobs()
        rows, records = table("meetings")
        assert [row["id"] for row in rows] == [str(record["id"]) for record in records]
        (held,) = [r for r in records if r["title_en"] == "Thematic meeting on missing persons"]
        assert held["start"] == "2024-05-15"
        assert held["page_fr"].endswith(f"/fr/reunions/{held['slug']}/")
        assert held["online"] is False
        assert "published" not in held

    def test_only_what_visitors_may_see(self, public_and_private):
        run_jobs()
        with opened() as files:
            everything = b"".join(files.read(name) for name in files.namelist()).decode()
        for hidden in [
            "Meeting not yet announced",
            "A recommendation of a hidden meeting.",
            "A draft recommendation.",
            "Steering committee note",
            "Unpublished brochure",
            "Draft post",
            "Unsure.",
        ]:
            assert hidden not in everything, hidden
        for shown in [
            "Thematic meeting on missing persons",
            "Share data on missing persons.",
            "Public report",
            "Published post",
        ]:
            assert shown in everything
        _rows, news = table("news")
        assert news[0]["meetings_ids"] == [public_and_private["held"].pk]
        _rows, figures = table("implementation")
        assert figures == [
            {
                "round_id": public_and_private["validated"].round_id,
                "recommendation_id": None,
                "action_id": public_and_private["validated"].action_id,
                "status": "in_progress",
                "reports": 1,
            }
        ]

    def test_a_formula_in_a_text_is_not_run_by_a_spreadsheet(self):
        MeetingFactory(title='=HYPERLINK("http://evil.example")')
        run_jobs()
        rows, records = table("meetings")
        assert rows[0]["title_en"].startswith("'=")
        assert records[0]["title_en"].startswith("=")


class TestMadeAgainAfterChanges:
    def test_nothing_changed_nothing_made(self, public_and_private, django_assert_max_num_queries):
        run_jobs()
        first = DataArchive.objects.get()
        # The fingerprint alone: a few aggregates, no table read.
        with django_assert_max_num_queries(45):
            assert archive.refresh() == 0
        assert DataArchive.objects.get() == first

    @pytest.mark.parametrize(
        "change",
        [
            lambda data: (
                data["held"]
                .__class__.objects.filter(pk=data["held"].pk)
                .update(title_en="Renamed meeting", updated_at="2030-01-01T00:00:00Z")
            ),
            lambda data: data["held"].participants.add(CountryFactory(name="Mali")),
            lambda data: data["post"].meetings.remove(data["held"]),
            lambda data: Document.objects.filter(title="Public report").delete(),
        ],
        ids=["edited", "linked", "unlinked", "deleted"],
    )
    def test_a_change_makes_a_new_archive_and_the_old_file_goes(
        self, public_and_private, change, django_capture_on_commit_callbacks
    ):
        run_jobs()
        old = DataArchive.objects.get()
        change(public_and_private)
        with django_capture_on_commit_callbacks(execute=True):
            assert run_jobs()[JOB] == 1
        new = DataArchive.objects.get()
        assert new.digest != old.digest
        assert not default_storage.exists(old.file.name)

    def test_a_change_that_visitors_do_not_see_makes_none(self, public_and_private):
        run_jobs()
        first = DataArchive.objects.get()
        MeetingFactory(title="Another unannounced meeting", published=False)
        assert run_jobs()[JOB] == 0
        # Checked, found the same, and not checked again until the next change.
        assert DataArchive.objects.get() == first
        assert DataArchive.objects.get().fingerprint != first.fingerprint
        assert archive.refresh() == 0


class TestPages:
    def test_before_the_first_archive_a_clear_message(self, client):
        response = client.get("/open-data/rabat-process-open-data.zip")
        assert response.status_code == 404
        assert "being prepared" in response.content.decode()

    def test_the_download_and_its_page(self, client, public_and_private):
        run_jobs()
        response = client.get("/open-data/rabat-process-open-data.zip")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert 'filename="rabat-process-open-data.zip"' in response["Content-Disposition"]
        assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None
        page = client.get(url("open-data-archive", "fr")).content.decode()
        assert "Réunions" in page and "meetings.csv" in page and "Télécharger l’archive" in page

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_the_open_data_page_leads_to_it(self, client, language):
        page = client.get(url("open-data", language)).content.decode()
        assert f'href="{url("open-data-archive", language)}"' in page
        assert 'href="/open-data/rabat-process-open-data.zip"' in page

    @pytest.mark.parametrize("meetings", [1, 20])
    def test_the_archive_page_reads_one_row(
        self, client, page_cache_off, django_assert_num_queries, meetings
    ):
        MeetingFactory.create_batch(meetings)
        run_jobs()
        with django_assert_num_queries(1):
            assert client.get(url("open-data-archive")).status_code == 200
