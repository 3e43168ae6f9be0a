"""The API's projects: the published inventory, with the list's filters."""

from rest_framework import serializers

from core.api import PageLinkField, PublicViewSet
from projects.filters import ProjectFilterSet
from projects.models import Project
from projects.views import listed


class ProjectSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    implementers = serializers.StringRelatedField(many=True)
    funders = serializers.StringRelatedField(many=True)
    page = PageLinkField()

    class Meta:
        model = Project
        fields = [
            "identifier",
            "title",
            "summary",
            "status",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "countries",
            "implementers",
            "funders",
            "budget",
            "currency",
            "page",
        ]


class ProjectViewSet(PublicViewSet):
    """Technical-assistance projects and initiatives in partner countries, newest first."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "identifier"
    queryset = listed()
