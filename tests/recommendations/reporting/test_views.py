"""Reporting in the private area, tried from the outside: who gets in, what each country
sees, drafts, submission, closing, and the queries each page costs."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.helpers import url
from tests.recommendations.reporting.helpers import (
    DAY,
    PDF,
    State,
    answer,
    csv_rows,
    edit_url,
    first_action,
    make_round,
    messages_of,
    report_of,
    round_urls,
    submit,
    submitted,
    today,
    validated,
)

pytestmark = pytest.mark.django_db


class TestAccess:
    def test_addresses_are_translated_segments_of_the_private_area(self, reporting_round):
        assert url("private:round-list") == "/en/private/reporting/"
        assert url("private:round-list", "fr").startswith("/fr/")
        action = first_action(reporting_round)
        assert edit_url(reporting_round).endswith(f"/action/{action.pk}/")

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, reporting_round, mine):
        report = report_of(mine, reporting_round, evidence_file=ContentFile(PDF, "law.pdf"))
        addresses = [*round_urls(reporting_round), url("private:evidence-file", pk=report.pk)]
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith(url("private:login"))
        response = submit(client, reporting_round)
        assert response.status_code == 302
        assert response["Location"].startswith(url("private:login"))

    def test_signed_in_people_who_are_not_focal_points_are_refused(self, client, reporting_round):
        client.force_login(UserFactory())
        for address in round_urls(reporting_round):
            assert client.get(address).status_code == 403, address

    @pytest.mark.parametrize("who", ["mine", "contributor"])
    def test_the_focal_point_and_its_contributors_open_every_page(
        self, client, reporting_round, request, who
    ):
        client.force_login(request.getfixturevalue(who).user)
        for address in round_urls(reporting_round):
            assert client.get(address).status_code == 200, address

    def test_the_secretariat_reads_rounds_and_matrices_but_reports_in_the_admin(
        self, client, reporting_round
    ):
        client.force_login(SecretariatUserFactory())
        for name in ("round-detail", "round-matrix", "round-matrix-csv"):
            assert client.get(url(f"private:{name}", slug=reporting_round.slug)).status_code == 200
        assert client.get(url("private:round-list")).status_code == 200
        assert client.get(edit_url(reporting_round)).status_code == 403

    def test_an_item_the_round_does_not_ask_about_is_not_found(self, client, reporting_round, mine):
        client.force_login(mine.user)
        assert client.get(edit_url(reporting_round, ActionFactory())).status_code == 404
        assert client.get(edit_url(reporting_round, RecommendationFactory())).status_code == 404

    def test_focal_points_see_no_round_before_it_opens(self, client, mine):
        upcoming = ReportingRoundFactory(opens_on=today() + DAY, closes_on=today() + 9 * DAY)
        client.force_login(mine.user)
        assert client.get(url("private:round-detail", slug=upcoming.slug)).status_code == 404
        assert upcoming.name not in client.get(url("private:round-list")).content.decode()


class TestCountriesStayApart:
    """A focal point never sees or edits another country's draft."""

    @pytest.fixture
    def draft(self, reporting_round, mine):
        return report_of(
            mine,
            reporting_round,
            status="planned",
            narrative="Confidential draft narrative",
            evidence_file=ContentFile(PDF, "draft-law.pdf"),
        )

    def test_another_country_cannot_open_the_evidence_file(self, client, draft, other):
        client.force_login(other.user)
        assert client.get(url("private:evidence-file", pk=draft.pk)).status_code == 404

    def test_another_country_sees_none_of_the_draft_on_any_page(
        self, client, reporting_round, draft, other
    ):
        client.force_login(other.user)
        for address in round_urls(reporting_round):
            response = client.get(address)
            assert response.status_code == 200, address
            assert b"Confidential draft narrative" not in response.content, address
            assert b"draft-law" not in response.content, address
        page = client.get(url("private:round-matrix", slug=reporting_round.slug))
        assert "Planned" not in page.content.decode()
        export = client.get(url("private:round-matrix-csv", slug=reporting_round.slug))
        assert export.status_code == 200
        rows = {row[0]: row for row in csv_rows(export)}
        assert all(cell == "" for cell in rows[str(draft.partner)][2:])

    def test_saving_acts_for_ones_own_country_only(self, client, reporting_round, draft, other):
        client.force_login(other.user)
        answer(client, reporting_round, status="implemented", narrative="Ours")
        draft.refresh_from_db()
        assert (draft.status, draft.narrative) == ("planned", "Confidential draft narrative")
        theirs = ImplementationReport.objects.get(partner=other.partner)
        assert (theirs.status, theirs.narrative) == ("implemented", "Ours")

    def test_submitting_sends_ones_own_country_only(self, client, reporting_round, draft, other):
        report_of(other, reporting_round)
        client.force_login(other.user)
        submit(client, reporting_round)
        draft.refresh_from_db()
        assert draft.state == State.DRAFT
        assert ImplementationReport.objects.get(partner=other.partner).state == State.SUBMITTED

    def test_validated_answers_of_other_countries_show_in_the_matrix(
        self, client, reporting_round, mine, other
    ):
        report_of(mine, reporting_round, status="implemented", **validated())
        client.force_login(other.user)
        page = client.get(url("private:round-matrix", slug=reporting_round.slug))
        assert "Implemented" in page.content.decode()
        rows = {
            row[0]: row
            for row in csv_rows(
                client.get(url("private:round-matrix-csv", slug=reporting_round.slug))
            )
        }
        assert rows[mine.partner.name][2] == "Implemented"


