"""What evidence may be: web addresses, and files of a few document and image types checked
by their content; and how long a country's texts may be."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

NARRATIVE_MAX_LENGTH = 10_000
EVIDENCE_LINKS_MAX_LENGTH = 2_000

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


def evidence_links(text):
    """The lines of an evidence field, without blank ones."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_evidence_links(text):
    """One web address (http or https) per line."""
    is_web_address = URLValidator(schemes=["http", "https"])
    wrong = []
    for line in evidence_links(text):
        try:
            is_web_address(line)
        except ValidationError:
            wrong.append(line)
    if wrong:
        raise ValidationError(
            _(
                "Write one web address per line, starting with https:// or http://. "
                "Not a web address: %(lines)s"
            ),
            code="not_a_web_address",
            params={"lines": "; ".join(wrong)},
        )
