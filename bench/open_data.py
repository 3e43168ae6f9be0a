"""The open data archive at the bench's size: the time and peak memory of making it from
scratch, its size, and the time of the scheduled job's check when nothing changed. Run by
bench.py in the environment of its servers: ``python bench/open_data.py``; prints
``ARCHIVE=`` and the figures as JSON."""

import os
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

from opendata import archive  # noqa: E402
from opendata.models import DataArchive  # noqa: E402


def main():
    DataArchive.objects.all().delete()
    started = time.perf_counter()
    made = archive.refresh()
    build = time.perf_counter() - started
    started = time.perf_counter()
    again = archive.refresh()
    check = time.perf_counter() - started
    newest = DataArchive.objects.newest()
    figures = {
        "made": made,
        "made_again": again,
        "build_s": round(build, 2),
        "unchanged_check_s": round(check, 3),
        "size_mib": round(newest.size / 2**20, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    newest.file.delete(save=False)
    newest.delete()
    print("ARCHIVE=" + json.dumps(figures))


if __name__ == "__main__":
    main()
