from meetings.models.documents import Document, DocumentQuerySet
from meetings.models.meetings import (
    Meeting,
    MeetingQuerySet,
    MeetingReminder,
    MeetingRole,
    compress_numbers,
)

__all__ = [
    "Document",
    "DocumentQuerySet",
    "Meeting",
    "MeetingQuerySet",
    "MeetingReminder",
    "MeetingRole",
    "compress_numbers",
]
