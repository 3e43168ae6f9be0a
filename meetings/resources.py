"""The columns of the meetings sheet the admin imports and exports. A meeting is found
again by its slug, so importing a sheet twice updates instead of duplicating. Other sheets
may name a meeting by its date and city instead (:class:`MeetingWidget`)."""

import datetime
import re

from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields

from core.admin.exchange.resources import StampedImportResource
from core.admin.exchange.widgets import (
    DayWidget,
    RecordsWidget,
    RecordWidget,
    folded,
    label_text,
)
from core.models import localized_fields
from governance.models import Partner
from meetings.models import Meeting, MeetingRole
from meetings.views import CHAIRS

# A date in a cell such as "2025-03-04 Rabat" or "Rabat, 04/03/2025".
DAY_IN_TEXT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")


class MeetingWidget(RecordWidget):
    """A meeting by its slug, or by a day it was held and its city ("2025-03-04 Rabat");
    when the day and city match no meeting or several, the error names those of the day."""

    def __init__(self):
        super().__init__(Meeting, "slug")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.date):
            return self.held_on(DayWidget().clean(value), "", value)
        text = label_text(value)
        if not text:
            return None
        meeting = Meeting.objects.filter(slug=text).first()
        if meeting is not None:
            return meeting
        day = DAY_IN_TEXT.search(text)
        if day is None:
            raise ValueError(
                _(
                    "No meeting has the slug “%(value)s”. Name a meeting by its slug, or by "
                    "its date and city as in “2025-03-04 Rabat”."
                )
                % {"value": text}
            )
        city = (text[: day.start()] + " " + text[day.end() :]).strip(" ,;–-")
        return self.held_on(DayWidget().clean(day.group()), city, text)

    def held_on(self, day, city, text):
        that_day = list(
            Meeting.objects.filter(Q(start=day) | Q(start__lt=day, end__gte=day)).order_by(
                "start", "slug"
            )
        )
        matching = [meeting for meeting in that_day if not city or in_city(meeting, city)]
        if len(matching) == 1:
            return matching[0]
        if len(matching) > 1:
            raise ValueError(
                _("Several meetings match “%(value)s”: %(meetings)s. Give the slug of one.")
                % {"value": text, "meetings": described(matching)}
            )
        if not that_day:
            raise ValueError(_("No meeting was held on %(day)s.") % {"day": day.isoformat()})
        raise ValueError(
            _("No meeting in %(city)s on %(day)s. Meetings that day: %(meetings)s.")
            % {"city": city, "day": day.isoformat(), "meetings": described(that_day)}
        )


def in_city(meeting, city):
    return folded(city) in {folded(getattr(meeting, name)) for name in localized_fields("city")}


def described(meetings):
    return "; ".join(f"{meeting.slug} ({meeting.title}, {meeting.place})" for meeting in meetings)


class MeetingResource(StampedImportResource):
    host_country = fields.Field(
        attribute="host_country", column_name="host_country", widget=RecordWidget(Partner, "slug")
    )
    co_chairs = fields.Field(column_name="co_chairs", widget=RecordsWidget(Partner))

    import_example = {
        "slug": "thematic-meeting-on-legal-migration-2026",
        "title_en": "Thematic meeting on legal migration",
        "title_fr": "Réunion thématique sur la migration légale",
        "kind": "thematic_meeting",
        "status": "planned",
        "start": "2026-11-20",
        "date_precision": "day",
        "end": "2026-11-21",
        "tentative": "no",
        "city_en": "Dakar",
        "city_fr": "Dakar",
        "host_country": "senegal",
        "online": "no",
        "co_chairs": "senegal; spain",
        "participants_count": "60",
        "published": "no",
    }

    class Meta:
        model = Meeting
        fields = [
            "slug",
            *localized_fields("title"),
            "kind",
            "status",
            "start",
            "date_precision",
            "end",
            "tentative",
            *localized_fields("date_note", "city"),
            "host_country",
            "online",
            "co_chairs",
            "participants_count",
            "published",
        ]
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        # The list's own prefetching is for its columns, not the sheet's.
        return (
            queryset.select_related("host_country").prefetch_related(None).prefetch_related(CHAIRS)
        )

    def dehydrate_co_chairs(self, meeting):
        return "; ".join(role.partner.slug for role in meeting.chairs.all())

    def after_save_instance(self, meeting, row, **kwargs):
        """The co-chairs become those the row names, in its order; a sheet without the
        column leaves them as they are."""
        super().after_save_instance(meeting, row, **kwargs)
        if "co_chairs" not in row:
            return
        partners = self.fields["co_chairs"].clean(row)
        user = kwargs.get("user")
        meeting.chairs.exclude(partner__in=partners).delete()
        for order, partner in enumerate(partners):
            MeetingRole.objects.update_or_create(
                meeting=meeting,
                partner=partner,
                defaults={"order": order, "updated_by": user},
                create_defaults={
                    "order": order,
                    "role": MeetingRole.Role.CO_CHAIR,
                    "created_by": user,
                    "updated_by": user,
                },
            )
