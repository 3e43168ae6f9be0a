"""The LOGGING setting, and the helpers it refers to."""

import logging
import re

from django.conf import settings
from django.db import DatabaseError
from django.utils.log import AdminEmailHandler

# Line breaks and other control characters, which would let a request write lines of its own.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escaped(text):
    """The text on one line: each control character written as ``\\xNN`` (or ``\\uNNNN``)."""
    return CONTROL_CHARACTERS.sub(
        lambda match: match.group().encode("unicode_escape").decode("ascii"), text
    )


class RequestFormatter(logging.Formatter):
    """Adds ``request_path`` ("GET /en/meetings/", or "-") for the format string, and
    keeps each event on one line (a traceback follows it): what comes from the request,
    in the path or the message, cannot forge a line.

    Django attaches the request to the records of ``django.request`` and
    ``django.security``; other records have none.
    """

    def format(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        method = getattr(request, "method", None)
        record.request_path = escaped(f"{method} {path}") if path else "-"
        return super().format(record)

    def formatMessage(self, record):
        return escaped(super().formatMessage(record))


class QueuedAdminEmailHandler(AdminEmailHandler):
    """Django's report of a server error to the ADMINS, through the background worker like
    every other e-mail. When the database itself is what failed, the report cannot be
    queued: it is then sent at once, as Django does, so that the error is still heard of."""

    def send_mail(self, subject, message, *args, **kwargs):
        from core.mail import queue_email
        from core.models import OutgoingEmail

        try:
            for _name, address in settings.ADMINS:
                queue_email(
                    to=address,
                    subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                    body=message,
                    purpose=OutgoingEmail.Purpose.ERROR_REPORT,
                )
        except DatabaseError:
            super().send_mail(subject, message, *args, **kwargs)


def logging_config(*, log_file, level, mail_admins):
    """The LOGGING setting: one readable line per event on the console (stderr), where the
    service manager or the container runtime collects it; a file too if ``log_file`` is
    set, and an e-mail to the ADMINS for each server error if ``mail_admins``."""
    handlers = ["console", *(["file"] if log_file else [])]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "readable": {
                "()": "core.logs.RequestFormatter",
                "format": "{asctime} {levelname} {name} [{request_path}] {message}",
                "style": "{",
            },
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            },
        },
        "filters": {
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "readable",
            },
            **(
                {
                    "file": {
                        "class": "logging.handlers.WatchedFileHandler",
                        "filename": log_file,
                        "formatter": "readable",
                    }
                }
                if log_file
                else {}
            ),
            "mail_admins": {
                "class": "core.logs.QueuedAdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "django.server",
            },
        },
        "root": {"handlers": handlers, "level": "WARNING"},
        "loggers": {
            # Django's records go up to the root handlers; server errors also by e-mail.
            "django": {"handlers": [], "level": "WARNING", "propagate": True},
            "django.request": {
                "handlers": ["mail_admins"] if mail_admins else [],
                "level": "ERROR",
                "propagate": True,
            },
            "django.security": {"handlers": [], "level": "WARNING", "propagate": True},
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
            "axes": {"handlers": [], "level": "WARNING", "propagate": True},
            **{
                app: {"handlers": [], "level": level, "propagate": True}
                for app in ("core", "governance", "meetings", "recommendations", "rabatprocess")
            },
        },
    }
