"""The columns of the meetings sheet the admin imports and exports. A meeting is found
again by its slug, so importing a sheet twice updates instead of duplicating."""

from import_export import fields

from core.admin.exchange import RecordsWidget, RecordWidget, StampedImportResource
from core.models import localized_fields
from governance.models import Partner
from meetings.models import Meeting, MeetingRole
from meetings.views import CHAIRS


class MeetingResource(StampedImportResource):
    host_country = fields.Field(
        attribute="host_country", column_name="host_country", widget=RecordWidget(Partner, "slug")
    )
    co_chairs = fields.Field(column_name="co_chairs", widget=RecordsWidget(Partner))

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
