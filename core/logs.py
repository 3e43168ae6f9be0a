"""Logging helpers that the LOGGING setting refers to."""

import logging


class RequestFormatter(logging.Formatter):
    """Adds ``request_path`` ("GET /en/meetings/", or "-") for the format string.

    Django attaches the request to the records of ``django.request`` and
    ``django.security``; other records have none.
    """

    def format(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        method = getattr(request, "method", None)
        record.request_path = f"{method} {path}" if path else "-"
        return super().format(record)
