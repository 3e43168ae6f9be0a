"""Implementation reporting in the private area and its review in the admin, tried from the
outside: who gets in, what each country sees, drafts, submission, closing, files, the matrix."""

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    CountryFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

State = ImplementationReport.State
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.7 national strategy on migration and development"


def today():
    return timezone.localdate()


def make_round(*, actions=2, recommendations=1, closed=False):
    opens_on = today() - 60 * DAY if closed else today() - 10 * DAY
    closes_on = today() - DAY if closed else today() + 10 * DAY
    reporting_round = ReportingRoundFactory(opens_on=opens_on, closes_on=closes_on)
    reporting_round.actions.add(
        *(
            ActionFactory(objective__domain__framework=reporting_round.framework, sort_order=n)
            for n in range(actions)
        )
    )
    reporting_round.recommendations.add(*(RecommendationFactory() for _ in range(recommendations)))
    return reporting_round


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


def first_action(reporting_round):
    return reporting_round.actions.order_by("sort_order").first()


def report_of(focal_point, reporting_round, **kwargs):
    kwargs.setdefault("action", first_action(reporting_round))
    return ImplementationReportFactory(round=reporting_round, partner=focal_point.partner, **kwargs)


def edit_url(reporting_round, subject=None):
    subject = subject or first_action(reporting_round)
    kind = subject._meta.model_name
    return url("private:report-edit", slug=reporting_round.slug, kind=kind, pk=subject.pk)


def round_urls(reporting_round):
    return [
        url("private:round-list"),
        url("private:round-detail", slug=reporting_round.slug),
        edit_url(reporting_round),
        edit_url(reporting_round, reporting_round.recommendations.first()),
        url("private:round-matrix", slug=reporting_round.slug),
        url("private:round-matrix-csv", slug=reporting_round.slug),
    ]


def answer(client, reporting_round, subject=None, **data):
    data = {"status": "in_progress", "narrative": "", "evidence": "", **data}
    return client.post(edit_url(reporting_round, subject), data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def submitted(**kwargs):
    return {"state": State.SUBMITTED, "submitted_at": timezone.now(), **kwargs}


def validated(**kwargs):
    return {**submitted(), "state": State.VALIDATED, "validated_at": timezone.now(), **kwargs}


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
        response = client.post(url("private:round-submit", slug=reporting_round.slug))
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
        client.post(url("private:round-submit", slug=reporting_round.slug))
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
        assert "Submit the report to the secretariat" in page.content.decode()

        response = client.post(url("private:round-submit", slug=reporting_round.slug))
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
        response = client.post(url("private:round-submit", slug=reporting_round.slug))
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
        client.post(url("private:round-submit", slug=reporting_round.slug))
        report.refresh_from_db()
        assert report.state == State.SUBMITTED


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
        assert "Submit the report" not in detail
        response = client.post(url("private:round-submit", slug=closed_round.slug))
        assert any("not open" in message for message in messages_of(response))
        report.refresh_from_db()
        assert report.state == State.DRAFT

    def test_past_rounds_are_listed(self, client, closed_round, reporting_round, mine):
        client.force_login(mine.user)
        page = client.get(url("private:round-list"))
        assert list(page.context["past_rounds"]) == [closed_round]
        assert list(page.context["open_rounds"]) == [reporting_round]


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def ods_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


class TestEvidenceFiles:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("law.pdf", PDF),
            ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
            ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
            ("report.docx", docx_bytes()),
            ("figures.ods", ods_bytes()),
        ],
    )
    def test_accepted_files_are_stored_out_of_reach_of_the_public(
        self, client, reporting_round, mine, file_storage, name, content
    ):
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile(name, content))
        assert response.status_code == 302, response.context["form"].errors
        report = ImplementationReport.objects.get(partner=mine.partner)
        assert report.evidence_file.name.startswith(f"evidence/{timezone.now().year}/")
        assert str(report.evidence_file.path).startswith(str(file_storage / "protected"))

    @pytest.mark.parametrize(
        ("name", "content", "error"),
        [
            ("tool.exe", b"MZ\x90\x00", "Evidence files must be PDF"),
            ("page.html", b"<html>", "Evidence files must be PDF"),
            ("law.pdf", b"MZ\x90\x00 not a pdf", "not a PDF file"),
            ("photo.jpg", b"\x89PNG\r\n\x1a\n", "not a JPG file"),
            ("report.docx", b"PK\x03\x04 broken zip", "not a DOCX file"),
            ("report.docx", ods_bytes(), "not a DOCX file"),
        ],
    )
    def test_other_files_are_refused_and_nothing_is_left_behind(
        self, client, reporting_round, mine, file_storage, name, content, error
    ):
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile(name, content))
        assert response.status_code == 200
        assert error in str(response.context["form"].errors["evidence_file"])
        assert not ImplementationReport.objects.exists()
        assert stored_files(file_storage / "protected") == []

    def test_files_over_the_size_limit_are_refused(
        self, client, reporting_round, mine, file_storage, settings
    ):
        settings.EVIDENCE_MAX_BYTES = 20
        client.force_login(mine.user)
        response = answer(client, reporting_round, evidence_file=SimpleUploadedFile("law.pdf", PDF))
        assert response.status_code == 200
        assert "may not be larger than 20" in str(response.context["form"].errors)
        assert stored_files(file_storage / "protected") == []

    def test_the_country_and_the_secretariat_open_the_file_others_do_not(
        self, client, reporting_round, mine, contributor, other
    ):
        report = report_of(mine, reporting_round, evidence_file=ContentFile(PDF, "law.pdf"))
        address = url("private:evidence-file", pk=report.pk)
        for user in (mine.user, contributor.user, SecretariatUserFactory()):
            client.force_login(user)
            response = client.get(address)
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment")
        client.force_login(other.user)
        assert client.get(address).status_code == 404
        without_file = report_of(mine, reporting_round, action=reporting_round.actions.last())
        client.force_login(mine.user)
        assert client.get(url("private:evidence-file", pk=without_file.pk)).status_code == 404

    def test_replacing_or_removing_a_file_deletes_the_old_one(
        self, client, reporting_round, mine, file_storage, django_capture_on_commit_callbacks
    ):
        client.force_login(mine.user)
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, evidence_file=SimpleUploadedFile("a.pdf", PDF))
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, evidence_file=SimpleUploadedFile("b.pdf", PDF))
        assert [path.name for path in stored_files(file_storage / "protected")] == ["b.pdf"]
        page = client.get(edit_url(reporting_round))
        assert "b.pdf" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            answer(client, reporting_round, **{"evidence_file-clear": "on"})
        assert stored_files(file_storage / "protected") == []
        assert not ImplementationReport.objects.get().evidence_file

    def test_saving_without_a_new_file_keeps_the_current_one(self, client, reporting_round, mine):
        client.force_login(mine.user)
        answer(client, reporting_round, evidence_file=SimpleUploadedFile("a.pdf", PDF))
        answer(client, reporting_round, narrative="More words.")
        report = ImplementationReport.objects.get()
        assert report.evidence_file.name.endswith("a.pdf")
        assert report.narrative == "More words."


class TestMatrix:
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
        CountryFactory(name="Zambia", iso_code="ZM")
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
        assert ["Zambia", "ZM", "", "", ""] in rows

    def test_the_page_is_an_accessible_table(self, client, reporting_round, mine):
        client.force_login(mine.user)
        html = client.get(url("private:round-matrix", slug=reporting_round.slug)).content.decode()
        assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
        assert "css/reporting.css" in html


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
