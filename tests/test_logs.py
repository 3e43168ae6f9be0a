"""Log lines: what a request sends cannot forge a line of its own."""

import logging
import sys

import pytest
from django.conf import settings

from core.logs import RequestFormatter

pytestmark = pytest.mark.django_db

FORGED = "2026-05-04 10:12:03,481 ERROR django.security [GET /en/] Forged"


def formatted(record):
    return RequestFormatter(settings.LOGGING["formatters"]["readable"]["format"], style="{").format(
        record
    )


def test_a_line_break_in_the_path_is_written_escaped(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/en/no-such-page/%0a" + FORGED.replace(" ", "%20"))
    assert response.status_code == 404
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    line = formatted(record)
    assert "\n" not in line
    assert "[GET /en/no-such-page/\\n2026-05-04" in line


def test_a_line_break_in_a_message_is_written_escaped():
    record = logging.makeLogRecord(
        {
            "name": "governance",
            "levelname": "INFO",
            "msg": "Invited %s",
            "args": ("a\r\n" + FORGED,),
        }
    )
    line = formatted(record)
    assert "\n" not in line and "\r" not in line
    assert line.endswith("Invited a\\r\\n" + FORGED)


def test_a_traceback_still_follows_on_its_own_lines():
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        record = logging.makeLogRecord(
            {"name": "meetings", "levelname": "ERROR", "msg": "Failed", "exc_info": sys.exc_info()}
        )
    first, *traceback = formatted(record).splitlines()
    assert first.endswith("Failed")
    assert traceback[-1] == "RuntimeError: broken"
