"""Fixtures of the reporting tests: a round, and focal points of two countries."""

import pytest

from tests.factories import FocalPointFactory
from tests.recommendations.reporting.helpers import (
    make_round,
)


@pytest.fixture
def reporting_round():
    return make_round()


@pytest.fixture
def mine():
    """The national focal point of the country under test."""
    return FocalPointFactory()


@pytest.fixture
def contributor(mine):
    return FocalPointFactory(partner=mine.partner, role="contributor", named_by=mine)


@pytest.fixture
def other():
    """The focal point of another country, who must never see the first one's drafts."""
    return FocalPointFactory()