class TestAnswering:
    @pytest.mark.parametrize("who", ["mine", "contributor"])
    def test_save_a_draft_then_submit_the_country_report(
        self, client, reporting_round, request, who
    ):
        focal_point = request.getfixturevalue(who)
        client.force_login(focal_point.user)
        response = answer(
            client,
            reporting_round,
            status="in_progress",
            narrative="A national strategy is being drafted.",
            evidence="https://example.org/strategy",
        )
        detail = url("private:round-detail", slug=reporting_round.slug)
        assert response.status_code == 302
        assert response["Location"].startswith(detail)
        report = ImplementationReport.objects.get(partner=focal_point.partner)
        assert (report.state, report.status) == (State.DRAFT, "in_progress")
        assert report.created_by == focal_point.user

        page = client.get(detail)
        assert "1 of 3 items answered" in page.content.decode()
        assert "Review and submit the report" in page.content.decode()

        response = submit(client, reporting_round)
        assert response.status_code == 302
        assert "1 report was submitted to the secretariat." in messages_of(response)
        report.refresh_from_db()
        assert report.state == State.SUBMITTED
        assert report.submitted_by == focal_point.user and report.submitted_at is not None

    def test_saving_again_updates_the_same_draft(self, client, reporting_round, mine):
        client.force_login(mine.user)
        answer(client, reporting_round, status="planned")
        answer(client, reporting_round, status="implemented", narrative="Done.")
        report = ImplementationReport.objects.get(partner=mine.partner)
        assert (report.status, report.narrative) == ("implemented", "Done.")

    def test_answer_about_a_recommendation(self, client, reporting_round, mine):
        recommendation = reporting_round.recommendations.get()
        client.force_login(mine.user)
        answer(client, reporting_round, recommendation, status="not_applicable")
        report = ImplementationReport.objects.get(partner=mine.partner)
        assert report.recommendation == recommendation and report.action is None

    def test_submitting_nothing_says_so(self, client, reporting_round, mine):
        client.force_login(mine.user)
        response = submit(client, reporting_round)
        assert any("nothing to submit" in message for message in messages_of(response))

    def test_a_submitted_answer_is_read_only(self, client, reporting_round, mine):
        report = report_of(mine, reporting_round, status="planned", **submitted())
        client.force_login(mine.user)
        page = client.get(edit_url(reporting_round))
        assert page.context["form"].fields["status"].disabled
        assert "Save draft" not in page.content.decode()
        response = answer(client, reporting_round, status="implemented")
        assert response.status_code == 302
        assert any("can no longer be changed" in message for message in messages_of(response))
        report.refresh_from_db()
        assert report.status == "planned"

    def test_a_returned_answer_shows_the_comment_and_can_be_changed_and_resubmitted(
        self, client, reporting_round, mine
    ):
        report = report_of(
            mine, reporting_round, **submitted(state=State.RETURNED, review_comment="Add a link.")
        )
        client.force_login(mine.user)
        page = client.get(edit_url(reporting_round))
        assert "Add a link." in page.content.decode()
        assert "Save draft" in page.content.decode()
        answer(client, reporting_round, evidence="https://example.org/law")
        report.refresh_from_db()
        assert (report.state, report.evidence) == (State.RETURNED, "https://example.org/law")
        submit(client, reporting_round)
        report.refresh_from_db()
        assert report.state == State.SUBMITTED


