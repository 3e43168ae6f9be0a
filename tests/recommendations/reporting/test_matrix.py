"""The country × item matrix of a round, on its page and as CSV."""

import pytest

from tests.factories import (
    CountryFactory,
    SecretariatUserFactory,
)
from tests.helpers import url
from tests.recommendations.reporting.helpers import (
    csv_rows,
    report_of,
    submitted,
    validated,
)

pytestmark = pytest.mark.django_db


class TestMatrix:
    def test_no_cell_of_the_csv_is_a_formula(self, client, reporting_round, mine):
        CountryFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
        client.force_login(SecretariatUserFactory())
        rows = csv_rows(client.get(url("private:round-matrix-csv", slug=reporting_round.slug)))
        assert "'@SUM(1+1)*cmd|' /C calc'!A0" in [row[0] for row in rows]

    def test_the_country_sees_its_own_answers_in_every_state(
        self, client, reporting_round, mine, other
    ):
        report_of(mine, reporting_round, status="planned")
        report_of(other, reporting_round, status="implemented", **submitted())
        client.force_login(mine.user)
        page = client.get(url("private:round-matrix", slug=reporting_round.slug))
        rows = {row.partner: row for row in page.context["matrix"].rows}
        assert rows[mine.partner].own and rows[mine.partner].cells[0].status == "planned"
        assert rows[other.partner].cells == [None, None, None]

    def test_the_secretariat_sees_everything(self, client, reporting_round, mine, other):
        report_of(mine, reporting_round, status="planned")
        report_of(other, reporting_round, status="implemented", **validated())
        client.force_login(SecretariatUserFactory())
        rows = csv_rows(client.get(url("private:round-matrix-csv", slug=reporting_round.slug)))
        by_partner = {row[0]: row for row in rows}
        assert by_partner[mine.partner.name][2] == "Planned (draft)"
        assert by_partner[other.partner.name][2] == "Implemented"

    def test_csv_has_a_row_per_partner_country_and_a_column_per_item(
        self, client, reporting_round, mine
    ):
        report_of(mine, reporting_round, status="in_progress", **validated())
        zambia = CountryFactory(name="Zambia")
        client.force_login(mine.user)
        response = client.get(url("private:round-matrix-csv", slug=reporting_round.slug))
        assert response["Content-Type"].startswith("text/csv")
        assert (
            f"{reporting_round.slug}-implementation-matrix.csv" in response["Content-Disposition"]
        )
        header, *rows = csv_rows(response)
        actions = list(reporting_round.actions.order_by("sort_order"))
        recommendation = reporting_round.recommendations.get()
        assert header == [
            "Partner",
            "ISO code",
            *(action.label for action in actions),
            str(recommendation),
        ]
        assert [mine.partner.name, mine.partner.iso_code, "In progress", "", ""] in rows
        assert ["Zambia", zambia.iso_code, "", "", ""] in rows

    def test_the_page_is_an_accessible_table(self, client, reporting_round, mine):
        client.force_login(mine.user)
        html = client.get(url("private:round-matrix", slug=reporting_round.slug)).content.decode()
        assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
        assert "css/reporting.css" in html
