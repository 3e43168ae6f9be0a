"""The models of the app: recommendations here, those of reporting and of the forums in
their own packages."""

from recommendations.forums.models import Forum, Post, Thread
from recommendations.models.recommendations import Recommendation
from recommendations.reporting.models import ImplementationReport, ReportingRound, RoundNotice

__all__ = [
    "Forum",
    "ImplementationReport",
    "Post",
    "Recommendation",
    "ReportingRound",
    "RoundNotice",
    "Thread",
]
