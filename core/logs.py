"""The LOGGING setting, and the helpers it refers to."""

import logging
import re

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
                "class": "django.utils.log.AdminEmailHandler",
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
