"""The Rabat Review: building an edition from its period."""

from django.db import transaction
from django.db.models import Max

from news.models import EditionMeeting, EditionPost


@transaction.atomic
def fill_from_period(edition):
    """Add to ``edition``, after what it holds, the published news posts and meetings of its
    period that it does not hold yet, in the order of their dates; how many were added."""
    added = 0
    for items, proposed, row, field in (
        (edition.post_items, edition.proposed_posts(), EditionPost, "post"),
        (edition.meeting_items, edition.proposed_meetings(), EditionMeeting, "meeting"),
    ):
        last = items.aggregate(last=Max("order"))["last"] or 0
        for offset, record in enumerate(proposed, start=1):
            row.objects.create(edition=edition, order=last + offset, **{field: record})
            added += 1
    return added
