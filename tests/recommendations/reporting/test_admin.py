"""The review of reports by the secretariat in the admin."""

import pytest
from django.urls import reverse

from recommendations.models import ImplementationReport
from tests.factories import (
    SecretariatUserFactory,
    UserFactory,
)
from tests.recommendations.reporting.helpers import (
    State,
    csv_rows,
    messages_of,
    report_of,
    submitted,
    validated,
)

pytestmark = pytest.mark.django_db


class TestReviewInTheAdmin:
    @pytest.fixture
    def secretariat(self, client):
        user = SecretariatUserFactory()
        client.force_login(user)
        return user

    def changelist(self):
        return reverse("admin:recommendations_implementationreport_changelist")

    def test_validate_the_selected_submitted_reports(
        self, client, reporting_round, mine, other, secretariat
    ):
        to_validate = report_of(mine, reporting_round, **submitted())
        draft = report_of(other, reporting_round)
        response = client.post(
            self.changelist(),
            {"action": "validate", "_selected_action": [to_validate.pk, draft.pk]},
            follow=True,
        )
        assert "1 report validated." in messages_of(response)
        to_validate.refresh_from_db()
        draft.refresh_from_db()
        assert to_validate.state == State.VALIDATED and to_validate.validated_by == secretariat
        assert draft.state == State.DRAFT
        assert list(ImplementationReport.objects.validated()) == [to_validate]

    def test_return_reports_with_a_comment_asked_on_an_intermediate_page(
        self, client, reporting_round, mine, secretariat
    ):
        report = report_of(mine, reporting_round, **validated())
        data = {"action": "return_for_changes", "_selected_action": [report.pk]}
        page = client.post(self.changelist(), data)
        assert page.status_code == 200
        assert "What should the country change?" in page.content.decode()

        refused = client.post(self.changelist(), {**data, "apply": "1", "review_comment": " "})
        assert refused.status_code == 200
        assert refused.context["form"].errors
        report.refresh_from_db()
        assert report.state == State.VALIDATED

        response = client.post(
            self.changelist(),
            {**data, "apply": "1", "review_comment": "Please add the law's link."},
            follow=True,
        )
        assert "1 report returned for changes." in messages_of(response)
        report.refresh_from_db()
        assert report.state == State.RETURNED
        assert report.review_comment == "Please add the law's link."
        assert report.validated_at is None
        assert not ImplementationReport.objects.validated().exists()

    def admin_form(self, report, **changes):
        return {
            "round": report.round.pk,
            "partner": report.partner.pk,
            "action": report.action.pk,
            "recommendation": "",
            "status": report.status,
            "narrative": report.narrative,
            "evidence": report.evidence,
            "state": report.state,
            "review_comment": report.review_comment,
            **changes,
        }

    def test_return_from_the_change_form_needs_a_comment(
        self, client, reporting_round, mine, secretariat
    ):
        report = report_of(mine, reporting_round, **submitted())
        address = reverse("admin:recommendations_implementationreport_change", args=[report.pk])
        response = client.post(address, self.admin_form(report, state="returned"))
        assert response.status_code == 200
        assert "review_comment" in response.context["adminform"].form.errors
        response = client.post(
            address, self.admin_form(report, state="returned", review_comment="Too short.")
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert (report.state, report.review_comment) == (State.RETURNED, "Too short.")

    def test_the_admin_does_not_submit_for_a_country(
        self, client, reporting_round, mine, secretariat
    ):
        report = report_of(mine, reporting_round)
        address = reverse("admin:recommendations_implementationreport_change", args=[report.pk])
        response = client.post(address, self.admin_form(report, state="submitted"))
        assert response.status_code == 200
        assert "state" in response.context["adminform"].form.errors

    def test_the_admin_matrix_and_its_csv(self, client, reporting_round, mine, secretariat):
        report_of(mine, reporting_round, status="planned")
        change = reverse("admin:recommendations_reportinground_change", args=[reporting_round.pk])
        matrix = reverse("admin:recommendations_reportinground_matrix", args=[reporting_round.pk])
        assert matrix in client.get(change).content.decode()
        page = client.get(matrix)
        assert page.status_code == 200
        assert "Planned" in page.content.decode()
        rows = csv_rows(
            client.get(
                reverse(
                    "admin:recommendations_reportinground_matrix_csv", args=[reporting_round.pk]
                )
            )
        )
        assert [mine.partner.name, mine.partner.iso_code, "Planned (draft)", "", ""] in rows

    def test_staff_without_permission_cannot_open_the_admin_matrix(self, client, reporting_round):
        client.force_login(UserFactory(is_staff=True))
        matrix = reverse("admin:recommendations_reportinground_matrix", args=[reporting_round.pk])
        assert client.get(matrix).status_code == 403
