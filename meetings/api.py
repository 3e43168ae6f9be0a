"""The API's meetings: published meetings with their chairs, plan references and public
documents, filtered as the meetings list is."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import LANGUAGE_CODES, PageLinkField, PublicViewSet
from meetings.filters import LibraryFilterSet, MeetingFilterSet
from meetings.models import Document, Meeting, MeetingRole
from meetings.views import CHAIRS, PUBLIC_DOCUMENTS


class ChairSerializer(serializers.ModelSerializer):
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = MeetingRole
        fields = ["partner", "partner_name", "role"]


@extend_schema_field(
    {
        "type": "object",
        "description": "The document's file or link in each language it exists in.",
        "additionalProperties": {"type": "string", "format": "uri"},
    }
)
class DocumentVersionsField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, document):
        request = self.context["request"]
        versions = {}
        for code in LANGUAGE_CODES:
            if getattr(document, f"file_{code}"):
                address = reverse("meetings:document-file", args=[document.pk, code])
                versions[code] = request.build_absolute_uri(address)
            elif link := getattr(document, f"url_{code}"):
                versions[code] = link
        return versions


class DocumentSerializer(serializers.ModelSerializer):
    versions = DocumentVersionsField()

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "original_language", "versions"]


class MeetingSerializer(serializers.ModelSerializer):
    host_country = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    chairs = ChairSerializer(many=True, read_only=True)
    participants = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    frameworks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    objectives = serializers.PrimaryKeyRelatedField(
        source="plan_objectives", many=True, read_only=True
    )
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    meeting_objectives = serializers.CharField(source="objectives", read_only=True)
    dates = serializers.CharField(
        source="dates_display", read_only=True, help_text="The dates as a reader would write them."
    )
    page = PageLinkField()

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "start",
            "end",
            "date_precision",
            "tentative",
            "dates",
            "city",
            "host_country",
            "online",
            "chairs",
            "co_chairs_to_be_determined",
            "participants_count",
            "participation_note",
            "participants",
            "meeting_objectives",
            "outcomes",
            "frameworks",
            "domains",
            "objectives",
            "actions",
            "documents",
            "page",
        ]


class MeetingViewSet(PublicViewSet):
    """Published meetings, newest first, with the filters of the meetings list."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    lookup_field = "slug"
    queryset = (
        Meeting.objects.published()
        .select_related("host_country")
        .prefetch_related(
            CHAIRS,
            "participants",
            "frameworks",
            "domains",
            "plan_objectives",
            "actions",
            PUBLIC_DOCUMENTS,
        )
        .order_by(F("start").desc(nulls_last=True), "title", "pk")
    )


class PublicationSerializer(DocumentSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    date = serializers.DateField(read_only=True, allow_null=True)
    domains = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    page = PageLinkField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "meeting", "date", "domains", "partners", "page"]


class PublicationViewSet(PublicViewSet):
    """The library: public documents and publications, newest first, with the filters of
    its page."""

    serializer_class = PublicationSerializer
    filterset_class = LibraryFilterSet
    queryset = (
        Document.objects.public()
        .published()
        .select_related("meeting")
        .prefetch_related("domains", "partners")
        .order_by(Coalesce("published_on", "meeting__start").desc(nulls_last=True), "title", "pk")
    )
