"""The text of a PDF, DOCX or ODT file, for search: read once in the background, never in
a request. A file that cannot be read gives no text (and a line in the log), never an
error to whoever uploaded it."""

import logging
import re
import zipfile
from io import BytesIO
from pathlib import PurePath
from xml.etree import ElementTree

import pypdf

logger = logging.getLogger(__name__)

# About a hundred pages: the rest of a longer text is not searched (PostgreSQL indexes at
# most 1 MB of words a document, and a search needs no more).
MAX_CHARACTERS = 200_000
MAX_PDF_PAGES = 500
# The largest part of a word-processing file read (they are zip archives: a small file
# could unpack to gigabytes). Its XML declares no entities that expat would expand:
# Python's expat (2.4 and later) refuses entity expansion attacks.
MAX_XML_BYTES = 50 * 1024 * 1024
SPACES = re.compile(r"\s+")
# The XML of a word-processing file: its paragraphs, whose text is searched.
WORD_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
ODF_PARAGRAPHS = (
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}h",
)


def text_of(content, name):
    """The text of the file ``name`` whose bytes are ``content``: one line, spaces
    collapsed, at most ``MAX_CHARACTERS``; "" for other kinds of file or unreadable ones."""
    reader = READERS.get(PurePath(name).suffix.lower())
    if reader is None:
        return ""
    try:
        text = reader(content)
    except Exception:
        logger.warning("The text of %s could not be read.", name, exc_info=True)
        return ""
    return SPACES.sub(" ", text.replace("\x00", " ")).strip()[:MAX_CHARACTERS]


def _pdf(content):
    pages = pypdf.PdfReader(BytesIO(content)).pages[:MAX_PDF_PAGES]
    return " ".join(page.extract_text() or "" for page in pages)


def _xml_paragraphs(content, member, paragraphs):
    with zipfile.ZipFile(BytesIO(content)) as archive:
        if archive.getinfo(member).file_size > MAX_XML_BYTES:
            raise ValueError(f"{member} is larger than {MAX_XML_BYTES} bytes unpacked")
        root = ElementTree.fromstring(archive.read(member))
    return " ".join(
        "".join(element.itertext()) for element in root.iter() if element.tag in paragraphs
    )


def _docx(content):
    return _xml_paragraphs(content, "word/document.xml", (WORD_PARAGRAPH,))


def _odt(content):
    return _xml_paragraphs(content, "content.xml", ODF_PARAGRAPHS)


READERS = {".pdf": _pdf, ".docx": _docx, ".odt": _odt}
