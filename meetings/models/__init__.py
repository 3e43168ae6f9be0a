from meetings.models.documents import Document, DocumentQuerySet
from meetings.models.meetings import Meeting, MeetingQuerySet, MeetingRole, compress_numbers

__all__ = [
    "Document",
    "DocumentQuerySet",
    "Meeting",
    "MeetingQuerySet",
    "MeetingRole",
    "compress_numbers",
]
