"""Generated filter parameters never break a public list: a page or a 404, never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import MeetingRoleFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "meetings:list": [
        "q", "kind", "period", "year", "date_from", "date_to", "status", "host", "chair",
        "participant", "framework", "domain", "objective", "action", "order", "page",
    ],
    "recommendations:list": [
        "q", "meeting", "kind", "year", "addressee", "framework", "domain", "objective",
        "action", "page",
    ],
    "governance:partner-list": ["q", "region", "kind", "status"],
    "governance:steering-committee": ["date"],
}  # fmt: skip

values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(["", "0", "-1", "2024", "upcoming", "past", "held", "-date", "%00", "∞"]),
)


@pytest.fixture
def some_data():
    MeetingRoleFactory()
    RecommendationFactory()


@pytest.mark.parametrize("name", LISTS)
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_filters_never_fail(client, some_data, name, data):
    params = data.draw(
        st.dictionaries(st.sampled_from(LISTS[name]), st.lists(values, max_size=3), max_size=5)
    )
    language = data.draw(st.sampled_from(["en", "fr"]))
    with translation.override(language):
        response = client.get(reverse(name), params)
    assert response.status_code in {200, 404}
    if response.status_code == 404:
        assert "page" in params
