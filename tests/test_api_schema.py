"""Schemathesis sends the API what its OpenAPI schema allows, and more: no answer may be a
server error or contradict the schema."""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    DocumentFactory,
    ImplementationReportFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    PresidencyFactory,
    RecommendationFactory,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def open_connection():
    """The WSGI application closes the database connection after each request, as it
    should; in a test, that connection holds the test's transaction. Django's test client
    keeps it open the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def records(db, open_connection):
    """A little of every kind of record, for the generated requests to find."""
    action = ActionFactory()
    meeting = MeetingFactory(slug="a-meeting", end=datetime.date(2024, 5, 16))
    meeting.actions.add(action)
    MeetingRoleFactory(meeting=meeting)
    DocumentFactory(meeting=meeting)
    recommendation = RecommendationFactory(meeting=meeting)
    recommendation.actions.add(action)
    now = timezone.now()
    ImplementationReportFactory(
        action=action,
        round__framework=action.framework,
        state=ImplementationReport.State.VALIDATED,
        submitted_at=now,
        validated_at=now,
    )
    PresidencyFactory(partner=meeting.chairs.get().partner)
    MembershipFactory()


# As the site serves it: generating the schema reads no record.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("records")
def test_the_api_keeps_to_its_schema(case):
    case.call_and_validate(checks=CHECKS)
