"""Loading the meetings of the reference data, with the same rule as governance.reference."""

from governance.models import Action, Domain, Objective
from governance.reference import (
    load_governance,
    parse_date,
    record_version,
    sources_text,
    upsert,
)
from meetings.models import Meeting, MeetingRole


def load_meetings(records, partners, plan, report):
    for record in records:
        host = partners[record["host"]] if record.get("host") else None
        before = state(Meeting.objects.filter(slug=record["slug"]).first())
        meeting, may_update = upsert(
            Meeting,
            {"slug": record["slug"]},
            {
                "title_en": record["title_en"],
                "title_fr": record.get("title_fr", ""),
                "kind": record["kind"],
                "status": record["status"],
                "start": parse_date(record.get("start")),
                "date_precision": record["date_precision"],
                "end": parse_date(record.get("end")),
                "tentative": record.get("tentative", False),
                "date_note_en": record.get("date_note_en", ""),
                "date_note_fr": record.get("date_note_fr", ""),
                "city_en": record.get("city_en", ""),
                "city_fr": record.get("city_fr", ""),
                "host_country": host,
                "online": record.get("online", False),
                "participants_count": record.get("participants_count"),
                "participation_note_en": record.get("participation_note_en", ""),
                "co_chairs_to_be_determined": record.get("co_chairs_to_be_determined", False),
                "published": record.get("published", True),
                "sources": sources_text(record),
                "source_note": record.get("source_note", ""),
            },
            report,
            hold_version=True,
        )
        if may_update:
            load_chairs(meeting, record["chairs"], partners, report)
            load_links(meeting, record, partners, plan)
        # One version of the meeting once its chairs and links are set, and only if
        # anything changed: restoring it restores them all.
        if before is None:
            record_version(meeting, "+")
        else:
            record_version(meeting, "~" if state(meeting) != before else None)


def state(meeting):
    """What a version of a meeting keeps: its fields and links, and its chairs."""
    if meeting is None:
        return None
    fields = {
        field.attname: getattr(meeting, field.attname) for field in meeting._meta.concrete_fields
    }
    links = {
        field.name: set(getattr(meeting, field.name).values_list("pk", flat=True))
        for field in meeting._meta.many_to_many
    }
    chairs = set(meeting.chairs.values_list("partner", "role", "order"))
    return fields, links, chairs


def load_chairs(meeting, chairs, partners, report):
    for order, chair in enumerate(chairs):
        lookup = {"meeting": meeting, "partner": partners[chair["partner"]]}
        upsert(MeetingRole, lookup, {"role": chair["role"], "order": order}, report)


def load_links(meeting, record, partners, plan):
    """Add the plan references and participants the file gives; never remove any."""
    refs = record["refs"]
    meeting.frameworks.add(*(plan.framework(slug) for slug in refs["frameworks"]))
    meeting.domains.add(*(plan.level(Domain, *ref) for ref in refs["domains"]))
    meeting.plan_objectives.add(*(plan.level(Objective, *ref) for ref in refs["objectives"]))
    meeting.actions.add(*(plan.level(Action, *ref) for ref in refs["actions"]))
    meeting.participants.add(*(partners[key] for key in record.get("participants", [])))


def load_reference_data(data, report):
    partners, plan = load_governance(data, report)
    load_meetings(data["meetings"], partners, plan, report)
