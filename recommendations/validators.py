"""What an evidence file may be: a few document and image types, checked by their content."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

EVIDENCE_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".png", ".jpg", ".jpeg")


def evidence_max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


def validate_evidence_file(file):
    """A PDF, Word, Excel, OpenDocument, PNG or JPEG file no larger than EVIDENCE_MAX_BYTES,
    whose content is what its name says."""
    check_upload(
        file,
        extensions=EVIDENCE_EXTENSIONS,
        max_bytes=evidence_max_bytes(),
        type_message=_(
            "Evidence files must be PDF, Word (.docx), Excel (.xlsx), "
            "OpenDocument (.odt, .ods), PNG or JPEG files."
        ),
    )
