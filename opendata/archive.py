"""The archive of all the public data: each dataset (``opendata.datasets``) as a CSV and a
JSON file, with a description of every file and column in both languages (``README.txt``),
the licence (``LICENCE.txt``) and the same description for programs
(``datapackage.json``, a Frictionless Data Package).

The worker makes it (``refresh``, a scheduled job): a cheap fingerprint of the data (how
many rows each table holds, its newest row and last change, and today's date, on which
embargoes lift and scheduled posts appear) tells whether anything may have changed; only
then are the files written, and a new archive is kept only if their content differs from
the last one's. The former archive and its file go once the new one is recorded.
"""

import csv
import hashlib
import io
import json
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from core.csv_download import spreadsheet_safe
from opendata.datasets import LIST_SEPARATOR, datasets
from opendata.models import DataArchive

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_LEGAL_CODE = "https://creativecommons.org/licenses/by/4.0/legalcode"
DOWNLOAD_NAME = "rabat-process-open-data.zip"


def fingerprint(sets):
    """A hash of what the data looks like from a few aggregates of each table: it changes
    whenever a row is added, deleted, linked, unlinked or saved, and every day."""
    parts = [timezone.localdate().isoformat(), settings.SITE_URL]
    for data in sets:
        parts.append(f"{data.name}: {' '.join(column.name for column in data.columns)}")
        for model in data.models:
            aggregates = {"rows": Count("pk"), "newest": Max("pk")}
            if any(field.name == "updated_at" for field in model._meta.concrete_fields):
                aggregates["changed"] = Max("updated_at")
            found = model._default_manager.aggregate(**aggregates)
            parts.append(f"{model._meta.label}: {sorted(found.items())}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return spreadsheet_safe(value)


def write_dataset(archive, data, digest):
    """Write a dataset's CSV and JSON files into ``archive``, one row at a time (the JSON
    file waits in a temporary file while the CSV file is written); the JSON file's bytes
    go into ``digest``."""
    names = [column.name for column in data.columns]
    with tempfile.TemporaryFile() as json_file:
        with (
            archive.open(f"{data.name}.csv", "w") as csv_entry,
            io.TextIOWrapper(csv_entry, encoding="utf-8", newline="") as csv_text,
        ):
            writer = csv.writer(csv_text, lineterminator="\r\n")
            writer.writerow(names)
            json_file.write(b"[")
            for number, row in enumerate(data.rows()):
                values = [column.value(row) for column in data.columns]
                writer.writerow([_cell(value) for value in values])
                record = json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False)
                json_file.write(("\n" if number == 0 else ",\n").encode() + record.encode())
            json_file.write(b"\n]\n")
        json_file.seek(0)
        with archive.open(f"{data.name}.json", "w") as json_entry:
            while chunk := json_file.read(1 << 20):
                digest.update(chunk)
                json_entry.write(chunk)


def readme(sets, built_at):
    """What the archive holds, in each language of the site."""
    sections = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines = [
                gettext("Rabat Process: open data"),
                "=" * 40,
                "",
                gettext("Extracted on %(date)s from %(site)s.")
                % {
                    "date": formats.date_format(built_at, "DATETIME_FORMAT"),
                    "site": settings.SITE_URL,
                },
                gettext(
                    "Licence: Creative Commons Attribution 4.0 International (CC BY 4.0), "
                    "%(licence)s. Mention the source, “Rabat Process”, and the date of the "
                    "extract."
                )
                % {"licence": LICENCE_URL},
                gettext(
                    "Each table is given twice, with the same content: as a CSV file (UTF-8, "
                    "comma-separated, lists of identifiers separated by semicolons) and as a "
                    "JSON file (a list of records). Records refer to each other by their "
                    "identifiers (columns ending in _id or _ids)."
                ),
                "",
            ]
            for data in sets:
                lines += [
                    f"{data.name}.csv, {data.name}.json: {data.title}",
                    f"  {data.description}",
                ]
                lines += [f"  - {column.name}: {column.describe()}" for column in data.columns]
                lines.append("")
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def licence():
    sections = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            sections.append(
                gettext(
                    "The data in this archive are published by the Rabat Process under the "
                    "Creative Commons Attribution 4.0 International licence (CC BY 4.0): they "
                    "may be shared and adapted for any purpose, including commercially, on "
                    "condition of giving appropriate credit (the source, “Rabat Process”, "
                    "and the date of the extract), a link to the licence, and saying whether "
                    "changes were made. The licence: %(licence)s"
                )
                % {"licence": LICENCE_LEGAL_CODE}
            )
    return "\n\n".join(sections)


def data_package(sets, built_at):
    """The Data Package descriptor of the CSV files, in English."""
    with translation.override("en"):
        resources = [
            {
                "name": data.name,
                "path": f"{data.name}.csv",
                "title": str(data.title),
                "description": str(data.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": column.name,
                            # In the CSV file a list is text, its items separated by semicolons.
                            "type": "string" if column.type == "array" else column.type,
                            "description": column.describe(),
                        }
                        for column in data.columns
                    ],
                },
            }
            for data in sets
        ]
    return {
        "name": "rabat-process",
        "title": "Rabat Process: open data",
        "homepage": settings.SITE_URL,
        "created": built_at.isoformat(),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": LICENCE_URL,
            }
        ],
        "resources": resources,
    }


def write_archive(file, sets, built_at):
    """Write the archive to ``file``; the hash of its data (the JSON files, which hold what
    the CSV files hold)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for data in sets:
            digest.update(f"{data.name}\n".encode())
            write_dataset(archive, data, digest)
        archive.writestr("README.txt", readme(sets, built_at))
        archive.writestr("LICENCE.txt", licence())
        archive.writestr(
            "datapackage.json",
            json.dumps(data_package(sets, built_at), ensure_ascii=False, indent=1),
        )
    return digest.hexdigest()


def refresh():
    """The scheduled job: make a new archive if the data changed; 1 if one was made."""
    sets = datasets()
    latest = DataArchive.objects.newest()
    mark = fingerprint(sets)
    if latest is not None and latest.fingerprint == mark:
        return 0
    built_at = timezone.now()
    with tempfile.TemporaryFile() as file:
        digest = write_archive(file, sets, built_at)
        if latest is not None and latest.digest == digest:
            DataArchive.objects.filter(pk=latest.pk).update(fingerprint=mark)
            return 0
        size = file.tell()
        file.seek(0)
        name = default_storage.save(
            f"open-data/rabat-process-open-data-{built_at:%Y%m%d-%H%M%S}.zip", File(file)
        )
    with transaction.atomic():
        DataArchive.objects.create(
            file=name, size=size, built_at=built_at, digest=digest, fingerprint=mark
        )
        for former in DataArchive.objects.exclude(file=name):
            former.delete()
            transaction.on_commit(lambda old=former.file.name: default_storage.delete(old))
    return 1
