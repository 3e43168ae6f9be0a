from recommendations.models.forums import Forum, Post, Thread
from recommendations.models.recommendations import Recommendation
from recommendations.models.reporting import ImplementationReport, ReportingRound

__all__ = [
    "Forum",
    "ImplementationReport",
    "Post",
    "Recommendation",
    "ReportingRound",
    "Thread",
]
