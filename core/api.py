"""What every endpoint of the public API shares.

The API is read-only and anonymous: it shows what the public pages show, no more. Texts
come in one language per request, chosen with ``?lang=`` or the ``Accept-Language``
header (English by default); ``Content-Language`` says which one was used.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
)
from rest_framework import pagination, serializers, viewsets
from rest_framework.exceptions import ValidationError

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=LANGUAGE_CODES,
    description=(
        "Language of the texts (titles, names, mottos…). Without it, the Accept-Language "
        "header decides, and English when it names no language of the platform."
    ),
)


class PublicSchema(AutoSchema):
    """Documents the language parameter and the answers every operation may give."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANGUAGE_PARAMETER]

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not isinstance(responses, dict):
            responses = {200: responses}
        responses.setdefault(
            400, OpenApiResponse(ErrorSerializer, description=_("A filter or parameter is wrong."))
        )
        responses.setdefault(
            404,
            OpenApiResponse(ErrorSerializer, description=_("No such record, or no such page.")),
        )
        return responses


class ErrorSerializer(serializers.Serializer):
    """The body of an error answer: the reason, or the wrong fields with their messages."""

    detail = serializers.CharField(required=False)


def not_found(request, path=""):
    """Any other address under /api/: the JSON answer clients expect, not an HTML page."""
    return JsonResponse({"detail": str(_("Not found."))}, status=404)


class PublicPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class LanguageMixin:
    """Answers in the language the client asked for with ``?lang=``, a page at a time."""

    pagination_class = PublicPagination

    def initial(self, request, *args, **kwargs):
        language = request.query_params.get("lang")
        if language is not None:
            if language not in LANGUAGE_CODES:
                raise ValidationError({"lang": _("Choose one of: %s.") % ", ".join(LANGUAGE_CODES)})
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageLinkField(serializers.Field):
    """The address of the record's page on the public site, in the language of the answer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("The record's page on the public site."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return self.context["request"].build_absolute_uri(record.get_absolute_url())


class PublicViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only collection of records, in the language the client asked for."""
