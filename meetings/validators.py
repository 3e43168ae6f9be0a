"""What a meeting document's file may be."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload, clean_file_name

DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".png",
    ".jpg",
    ".jpeg",
)
DEFAULT_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024


def validate_document_file(file):
    """An office document, PDF or image no larger than DOCUMENT_MAX_BYTES, checked by content."""
    check_upload(
        file,
        extensions=DOCUMENT_EXTENSIONS,
        max_bytes=getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES),
        type_message=_(
            "Documents must be PDF, Word, Excel, PowerPoint or OpenDocument files, "
            "or PNG or JPEG images."
        ),
    )


def document_upload_to(document, filename):
    """documents/<year>/<safe name>; the storage adds a suffix if the name is taken."""
    return f"documents/{timezone.now():%Y}/{clean_file_name(filename)}"


def validate_thumbnail(file):
    check_upload(
        file,
        extensions=(".png", ".jpg", ".jpeg"),
        max_bytes=5 * 1024 * 1024,
        type_message=_("The image must be a PNG or JPEG file."),
    )


def thumbnail_upload_to(document, filename):
    return f"thumbnails/{timezone.now():%Y}/{clean_file_name(filename)}"
