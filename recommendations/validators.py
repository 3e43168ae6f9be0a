"""What an evidence file may be: a few document and image types, checked by their content."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

PDF, PNG, JPEG = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
OOXML = {".docx": "word/", ".xlsx": "xl/"}
OPEN_DOCUMENT = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
EVIDENCE_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".png", ".jpg", ".jpeg")


def evidence_max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


def _zip_holds(file, check):
    try:
        with zipfile.ZipFile(file) as archive:
            return check(archive)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False


def _content_matches(file, extension):
    head = file.read(8)
    file.seek(0)
    if extension == ".pdf":
        return head.startswith(PDF)
    if extension == ".png":
        return head.startswith(PNG)
    if extension in (".jpg", ".jpeg"):
        return head.startswith(JPEG)
    if not head.startswith(b"PK\x03\x04"):
        return False
    if extension in OOXML:
        prefix = OOXML[extension]
        matches = _zip_holds(
            file,
            lambda archive: (
                "[Content_Types].xml" in (names := archive.namelist())
                and any(name.startswith(prefix) for name in names)
            ),
        )
    else:
        matches = _zip_holds(
            file, lambda archive: archive.read("mimetype").strip() == OPEN_DOCUMENT[extension]
        )
    file.seek(0)
    return matches


def validate_evidence_file(file):
    """A PDF, Word, Excel, OpenDocument, PNG or JPEG file no larger than EVIDENCE_MAX_BYTES,
    whose content is what its name says."""
    if not file or getattr(file, "_committed", False):
        return  # nothing new: a stored file was checked when it was uploaded
    limit = evidence_max_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; evidence files may not be larger than %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    extension = PurePath(file.name).suffix.lower()
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _(
                "Evidence files must be PDF, Word (.docx), Excel (.xlsx), "
                "OpenDocument (.odt, .ods), PNG or JPEG files."
            ),
            code="file_type",
        )
    file.open("rb")
    file.seek(0)
    if not _content_matches(file, extension):
        raise ValidationError(
            _("The content of the file is not a %(extension)s file."),
            code="file_content",
            params={"extension": extension.lstrip(".").upper()},
        )
