"""The platform's work that comes with time rather than with a request: forgetting
subscriptions never confirmed, announcing the news posts of the day, bringing the
printed Rabat Review up to date, telling focal points of reporting rounds that open or
close soon, reminding them of meetings, reading the text of new documents' files for
search, keeping the pictures of videos, and making the archive of all the public data
again after it changed.

Each job is idempotent: running them twice in a row does the work once. Production runs
the command from a timer (every 15 minutes; README, "Running in production");
`make run` runs it in a loop beside the server (``--every 60``).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from meetings import reminders, texts, thumbnails
from news import notices, printing, subscriptions
from opendata import archive
from recommendations.reporting import notifications


def run_jobs():
    """Run every job once; {job: what it did}."""
    return {
        "unconfirmed subscriptions forgotten": subscriptions.forget_unconfirmed(),
        "news notices queued": notices.announce_due(),
        "Rabat Review PDFs made": printing.refresh_all(),
        "reporting rounds announced": notifications.announce_open_rounds(),
        "reminders before a round closes": notifications.remind_closing_rounds(),
        "meeting reminders": reminders.remind_upcoming_meetings(),
        "texts of documents read": texts.read_stale(),
        "thumbnails of videos kept": thumbnails.keep_wanted(),
        "open data archives made": archive.refresh(),
    }


class Command(BaseCommand):
    help = "Run the scheduled jobs once, or every --every seconds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="run again every this many seconds (0: once)"
        )

    def handle(self, *args, every, **options):
        if every < 0:
            raise CommandError("--every takes a number of seconds, 0 or more.")
        while True:
            for job, count in run_jobs().items():
                if count or options["verbosity"] > 1:
                    self.stdout.write(f"{job}: {count}")
            if not every:
                return
            time.sleep(every)
