"""The Rabat Review as a publication: a PDF per language, generated from the same content
as the edition's web page (its editorial, the published posts and meetings it lists).

PDFs are made in the background, never in a request: when the secretariat saves an
edition (a task for the worker) and by the scheduled jobs, which catch what changed
elsewhere (a post's text, a meeting's dates, the stylesheet). A PDF is made again only
when the HTML it comes from has changed, so running either twice does the work once. An
edition that carries an uploaded PDF in a language gets none generated in it.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from modeltranslation.utils import build_localized_fieldname

from news.models import Edition, EditionPdf

logger = logging.getLogger(__name__)

STYLESHEET = "css/rabat-review-print.css"


def edition_html(edition, language):
    """The printed edition in ``language``, as HTML; ``edition`` from
    ``Edition.objects.with_public_items()``."""
    with translation.override(language):
        return render_to_string(
            "news/edition_print.html",
            {
                "edition": edition,
                "posts": [item.post for item in edition.post_items.all()],
                "meetings": [item.meeting for item in edition.meeting_items.all()],
                "site_url": settings.SITE_URL,
            },
        )


def source_hash(html):
    """What a PDF is made from: its HTML and the stylesheet that lays it out."""
    digest = hashlib.sha256(html.encode())
    with open(finders.find(STYLESHEET), "rb") as stylesheet:
        digest.update(stylesheet.read())
    return digest.hexdigest()


def refresh(edition):
    """Make the PDFs of ``edition`` that are missing or out of date; how many were made.
    ``edition`` from ``with_public_items()``, with ``generated_pdfs`` prefetched."""
    # WeasyPrint loads Pango: imported here, where PDFs are made, and not by the web server.
    from news.pdf import write_pdf

    made = 0
    existing = {pdf.language: pdf for pdf in edition.generated_pdfs.all()}
    for language, _name in settings.LANGUAGES:
        if getattr(edition, build_localized_fieldname("pdf", language)):
            continue
        html = edition_html(edition, language)
        digest = source_hash(html)
        current = existing.get(language)
        if current is not None and current.source_hash == digest:
            continue
        content = write_pdf(html, stylesheet=STYLESHEET)
        replaced = current.file.name if current is not None else None
        pdf = current or EditionPdf(edition=edition, language=language)
        pdf.source_hash = digest
        pdf.generated_at = timezone.now()
        name = f"rabat-review-{edition.slug}-{language}.pdf"
        pdf.file.save(name, ContentFile(content), save=False)
        pdf.save()
        if replaced:
            transaction.on_commit(functools.partial(pdf.file.storage.delete, replaced))
        made += 1
    return made


def editions_to_print():
    return Edition.objects.published().with_public_items().prefetch_related("generated_pdfs")


def refresh_all():
    """The scheduled job: every published edition's PDFs brought up to date."""
    made = 0
    for edition in editions_to_print():
        try:
            made += refresh(edition)
        except Exception:
            logger.exception("The PDF of %s could not be made.", edition)
    return made


@task()
def print_edition(edition_id):
    """The task queued when an edition is saved: its PDFs, if it is published."""
    edition = editions_to_print().filter(pk=edition_id).first()
    return refresh(edition) if edition is not None else 0
