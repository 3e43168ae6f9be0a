import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from rabatprocess.backup import DATA, EXCLUDED, FOLDERS, FORMAT, MANIFEST, private_file


class Command(BaseCommand):
    help = (
        "Save the whole site (database, uploaded and protected files) into one .tar.gz "
        "archive that restore_site can load into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive to write, e.g. rabat-2026-05-04.tar.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, database, **options):
        target = Path(archive)
        if target.exists():
            raise CommandError(f"{target} exists already; choose another name.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")

        with tempfile.TemporaryDirectory() as workdir:
            data = Path(workdir) / DATA
            connection = connections[database]
            outermost = not connection.in_atomic_block
            with transaction.atomic(using=database):
                if outermost and connection.vendor == "postgresql":
                    # One snapshot of the whole database, whatever is saved meanwhile.
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                call_command(
                    "dumpdata",
                    exclude=list(EXCLUDED),
                    natural_foreign=True,
                    use_base_manager=True,
                    indent=1,
                    output=str(data),
                    database=database,
                    verbosity=0,
                )
                migrations = sorted(
                    f"{app}.{name}"
                    for app, name in MigrationRecorder(connection).applied_migrations()
                )
            with data.open(encoding="utf-8") as dump:
                counts = Counter(row["model"] for row in json.load(dump))

            folders = {name: Path(getattr(settings, setting)) for name, setting in FOLDERS.items()}
            files = {
                name: sorted(path for path in folder.rglob("*") if path.is_file())
                if folder.is_dir()
                else []
                for name, folder in folders.items()
            }
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "database": connection.vendor,
                "migrations": migrations,
                "rows": dict(sorted(counts.items())),
                "files": {name: len(paths) for name, paths in files.items()},
            }
            manifest_path = Path(workdir) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")

            partial = target.with_name(target.name + ".partial")
            try:
                with private_file(partial) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
                    tar.add(manifest_path, arcname=MANIFEST)
                    tar.add(data, arcname=DATA)
                    for name, paths in files.items():
                        for path in paths:
                            relative = path.relative_to(folders[name]).as_posix()
                            tar.add(path, arcname=f"{name}/{relative}")
                partial.rename(target)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise

        self.stdout.write(
            self.style.SUCCESS(
                f"Saved {sum(counts.values())} rows of {len(counts)} models and "
                f"{sum(manifest['files'].values())} files into {target}."
            )
        )
