"""Presidencies compared: two to four side by side, the latest two by default, a clear
message when the choice is not valid."""

import datetime

import pytest

from governance.models import Presidency
from tests.factories import (
    CountryFactory,
    FrameworkFactory,
    MeetingFactory,
    MeetingRoleFactory,
    RecommendationFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    FrameworkFactory(short_name="Marrakesh Action Plan", adopted_on=datetime.date(2018, 5, 2))
    portugal, nigeria, france = (
        CountryFactory(name=name) for name in ("Portugal", "Nigeria", "France")
    )
    first = Presidency.objects.create(
        partner=france, start=datetime.date(2023, 1, 1), end=datetime.date(2024, 2, 1)
    )
    second = Presidency.objects.create(
        partner=portugal, start=datetime.date(2024, 2, 1), end=datetime.date(2025, 1, 30)
    )
    third = Presidency.objects.create(partner=nigeria, start=datetime.date(2025, 1, 30))
    held = MeetingFactory(start=datetime.date(2024, 5, 15))
    MeetingFactory(start=datetime.date(2024, 9, 1), kind="senior_officials_meeting")
    MeetingFactory(start=datetime.date(2024, 10, 1), kind="related_event")
    MeetingFactory(start=datetime.date(2025, 3, 1))
    RecommendationFactory(meeting=held)
    RecommendationFactory(meeting=held, kind="conclusion")
    MeetingRoleFactory(meeting=held, partner=portugal)
    return first, second, third


def test_the_latest_two_by_default(client, terms):
    comparison = client.get(url("overview:presidencies")).context["comparison"]
    portugal, nigeria = comparison.columns
    assert (portugal["presidency"], nigeria["presidency"]) == terms[1:]
    # Related events of other processes are not the dialogue's own meetings.
    assert portugal["meetings"] == 2 and nigeria["meetings"] == 1
    assert (portugal["recommendations"], portugal["conclusions"]) == (1, 1)
    assert [chair["partner__name"] for chair in portugal["chairs"]] == ["Portugal"]
    assert portugal["framework"].short_name == "Marrakesh Action Plan"
    page = client.get(url("overview:presidencies")).content.decode()
    assert page.count("checked") == 2
    rows = comparison.meetings_chart.rows
    assert rows[0].values == {"thematic_meeting": 1, "senior_officials_meeting": 1}


def test_chosen_ones_in_their_order(client, terms):
    first, _second, third = terms
    response = client.get(
        url("overview:presidencies") + f"?presidencies={third.pk}&presidencies={first.pk}"
    )
    columns = response.context["comparison"].columns
    assert [column["presidency"] for column in columns] == [first, third]


@pytest.mark.parametrize("query", ["?presidencies=1", "?presidencies=x", "?presidencies=99999"])
def test_a_choice_that_is_not_valid_says_so(client, terms, query):
    response = client.get(url("overview:presidencies") + query)
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert 'role="alert"' in response.content.decode()


def test_in_french(client, terms):
    page = client.get(url("overview:presidencies", "fr")).content.decode()
    assert "Présidences comparées" in page and "Réunions du dialogue" in page


@pytest.mark.parametrize("meetings", [1, 20])
def test_queries_do_not_grow(client, page_cache_off, django_assert_num_queries, terms, meetings):
    for _ in range(meetings):
        MeetingFactory(start=datetime.date(2024, 6, 1))
    # The two latest, their choices in the form, meetings, recommendations and co-chairs
    # by presidency, then for each the plan in force and its tree (4).
    with django_assert_num_queries(15):
        client.get(url("overview:presidencies"))
