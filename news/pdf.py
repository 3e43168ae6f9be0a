"""HTML to PDF with WeasyPrint, fetching nothing but the platform's own files.

WeasyPrint loads Pango when it is imported: this module is imported only where PDFs are
made (the worker and the scheduled jobs), so that a web server without Pango still runs.
"""

import mimetypes
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# How a printed page names an uploaded file (a post's image): <img src="storage:news/…">.
STORAGE_SCHEME = "storage:"


class StorageFetcher(URLFetcher):
    """Resources from the platform's storage only: a page never reaches the network."""

    def fetch(self, url, headers=None):
        if not url.startswith(STORAGE_SCHEME):
            raise ValueError(f"Only the platform's own files are printed, not {url}")
        name = unquote(url.removeprefix(STORAGE_SCHEME))
        with default_storage.open(name) as file:
            body = file.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def write_pdf(html, *, stylesheet):
    """The PDF of ``html`` laid out with the static file ``stylesheet``, as bytes."""
    return HTML(string=html, url_fetcher=StorageFetcher()).write_pdf(
        stylesheets=[CSS(filename=finders.find(stylesheet))]
    )
