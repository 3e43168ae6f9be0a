"""backup_site and restore_site: everything saved comes back, into an empty database."""

import io
import json
import os
import shutil
import stat
import tarfile

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.groups import SECRETARIAT, ensure_groups
from governance.models import Action, Partner
from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    SecretariatUserFactory,
)

PDF = b"%PDF-1.4 conclusions of the Cadiz ministerial conference"
EVIDENCE = b"%PDF-1.4 national strategy on migration and development"


def rows_of_every_model():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def files_under(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def secretariat_rights():
    return set(
        Group.objects.get(name=SECRETARIAT).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


@pytest.fixture
def site(transactional_db, settings):
    """The reference data, a focal point, a protected document, a report with evidence."""
    ensure_groups()
    call_command("load_reference_data", verbosity=0)
    senegal = Partner.objects.get(slug="senegal")
    focal_point = FocalPointFactory(partner=senegal, user__username="amina")
    secretariat = SecretariatUserFactory(username="secretariat")
    TOTPDevice.objects.create(user=secretariat, name="Phone", confirmed=True)

    document = DocumentFactory(url="", visibility="partners")
    document.file_en.save("conclusions.pdf", ContentFile(PDF))
    report = ImplementationReportFactory(
        partner=senegal, action=Action.objects.first(), narrative="A national strategy."
    )
    report.evidence_file.save("strategy.pdf", ContentFile(EVIDENCE))
    LogEntry.objects.log_actions(
        user_id=secretariat.pk, queryset=[focal_point], action_flag=ADDITION
    )
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "logos" / "senegal.png").write_bytes(b"\x89PNG logo")
    return settings


def empty_the_site(settings):
    """What a new installation has: a migrated database with its groups, no files."""
    call_command("flush", interactive=False, verbosity=0)
    ensure_groups()
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PROTECTED_MEDIA_ROOT)


def test_a_backup_restores_into_an_empty_site(site, tmp_path):
    settings = site
    rows = rows_of_every_model()
    media = files_under(settings.MEDIA_ROOT)
    protected = files_under(settings.PROTECTED_MEDIA_ROOT)
    rights = secretariat_rights()
    assert len(protected) == 2 and media
    archive = tmp_path / "site.tar.gz"

    output = io.StringIO()
    call_command("backup_site", str(archive), stdout=output)
    assert "Saved" in output.getvalue()

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["rows"]["governance.focalpoint"] == 1
    assert manifest["rows"]["otp_totp.totpdevice"] == 1
    assert manifest["files"] == {"media": 1, "protected": 2}
    assert "django" in manifest and "created_at" in manifest
    assert "contenttypes.contenttype" not in manifest["rows"]

    empty_the_site(settings)
    assert rows_of_every_model() != rows
    assert not settings.PROTECTED_MEDIA_ROOT.exists()

    call_command("restore_site", str(archive), stdout=io.StringIO())

    assert rows_of_every_model() == rows
    assert files_under(settings.MEDIA_ROOT) == media
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == protected
    assert secretariat_rights() == rights
    entry = LogEntry.objects.get()
    assert entry.content_type == ContentType.objects.get_for_model(type(entry.get_edited_object()))
    assert entry.get_edited_object().user.username == "amina"
    # The database hands out new ids after the restored ones (PostgreSQL sequences).
    FocalPointFactory(partner=Partner.objects.get(slug="senegal"))


def test_restore_refuses_a_database_that_holds_data(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    rows = rows_of_every_model()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert rows_of_every_model() == rows


def test_backup_never_overwrites_an_archive(tmp_path, transactional_db):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_site", str(archive))
    assert archive.read_bytes() == b"an earlier backup"


def test_the_archive_is_readable_by_its_owner_only(tmp_path, transactional_db):
    archive = tmp_path / "site.tar.gz"
    # A file left by an interrupted backup, and a umask that lets everyone read.
    archive.with_name("site.tar.gz.partial").write_bytes(b"")
    archive.with_name("site.tar.gz.partial").chmod(0o644)
    previous = os.umask(0o022)
    try:
        call_command("backup_site", str(archive), stdout=io.StringIO())
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        assert "manifest.json" in tar.getnames()


def test_restore_explains_a_missing_archive(tmp_path, transactional_db):
    with pytest.raises(CommandError, match="There is no archive at"):
        call_command("restore_site", str(tmp_path / "nowhere.tar.gz"))


def test_restore_explains_a_damaged_archive(tmp_path, transactional_db):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"\x1f\x8b\x08 this is not really gzip")
    with pytest.raises(CommandError, match="not an archive made by backup_site"):
        call_command("restore_site", str(archive))


def test_restore_explains_an_archive_without_manifest(tmp_path, transactional_db):
    archive = tmp_path / "site.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"[]"
        info = tarfile.TarInfo("data.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match=r"manifest\.json is missing"):
        call_command("restore_site", str(archive))


def test_restore_refuses_entries_outside_its_folders(tmp_path, transactional_db):
    archive = tmp_path / "site.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("../outside.txt")
        info.size = 0
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(CommandError, match="unexpected entry"):
        call_command("restore_site", str(archive))
    assert not (tmp_path.parent / "outside.txt").exists()
