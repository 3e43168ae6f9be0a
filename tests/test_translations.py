"""The French interface is complete, and switching language switches it."""

import re
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from meetings.models import Meeting


def catalog(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_interface_string_has_a_french_translation():
    untranslated = [
        message.id
        for message in catalog("fr")
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert untranslated == []


def test_compiled_catalog_is_used():
    with translation.override("fr"):
        assert (
            str(Meeting.Kind.SENIOR_OFFICIALS_MEETING.label) == "réunion des hauts fonctionnaires"
        )
        assert str(Meeting.Status.PLANNED.label) == "prévue"


def french_texts():
    for message in catalog("fr"):
        if message.id:
            yield from (message.string if isinstance(message.string, tuple) else [message.string])


def test_french_typography():
    """One apostrophe (’), a non-breaking space before : ; ? ! and inside « »."""
    for text in french_texts():
        assert not re.search(r"[^\W\d_]'[^\W\d_]", text), text
        assert not re.search(r"[^\u00a0\u202f/\d%]([;?!])(\s|$)", text), text
        assert not re.search(r" [:;?!»]", text), text
        assert not re.search(r"«[^\u00a0\u202f]", text), text
