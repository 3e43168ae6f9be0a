"""Synthetic history on top of the reference data: realistic, complete and repeatable."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from core import page_cache
from governance.models import Partner
from meetings.models import Document, Meeting, MeetingRole
from projects.models import Project
from recommendations.models import ImplementationReport, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development_site(settings):
    """The command runs on development and test sites; pytest turns DEBUG off."""
    settings.DEBUG = True


@pytest.fixture
def reference_data():
    call_command("load_reference_data", stdout=StringIO())


def generate(**options):
    output = StringIO()
    call_command("generate_demo_data", stdout=output, **options)
    return output.getvalue()


def snapshot():
    return list(
        Meeting.objects.filter(slug__startswith="demo-").values_list("slug", "title_fr", "start")
    )


class TestGenerateDemoData:
    def test_every_kind_of_record_in_both_languages(self, reference_data):
        output = generate(meetings=400, recommendations=1500, seed=3)
        demo = Meeting.objects.filter(slug__startswith="demo-3-")
        assert demo.count() == 400
        assert set(demo.values_list("kind", flat=True)) == set(Meeting.Kind.values)
        assert not demo.filter(title_fr="").exists()
        assert not demo.filter(title_en="").exists()
        assert MeetingRole.objects.filter(meeting__in=demo).exists()
        assert demo.filter(co_chairs_to_be_determined=True).exists()
        assert demo.filter(actions__isnull=False).exists()
        assert Document.objects.filter(meeting__in=demo, visibility="partners").exists()
        assert Document.objects.filter(meeting__in=demo, visibility="public").exists()
        recommendations = Recommendation.objects.filter(meeting__in=demo)
        assert recommendations.count() == 1500
        assert not recommendations.filter(text_fr="").exists()
        assert set(recommendations.values_list("kind", flat=True)) == set(
            Recommendation.Kind.values
        )
        reports = ImplementationReport.objects.filter(round__slug__startswith="demo-3-")
        assert reports.filter(state="validated", recommendation__isnull=False).exists()
        assert reports.filter(action__isnull=False).exists()
        projects = Project.objects.filter(identifier__startswith="demo-3-")
        assert projects.count() == 16
        assert projects.filter(countries__isnull=False, actions__isnull=False).exists()
        assert "16 projects" in output
        assert "400 meetings" in output.replace(",", "")
        assert "1500 recommendations" in output.replace(",", "")

    def test_the_same_seed_gives_the_same_data(self, reference_data):
        runs = []
        for _ in range(2):
            with transaction.atomic():
                generate(meetings=50, recommendations=100, seed=8)
                runs.append(snapshot())
                transaction.set_rollback(True)
        assert runs[0] == runs[1]
        assert len(runs[0]) == 50

    def test_published_pages_show_the_new_meetings_at_once(self, reference_data, client):
        client.get("/en/meetings/")
        before = page_cache.generation()
        generate(meetings=20, recommendations=10, seed=4)
        assert page_cache.generation() != before
        newest = Meeting.objects.published().exclude(start=None).order_by("-start").first()
        assert newest.slug.startswith("demo-4-")
        assert newest.get_absolute_url() in client.get("/en/meetings/").content.decode()

    def test_refuses_a_seed_already_loaded(self, reference_data):
        generate(meetings=5, recommendations=5, seed=1)
        with pytest.raises(CommandError, match="seed 1 is already in this database"):
            generate(meetings=5, recommendations=5, seed=1)

    def test_refuses_without_reference_data(self):
        with pytest.raises(CommandError, match="Load the reference data first"):
            generate(meetings=5, recommendations=5)
        assert not Meeting.objects.exists()

    def test_refuses_negative_counts(self, reference_data):
        with pytest.raises(CommandError, match="cannot be negative"):
            generate(meetings=-1, recommendations=5)

    def test_refuses_a_production_site_unless_told(self, reference_data, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="production"):
            generate(meetings=5, recommendations=5)
        assert not Meeting.objects.filter(slug__startswith="demo-").exists()
        generate(meetings=5, recommendations=5, allow_production=True)
        assert Meeting.objects.filter(slug__startswith="demo-").count() == 5
        assert Partner.objects.exists()
