"""The API's governance collections: partners, presidencies, the steering committee and
the action plans with their domains, objectives and actions."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import PageLinkField, PublicViewSet
from governance.filters import CommitteeFilterSet, PartnerFilterSet
from governance.models import (
    Action,
    Domain,
    Framework,
    Objective,
    Partner,
    Presidency,
    SteeringCommitteeMembership,
)


class PartnerSerializer(serializers.ModelSerializer):
    page = PageLinkField()

    class Meta:
        model = Partner
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "iso_code",
            "region",
            "status",
            "founding_member",
            "joined",
            "left",
            "page",
        ]


class PartnerViewSet(PublicViewSet):
    """Every country and organisation of the dialogue, by name."""

    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    lookup_field = "slug"
    queryset = Partner.objects.order_by("name", "pk")


class TermSerializer(serializers.ModelSerializer):
    """What a presidency and a seat on the committee share: a partner and dates."""

    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    TERM_FIELDS = ["id", "partner", "partner_name", "start", "start_precision", "end"]


class PresidencySerializer(TermSerializer):
    page = PageLinkField()

    class Meta:
        model = Presidency
        fields = [
            *TermSerializer.TERM_FIELDS,
            "end_precision",
            "motto",
            "priorities",
            "handover_note",
            "page",
        ]


class PresidencyViewSet(PublicViewSet):
    """The rotating presidency, most recent first."""

    serializer_class = PresidencySerializer
    queryset = Presidency.objects.select_related("partner").order_by("-start", "pk")


class CommitteeSeatSerializer(TermSerializer):
    class Meta:
        model = SteeringCommitteeMembership
        fields = [*TermSerializer.TERM_FIELDS, "end_precision"]


class CommitteeSeatViewSet(PublicViewSet):
    """Seats on the steering committee over time; ``date`` gives the members on that day."""

    serializer_class = CommitteeSeatSerializer
    filterset_class = CommitteeFilterSet
    queryset = SteeringCommitteeMembership.objects.select_related("partner").order_by(
        "-start", "partner__name", "pk"
    )


class FrameworkSerializer(serializers.ModelSerializer):
    page = PageLinkField()

    class Meta:
        model = Framework
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "domain_level",
            "adopted_on",
            "first_year",
            "last_year",
            "summary",
            "stated_domains",
            "stated_objectives",
            "stated_actions",
            "page",
        ]


class FrameworkViewSet(PublicViewSet):
    """The frameworks of the dialogue, from the Rabat Action Plan to the one in force."""

    serializer_class = FrameworkSerializer
    lookup_field = "slug"
    queryset = Framework.objects.in_display_order()


class PlanLevelFilterSet(django_filters.FilterSet):
    """The levels of one framework."""

    framework = django_filters.ModelChoiceFilter(
        label=_("Framework"), to_field_name="slug", queryset=Framework.objects.all()
    )


class PlanLevelSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    label = serializers.CharField(read_only=True, help_text=_("Such as “Action 12”."))

    LEVEL_FIELDS = ["id", "framework", "number", "label", "title"]


class DomainSerializer(PlanLevelSerializer):
    class Meta:
        model = Domain
        fields = PlanLevelSerializer.LEVEL_FIELDS


class ObjectiveSerializer(PlanLevelSerializer):
    domain = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Objective
        fields = [*PlanLevelSerializer.LEVEL_FIELDS, "domain", "transversal"]


class ActionSerializer(PlanLevelSerializer):
    objective = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = [*PlanLevelSerializer.LEVEL_FIELDS, "objective"]


def plan_levels(model):
    return model.objects.select_related("framework").order_by(
        "framework__first_year", "framework__pk", "sort_order", "number", "pk"
    )


class DomainViewSet(PublicViewSet):
    """The domains of the action plans; ``framework`` keeps one plan's."""

    serializer_class = DomainSerializer
    filterset_class = PlanLevelFilterSet
    queryset = plan_levels(Domain)


class ObjectiveViewSet(PublicViewSet):
    """The objectives of the action plans; ``framework`` keeps one plan's."""

    serializer_class = ObjectiveSerializer
    filterset_class = PlanLevelFilterSet
    queryset = plan_levels(Objective)


class ActionViewSet(PublicViewSet):
    """The actions of the action plans; ``framework`` keeps one plan's."""

    serializer_class = ActionSerializer
    filterset_class = PlanLevelFilterSet
    queryset = plan_levels(Action)
