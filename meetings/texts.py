"""The text of documents' files, read in the background for search (``core.extract``):
once per file and language, again only when the file changes. Public documents' text is
searched by everyone; a restricted document's text is stored beside its file and searched
only where its file may be read (``DocumentQuerySet.public()`` for visitors)."""

import logging

from django.conf import settings
from django.db.models import F, Q
from django_tasks import task

from core.extract import text_of
from meetings.models import Document

logger = logging.getLogger(__name__)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def stale():
    """Documents with a file whose text has not been read from it."""
    changed = Q()
    for code in LANGUAGES:
        changed |= ~Q(**{f"text_source_{code}": F(f"file_{code}")})
    return Document.objects.filter(changed)


def read_texts(document):
    """Read the text of each of ``document``'s files that changed; how many were read."""
    read = 0
    for code in LANGUAGES:
        file = getattr(document, f"file_{code}")
        if (file.name or "") == getattr(document, f"text_source_{code}"):
            continue
        text = ""
        if file:
            try:
                with file.open("rb") as opened:
                    text = text_of(opened.read(), file.name)
            except OSError:
                logger.warning("The file %s of %s could not be opened.", file.name, document)
        # Written aside from the document's own saving: no new version of it in its history.
        Document.objects.filter(pk=document.pk).update(
            **{f"text_{code}": text, f"text_source_{code}": file.name or ""}
        )
        read += 1
    return read


def read_stale():
    """The scheduled job: every document whose files changed; how many texts were read."""
    return sum(read_texts(document) for document in stale().order_by("pk").iterator())


@task()
def read_meeting_texts(meeting_id: int) -> int:
    """The task queued when the secretariat saves a meeting and its documents."""
    return sum(read_texts(document) for document in stale().filter(meeting_id=meeting_id))


@task()
def read_document_texts(document_id: int) -> int:
    """The task queued when the secretariat saves a document or publication."""
    document = stale().filter(pk=document_id).first()
    return read_texts(document) if document is not None else 0
