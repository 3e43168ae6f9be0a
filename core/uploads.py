"""Checking uploaded files: allowed types recognised by their content, and a size limit."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

PDF, PNG, JPEG = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
OPEN_DOCUMENT = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}
# White space a tool may write around the type name of an OpenDocument file.
MIMETYPE_SLACK = 16


def _zip_holds(file, check):
    try:
        with zipfile.ZipFile(file) as archive:
            return check(archive)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False


def _names_type(archive, expected):
    """Whether the archive's ``mimetype`` member says ``expected``. A member declared
    larger than any type name is refused unread, and no more than a type name's length
    (and a little white space) is ever read, whatever the member expands to."""
    info = archive.getinfo("mimetype")
    limit = len(expected) + MIMETYPE_SLACK
    if info.file_size > limit or info.compress_size > limit:
        return False
    with archive.open(info) as member:
        return member.read(limit + 1).strip() == expected


def content_matches(file, extension):
    """Whether the first bytes (and, for office files, the archive) fit the extension."""
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
        matches = _zip_holds(file, lambda archive: _names_type(archive, OPEN_DOCUMENT[extension]))
    file.seek(0)
    return matches


def check_upload(file, *, extensions, max_bytes, type_message):
    """Refuse a new upload that is too large, of another type, or not what its name says."""
    if not file or getattr(file, "_committed", False):
        return  # nothing new: a stored file was checked when it was uploaded
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; it may not be larger than %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    extension = PurePath(file.name).suffix.lower()
    if extension not in extensions:
        raise ValidationError(type_message, code="file_type")
    file.open("rb")
    file.seek(0)
    if not content_matches(file, extension):
        raise ValidationError(
            _("The content of the file is not a %(extension)s file."),
            code="file_content",
            params={"extension": extension.lstrip(".").upper()},
        )


def clean_file_name(name):
    """A file name reduced to safe characters, keeping its extension in lower case."""
    path = PurePath(name)
    stem = get_valid_filename(path.stem)[:80] or "file"
    return f"{stem}{path.suffix.lower()}"
