"""The follow-up dashboard: validated reports only, counted up the plan, round by round,
with a CSV of each figure."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    ImplementationReportFactory,
    ObjectiveFactory,
    ReportingRoundFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def validated(**fields):
    return ImplementationReportFactory(
        state="validated", submitted_at=NOW, validated_at=NOW, **fields
    )


@pytest.fixture
def plan():
    framework = FrameworkFactory(
        short_name="Cadiz Action Plan", adopted_on=datetime.date(2022, 12, 14)
    )
    domain = DomainFactory(framework=framework, number="1")
    objective = ObjectiveFactory(framework=framework, domain=domain, number="1")
    first, second = (
        ActionFactory(framework=framework, objective=objective, number=number) for number in "12"
    )
    earlier = ReportingRoundFactory(
        framework=framework,
        name="Round 2024",
        slug="round-2024",
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 3, 1),
    )
    later = ReportingRoundFactory(
        framework=framework,
        name="Round 2025",
        slug="round-2025",
        opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 3, 1),
    )
    mali, senegal = CountryFactory(name="Mali"), CountryFactory(name="Senegal")
    validated(round=earlier, partner=mali, action=first, status="planned")
    validated(round=later, partner=mali, action=first, status="implemented")
    validated(round=later, partner=senegal, action=first, status="in_progress")
    validated(round=later, partner=senegal, action=second, status="implemented")
    # Not validated: never counted.
    ImplementationReportFactory(
        round=later,
        partner=CountryFactory(),
        action=second,
        status="not_started",
        state="submitted",
        submitted_at=NOW,
    )
    return {
        "framework": framework,
        "earlier": earlier,
        "later": later,
        "first": first,
        "second": second,
    }


class TestTheDashboard:
    def test_the_latest_round_counted_up_the_plan(self, client, plan):
        follow_up = client.get(url("overview:follow-up")).context["follow_up"]
        assert follow_up.round == plan["later"]
        first, second = follow_up.levels["action"]
        assert first.counts == {"implemented": 1, "in_progress": 1}
        assert second.counts == {"implemented": 1}
        (domain,) = follow_up.levels["domain"]
        assert domain.counts == {"implemented": 2, "in_progress": 1}
        rounds = follow_up.over_rounds.rows
        assert [(row.label, row.values) for row in rounds] == [
            ("Round 2024", {"planned": 1}),
            ("Round 2025", {"implemented": 2, "in_progress": 1}),
        ]

    def test_another_round_and_an_unknown_one(self, client, plan):
        follow_up = client.get(url("overview:follow-up") + "?round=round-2024").context["follow_up"]
        assert follow_up.levels["action"][0].counts == {"planned": 1}
        response = client.get(url("overview:follow-up") + "?round=nothing")
        assert response.status_code == 200
        assert response.context["follow_up"].round == plan["later"]
        assert "not one of the plan in force" in response.content.decode()

    def test_each_figure_as_csv(self, client, plan):
        response = client.get(url("overview:follow-up-csv", level="action") + "?round=round-2025")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        assert rows[0] == [
            "Number",
            "Title",
            "not started",
            "planned",
            "in progress",
            "implemented",
            "not applicable",
            "Total",
        ]
        assert rows[1][0] == "1" and rows[1][2:] == ["0", "0", "1", "1", "0", "2"]
        assert client.get(url("overview:follow-up-csv", level="nothing")).status_code == 404
        assert (
            client.get(url("overview:follow-up-csv", level="domain") + "?round=x").status_code
            == 404
        )

    def test_in_french(self, client, plan):
        page = client.get(url("overview:follow-up", "fr")).content.decode()
        assert "Suivi du plan d’action" in page
        assert 'aria-label="Action 1, mis en œuvre\u00a0: 1"' in page

    def test_without_reports(self, client):
        FrameworkFactory(adopted_on=datetime.date(2022, 12, 14))
        assert "No validated report yet." in client.get(url("overview:follow-up")).content.decode()

    @pytest.mark.parametrize("partners", [1, 15])
    def test_queries_do_not_grow(
        self, client, page_cache_off, django_assert_num_queries, plan, partners
    ):
        for _ in range(partners):
            validated(
                round=plan["later"],
                partner=CountryFactory(),
                action=plan["second"],
                status="planned",
            )
        with django_assert_num_queries(7):
            client.get(url("overview:follow-up"))
