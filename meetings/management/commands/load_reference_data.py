from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance.reference import LoadReport, ReferenceDataError, read_reference_file
from meetings.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the Rabat Process reference data: partners, frameworks, presidencies, steering "
        "committee, reference countries and meetings. Creates what is missing and refreshes "
        "what it loaded before, but never touches a record the secretariat has changed, and "
        "never deletes anything. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=settings.REFERENCE_DATA_DIR / "rabat_process.json",
            help="Reference file to load (default: reference/rabat_process.json).",
        )

    def handle(self, *args, file, **options):
        report = LoadReport()
        try:
            data = read_reference_file(file)
            with transaction.atomic():
                load_reference_data(data, report)
        except ReferenceDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        except KeyError as error:
            raise CommandError(
                f"Nothing was loaded. The reference file lacks the field {error}."
            ) from error
        if not report.changed_anything and not report.kept:
            self.stdout.write("Reference data already up to date.")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