class TestWhatAnAnswerMayHold:
    @pytest.mark.parametrize("evidence", ["pas une adresse", "javascript:alert(1)", "www.x"])
    def test_evidence_links_must_be_web_addresses(self, client, reporting_round, mine, evidence):
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence=evidence)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Write one web address per line" in html
        assert not ImplementationReport.objects.exists()

    def test_several_links_one_a_line(self, client, reporting_round, mine):
        client.force_login(mine.user)
        evidence = "https://example.org/law\r\n\r\n  http://example.org/programme  \r\n"
        assert answer(client, reporting_round, evidence=evidence).status_code == 302
        report = ImplementationReport.objects.get()
        assert report.evidence == "https://example.org/law\nhttp://example.org/programme"

    def test_long_texts_state_their_limits_and_are_refused_whole(
        self, client, reporting_round, mine
    ):
        client.force_login(mine.user)
        page = client.get(edit_url(reporting_round)).content.decode()
        assert "At most 10,000 characters." in page and "At most 2,000 characters." in page
        assert "maxlength" not in page
        response = answer(client, reporting_round, narrative="word " * 2001)
        assert response.status_code == 200
        assert "at most 10000 characters (it has 10004)" in response.content.decode()
        assert not ImplementationReport.objects.exists()


class TestConfirmingTheSubmission:
    def test_the_round_page_leads_to_a_confirmation_page_that_submits_nothing(
        self, client, reporting_round, mine
    ):
        report = report_of(mine, reporting_round, status="planned")
        client.force_login(mine.user)
        detail = client.get(url("private:round-detail", slug=reporting_round.slug))
        confirm_url = url("private:round-submit", slug=reporting_round.slug)
        assert f'href="{confirm_url}"' in detail.content.decode()
        page = client.get(confirm_url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "A submission cannot be undone." in html
        assert "1 answer to submit" in html and "2 items are not answered yet" in html
        assert 'type="checkbox" name="confirm"' in html and "required" in html
        assert "Submit the report to the secretariat" in html
        report.refresh_from_db()
        assert report.state == State.DRAFT

    def test_submitting_without_ticking_the_confirmation_changes_nothing(
        self, client, reporting_round, mine
    ):
        report = report_of(mine, reporting_round)
        client.force_login(mine.user)
        response = submit(client, reporting_round, confirm=False)
        assert response.status_code == 200
        assert "Tick the box to confirm the submission." in response.content.decode()
        report.refresh_from_db()
        assert report.state == State.DRAFT

    def test_with_nothing_to_submit_the_confirmation_page_sends_back_to_the_round(
        self, client, reporting_round, mine
    ):
        report_of(mine, reporting_round, **submitted())
        client.force_login(mine.user)
        response = client.get(url("private:round-submit", slug=reporting_round.slug))
        assert response["Location"] == url("private:round-detail", slug=reporting_round.slug)
        assert any("nothing to submit" in message for message in messages_of(response))

    def test_another_countrys_drafts_are_not_listed(self, client, reporting_round, mine, other):
        report_of(mine, reporting_round, narrative="x")
        report_of(other, reporting_round, action=reporting_round.actions.last())
        client.force_login(other.user)
        page = client.get(url("private:round-submit", slug=reporting_round.slug))
        assert page.context["progress"].to_submit == [
            ImplementationReport.objects.get(partner=other.partner)
        ]


class TestWhatTheRoundPageSays:
    def page(self, client, reporting_round):
        return client.get(url("private:round-detail", slug=reporting_round.slug)).content.decode()

    def test_all_submitted_only_when_every_item_is_answered_and_submitted(
        self, client, reporting_round, mine
    ):
        report_of(mine, reporting_round, **submitted())
        client.force_login(mine.user)
        html = self.page(client, reporting_round)
        assert "every answer has been submitted" not in html
        assert "Your answers have been submitted to the secretariat; 2 items are not" in html
        for action in reporting_round.actions.exclude(pk=first_action(reporting_round).pk):
            report_of(mine, reporting_round, action=action, **submitted())
        report_of(
            mine,
            reporting_round,
            action=None,
            recommendation=reporting_round.recommendations.get(),
            **validated(),
        )
        html = self.page(client, reporting_round)
        assert "Every item is answered and every answer has been submitted" in html

    def test_a_draft_left_means_not_everything_is_submitted(self, client, reporting_round, mine):
        for action in reporting_round.actions.all():
            report_of(mine, reporting_round, action=action, **submitted())
        report_of(
            mine, reporting_round, action=None, recommendation=reporting_round.recommendations.get()
        )
        client.force_login(mine.user)
        html = self.page(client, reporting_round)
        assert "has been submitted" not in html
        assert "1 answer is not submitted yet." in html

    def test_returned_answers_are_flagged(self, client, reporting_round, mine):
        report_of(mine, reporting_round, **submitted(state=State.RETURNED, review_comment="Why?"))
        client.force_login(mine.user)
        html = self.page(client, reporting_round)
        assert "The secretariat returned 1 answer for changes" in html

    def test_a_thematic_contact_reads_the_round_without_links_it_may_not_open(
        self, client, reporting_round
    ):
        thematic = FocalPointFactory(role="thematic")
        client.force_login(thematic.user)
        html = self.page(client, reporting_round)
        assert edit_url(reporting_round) not in html
        assert url("private:round-submit", slug=reporting_round.slug) not in html


class TestClosedRound:
    @pytest.fixture
    def closed_round(self):
        return make_round(closed=True)

    def test_everything_is_read_only_after_the_close_date(self, client, closed_round, mine):
        report = report_of(mine, closed_round, status="planned")
        client.force_login(mine.user)
        page = client.get(edit_url(closed_round))
        assert page.status_code == 200
        assert all(field.disabled for field in page.context["form"].fields.values())
        assert "Save draft" not in page.content.decode()
        assert "The round is closed" in page.content.decode()

        response = answer(client, closed_round, status="implemented")
        assert response.status_code == 302
        assert any("closed" in message for message in messages_of(response))
        report.refresh_from_db()
        assert report.status == "planned"

        detail = client.get(url("private:round-detail", slug=closed_round.slug)).content.decode()
        assert url("private:round-submit", slug=closed_round.slug) not in detail
        response = submit(client, closed_round)
        assert any("closed" in message for message in messages_of(response))
        report.refresh_from_db()
        assert report.state == State.DRAFT

    def test_past_rounds_are_listed(self, client, closed_round, reporting_round, mine):
        client.force_login(mine.user)
        page = client.get(url("private:round-list"))
        assert list(page.context["past_rounds"]) == [closed_round]
        assert list(page.context["open_rounds"]) == [reporting_round]


def grow(reporting_round, size):
    """Add countries, items and answers in every state."""
    reporting_round.actions.add(
        *(
            ActionFactory(objective__domain__framework=reporting_round.framework)
            for _ in range(size)
        )
    )
    reporting_round.recommendations.add(*(RecommendationFactory() for _ in range(size)))
    for action in reporting_round.actions.all():
        for state in (State.DRAFT, State.VALIDATED):
            extra = validated() if state == State.VALIDATED else {}
            ImplementationReportFactory(round=reporting_round, action=action, **extra)


class TestQueryCounts:
    def test_the_confirmation_page_costs_the_same_whatever_its_size(
        self, client, reporting_round, mine, django_assert_num_queries
    ):
        report_of(mine, reporting_round)
        client.force_login(mine.user)
        address = url("private:round-submit", slug=reporting_round.slug)
        with django_assert_num_queries(9) as captured:
            assert client.get(address).status_code == 200
        grow(reporting_round, 4)
        for action in reporting_round.actions.exclude(pk=first_action(reporting_round).pk):
            report_of(mine, reporting_round, action=action)
        with django_assert_num_queries(len(captured.captured_queries)):
            assert client.get(address).status_code == 200

    @pytest.mark.parametrize("name", ["round-matrix", "round-matrix-csv"])
    def test_the_matrix_costs_the_same_whatever_its_size(
        self, client, reporting_round, mine, django_assert_num_queries, name
    ):
        report_of(mine, reporting_round)
        client.force_login(mine.user)
        address = url(f"private:{name}", slug=reporting_round.slug)
        # session, user, focal point, round, actions, recommendations, partners, reports
        with django_assert_num_queries(8):
            assert client.get(address).status_code == 200
        grow(reporting_round, 4)
        with django_assert_num_queries(8):
            assert client.get(address).status_code == 200

    def test_the_round_page_costs_the_same_whatever_its_size(
        self, client, reporting_round, mine, django_assert_num_queries
    ):
        report_of(mine, reporting_round)
        client.force_login(mine.user)
        address = url("private:round-detail", slug=reporting_round.slug)
        # session, user, focal point, round, actions, recommendations, the country's reports
        with django_assert_num_queries(7):
            assert client.get(address).status_code == 200
        grow(reporting_round, 4)
        for action in reporting_round.actions.exclude(pk=first_action(reporting_round).pk):
            report_of(mine, reporting_round, action=action)
        with django_assert_num_queries(7):
            assert client.get(address).status_code == 200

    def test_the_admin_matrix_costs_the_same_whatever_its_size(
        self, client, reporting_round, django_assert_num_queries
    ):
        client.force_login(SecretariatUserFactory())
        address = reverse("admin:recommendations_reportinground_matrix", args=[reporting_round.pk])
        # session, user, round, permissions (2), actions, recommendations, partners, reports
        with django_assert_num_queries(9):
            assert client.get(address).status_code == 200
        grow(reporting_round, 4)
        with django_assert_num_queries(9):
            assert client.get(address).status_code == 200
