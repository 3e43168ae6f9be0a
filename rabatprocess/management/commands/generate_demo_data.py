from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.page_cache import clear_page_cache
from rabatprocess.demo_data import DemoDataError, generate_demo_data


class Command(BaseCommand):
    help = (
        "Add synthetic meetings, recommendations and implementation reports on top of the "
        "reference data, in both languages, the same for the same seed. For load tests and "
        "demonstrations; never in a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=1000, help="meetings (1000)")
        parser.add_argument(
            "--recommendations", type=int, default=10000, help="recommendations (10000)"
        )
        parser.add_argument(
            "--reports",
            type=int,
            help="implementation reports on recommendations (as many as recommendations)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="run even though DEBUG is off (load tests of production settings)",
        )

    def handle(self, *args, meetings, recommendations, reports, seed, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like a production site. Synthetic data would mix "
                "with real records; add --allow-production if this is a test server."
            )
        try:
            report = generate_demo_data(
                meetings=meetings,
                recommendations=recommendations,
                reports=recommendations if reports is None else reports,
                seed=seed,
            )
        except DemoDataError as error:
            raise CommandError(f"Nothing was generated. {error}") from error
        clear_page_cache()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes the new rows for an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
