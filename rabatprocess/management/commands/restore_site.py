import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from governance.groups import ensure_groups
from rabatprocess.backup import (
    CREATED_BY_MIGRATE,
    DATA,
    EXCLUDED,
    FOLDERS,
    FORMAT,
    MANIFEST,
    is_excluded,
    rows_per_model,
)


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into an empty, migrated database, with its "
        "uploaded and protected files."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="an archive made by backup_site")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, database, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"There is no archive at {source}.")

        with tempfile.TemporaryDirectory() as workdir:
            workdir = Path(workdir)
            manifest = self.extract(source, workdir)
            self.check_database(database, manifest)
            try:
                with transaction.atomic(using=database):
                    self.load(workdir / DATA, database, manifest)
                    copied = self.copy_files(workdir)
            except DatabaseError as error:
                raise CommandError(f"The database refused the archive's data: {error}") from None

        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows of {len(manifest['rows'])} models and {copied} files "
                f"from {source} (made {manifest['created_at']})."
            )
        )

    def extract(self, source, workdir):
        """Unpack the archive into workdir after checking that backup_site made it."""
        unreadable = f"{source} is not an archive made by backup_site, or it is damaged"
        try:
            with tarfile.open(source, "r:gz") as tar:
                for member in tar.getmembers():
                    path = PurePosixPath(member.name)
                    if (
                        path.is_absolute()
                        or ".." in path.parts
                        or not (member.isfile() or member.isdir())
                        or not (member.name in (MANIFEST, DATA) or path.parts[0] in FOLDERS)
                    ):
                        raise CommandError(f"{unreadable}: unexpected entry {member.name!r}.")
                tar.extractall(workdir, filter="data")
        except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
            raise CommandError(f"{unreadable} ({error}).") from None

        try:
            manifest = json.loads((workdir / MANIFEST).read_text(encoding="utf-8"))
            json.loads((workdir / DATA).read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"{unreadable}: {Path(error.filename).name} is missing.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{unreadable}: {error}.") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise CommandError(f"{unreadable}: unknown archive format.")
        return manifest

    def check_database(self, database, manifest):
        """Refuse a database that holds data, or lacks migrations the archive's data had."""
        connection = connections[database]
        applied = {
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        }
        if not applied:
            raise CommandError("The database is not migrated: run `manage.py migrate` first.")
        missing = sorted(set(manifest.get("migrations", [])) - applied)
        if missing:
            raise CommandError(
                "The archive comes from a newer version of the platform: the database lacks "
                f"the migrations {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}. "
                "Update the code and run `manage.py migrate` first."
            )
        held = rows_per_model(
            model for model in apps.get_models() if not is_excluded(model, CREATED_BY_MIGRATE)
        )
        if held:
            summary = ", ".join(f"{count} {label}" for label, count in list(held.items())[:5])
            summary += ", …" if len(held) > 5 else ""
            raise CommandError(
                f"The database already holds data ({summary}). Restore only into an empty "
                "database: create a new one and run `manage.py migrate`, then restore."
            )

    def load(self, data, database, manifest):
        # The groups that migrate created come back from the archive with their rights.
        Group.objects.using(database).all().delete()
        ContentType.objects.clear_cache()
        try:
            call_command("loaddata", str(data), database=database, verbosity=0)
        except (DeserializationError, ValidationError) as error:
            raise CommandError(f"The archive's data cannot be loaded: {error}") from None
        restored = rows_per_model(
            model for model in apps.get_models() if not is_excluded(model, EXCLUDED)
        )
        if restored != manifest["rows"]:
            differences = sorted(
                label
                for label in restored.keys() | manifest["rows"].keys()
                if restored.get(label) != manifest["rows"].get(label)
            )
            raise CommandError(
                "The restored rows differ from the archive's manifest for "
                f"{', '.join(differences)}; nothing was restored."
            )
        ensure_groups()

    def copy_files(self, workdir):
        copied = 0
        for name, setting in FOLDERS.items():
            folder = workdir / name
            if folder.is_dir():
                target = Path(getattr(settings, setting))
                shutil.copytree(folder, target, dirs_exist_ok=True)
                copied += sum(1 for path in folder.rglob("*") if path.is_file())
        return copied
