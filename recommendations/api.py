"""The API's recommendations, and the figures of their follow-up that the secretariat has
validated."""

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets

from core.api import LanguageMixin, PageLinkField, PublicViewSet
from governance.models import Action
from recommendations.filters import RecommendationFilterSet
from recommendations.models import ImplementationReport, Recommendation


class RecommendationSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    addressees = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    page = PageLinkField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "meeting",
            "kind",
            "number",
            "paragraph",
            "text",
            "addressees",
            "addressee_note",
            "domains",
            "objectives",
            "actions",
            "page",
        ]


class RecommendationViewSet(PublicViewSet):
    """Published recommendations and conclusions, newest meeting first, with the filters of
    the recommendations list."""

    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilterSet
    queryset = (
        Recommendation.objects.published()
        .select_related("meeting")
        .prefetch_related("addressees", "domains", "objectives", "actions")
        .order_by("-meeting__start", "meeting__pk", "kind", "sort_order", "number", "pk")
    )


# The largest key a database stores (BigAutoField): a larger number is a wrong filter, not a
# query that the database refuses.
LARGEST_KEY = 2**63 - 1


class ImplementationFigureFilterSet(django_filters.FilterSet):
    recommendation = django_filters.NumberFilter(
        label=_("Recommendation"), min_value=1, max_value=LARGEST_KEY, decimal_places=0
    )
    action = django_filters.ModelChoiceFilter(label=_("Action"), queryset=Action.objects.all())


class ImplementationFigureSerializer(serializers.Serializer):
    recommendation = serializers.IntegerField(
        allow_null=True, help_text=_("The recommendation reported on, or null for an action.")
    )
    action = serializers.IntegerField(
        allow_null=True, help_text=_("The action reported on, or null for a recommendation.")
    )
    status = serializers.ChoiceField(choices=ImplementationReport.Status.choices)
    reports = serializers.IntegerField(
        help_text=_("How many partners' validated reports give this status, in all rounds.")
    )


class ImplementationFigureViewSet(LanguageMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """How many validated reports give each implementation status, for each action and each
    published recommendation: the figures the public pages show. Drafts, reports awaiting
    validation and what each country wrote stay in the private area."""

    serializer_class = ImplementationFigureSerializer
    filterset_class = ImplementationFigureFilterSet
    queryset = (
        ImplementationReport.objects.validated()
        .about_public_subjects()
        .order_by()
        .values("recommendation", "action", "status")
        .annotate(reports=Count("pk"))
        .order_by("recommendation", "action", "status")
    )
