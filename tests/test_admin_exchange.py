"""Spreadsheets in and out of the admin, as the secretariat uses them."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from recommendations.models import ImplementationReport, Recommendation
from tests.factories import (
    ActionFactory,
    CountryFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
# What a focal point could type for a spreadsheet program to run.
FORMULAS = [
    '==HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def exported_lists():
    return sorted(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_export"
        for model in admin.site._registry
    )


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory()
    client.force_login(user)
    return user


def export(client, url_name, file_format=CSV_FORMAT, query=""):
    """Export as the admin's form does by default: every column."""
    address = reverse(url_name) + query
    form = client.get(address).content.decode()
    data = {"format": file_format, "resource": "0"}
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', form):
        data[name] = "on"
    return client.post(address, data)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def sheet(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def upload(client, model_admin_name, content, name="sheet.csv", file_format=CSV_FORMAT):
    """The first step: the sheet is read and checked, and the preview is shown."""
    return client.post(
        reverse(f"admin:{model_admin_name}_import"),
        {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model_admin_name, preview):
    """The second step: the button under the preview."""
    page = preview.content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    hidden.pop("csrfmiddlewaretoken", None)
    return client.post(reverse(f"admin:{model_admin_name}_process_import"), hidden)


def recommendation_rows(meeting, count=50, **overrides):
    return [
        {
            "meeting": meeting.slug,
            "kind": "recommendation",
            "number": str(number),
            "text_en": f"Recommendation {number} on the protection of migrants.",
            "text_fr": f"Recommandation {number} sur la protection des migrants.",
            "addressees": "morocco; spain",
            "framework": "cadiz",
            "actions": "1; 2",
            "published": "1",
            **overrides,
        }
        for number in range(1, count + 1)
    ]


@pytest.fixture
def cadiz():
    first = ActionFactory(number="1", objective__domain__framework__slug="cadiz")
    ActionFactory(number="2", objective=first.objective, framework=first.framework)
    CountryFactory(slug="morocco")
    CountryFactory(slug="spain")
    return first.framework


class TestExport:
    @pytest.mark.parametrize("url_name", exported_lists())
    def test_every_list_exports_to_csv_and_excel(self, client, secretariat, url_name):
        MeetingFactory()
        as_csv = export(client, url_name)
        assert as_csv.status_code == 200
        assert as_csv["Content-Type"].startswith("text/csv")
        assert len(as_csv.content.decode("utf-8-sig").splitlines()[0].split(",")) > 1
        as_excel = export(client, url_name, XLSX_FORMAT)
        assert as_excel.status_code == 200
        assert openpyxl.load_workbook(io.BytesIO(as_excel.content)).active.max_row >= 1

    def test_an_export_keeps_the_lists_filters_and_names_related_records(self, client, secretariat):
        MeetingFactory(title="Public meeting", host_country=CountryFactory(name="Senegal"))
        MeetingFactory(title="Draft meeting", published=False)
        rows = csv_rows(export(client, "admin:meetings_meeting_export", query="?published=0"))
        assert [row["title_en"] for row in rows] == ["Draft meeting"]
        everything = csv_rows(export(client, "admin:governance_framework_export"))
        assert everything == [] or "name_en" in everything[0]

    def test_related_records_by_name_in_a_plain_export(self, client, secretariat):
        seat_holder = CountryFactory(name="Senegal")
        MembershipFactory(partner=seat_holder)
        rows = csv_rows(export(client, "admin:governance_steeringcommitteemembership_export"))
        assert rows[0]["partner"] == "Senegal"

    @pytest.mark.parametrize(
        "url_name",
        [
            "admin:recommendations_recommendation_export",
            "admin:meetings_meeting_export",
            "admin:recommendations_implementationreport_export",
        ],
    )
    def test_an_export_reads_related_records_in_bulk(self, client, secretariat, cadiz, url_name):
        def grow():
            recommendation = RecommendationFactory()
            recommendation.addressees.add(CountryFactory())
            recommendation.actions.add(cadiz.actions.first())
            MeetingRoleFactory(meeting=recommendation.meeting)
            ImplementationReportFactory(action=cadiz.actions.first(), round__framework=cadiz)

        def queries():
            with CaptureQueriesContext(connection) as captured:
                export(client, url_name)
            return len(captured.captured_queries)

        grow()
        few = queries()
        for _ in range(3):
            grow()
        assert queries() == few

    def test_no_password_hash_leaves_in_the_users_export(self, client, secretariat):
        rows = csv_rows(export(client, "admin:auth_user_export"))
        assert rows and "password" not in rows[0]
        assert secretariat.password not in str(rows)

    def test_no_authenticator_secret_leaves_in_the_devices_export(self, client, secretariat):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=secretariat, name="Phone")
        rows = csv_rows(export(client, "admin:otp_totp_totpdevice_export"))
        assert rows[0]["name"] == "Phone" and "key" not in rows[0]
        assert device.key not in str(rows)

    @pytest.mark.parametrize("payload", FORMULAS)
    @pytest.mark.parametrize(
        ("url_name", "make", "column"),
        [
            ("admin:meetings_meeting_export", lambda text: MeetingFactory(title=text), "title_en"),
            (
                "admin:recommendations_implementationreport_export",
                lambda text: ImplementationReportFactory(narrative=text),
                "narrative",
            ),
            (
                "admin:auth_user_export",
                lambda text: UserFactory(first_name=text),
                "first_name",
            ),
        ],
    )
    def test_cells_that_would_run_as_formulas_are_neutralised(
        self, client, secretariat, payload, url_name, make, column
    ):
        make(payload)
        rows = [row for row in csv_rows(export(client, url_name)) if row[column]]
        assert [row[column] for row in rows] == ["'" + payload]
        workbook = openpyxl.load_workbook(io.BytesIO(export(client, url_name, XLSX_FORMAT).content))
        cells = [cell for row in workbook.active.iter_rows() for cell in row]
        written = [cell for cell in cells if cell.value and payload.strip() in str(cell.value)]
        # A quote first, and text: no formula (openpyxl reads a carriage return as a new line).
        assert [(cell.value[:2], cell.data_type) for cell in written] == [
            ("'" + payload[0].replace("\r", "\n"), "s")
        ]

    def test_an_exported_sheet_imports_back_as_it_was(self, client, secretariat):
        meeting = MeetingFactory(title="-2+3+cmd|' /C calc'!A0")
        exported = export(client, "admin:meetings_meeting_export", query="?q=" + meeting.slug)
        preview = upload(client, "meetings_meeting", exported.content)
        confirm(client, "meetings_meeting", preview)
        meeting.refresh_from_db()
        assert meeting.title == "-2+3+cmd|' /C calc'!A0"

    def test_a_focal_point_cannot_export(self, client):
        client.force_login(FocalPointFactory().user)
        response = client.get(reverse("admin:meetings_meeting_export"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


class TestRecommendationImport:
    def test_fifty_recommendations_in_one_step_then_the_same_sheet_updates(
        self, client, secretariat, cadiz
    ):
        meeting = MeetingFactory()
        rows = recommendation_rows(meeting)

        preview = upload(client, "recommendations_recommendation", sheet(rows))
        assert preview.status_code == 200
        assert Recommendation.objects.count() == 0  # the preview writes nothing
        confirm(client, "recommendations_recommendation", preview)

        imported = Recommendation.objects.filter(meeting=meeting)
        assert imported.count() == 50
        tenth = imported.get(number="10")
        assert tenth.text_fr.startswith("Recommandation 10")
        assert sorted(tenth.addressees.values_list("slug", flat=True)) == ["morocco", "spain"]
        assert sorted(tenth.actions.values_list("number", flat=True)) == ["1", "2"]
        assert tenth.created_by == secretariat

        rows[9]["text_en"] = "Recommendation 10, as corrected."
        again = upload(client, "recommendations_recommendation", sheet(rows))
        confirm(client, "recommendations_recommendation", again)
        assert imported.count() == 50
        assert imported.get(number="10").text_en == "Recommendation 10, as corrected."

    def test_an_excel_sheet_with_numbers_as_numbers(self, client, secretariat, cadiz):
        meeting = MeetingFactory()
        workbook = openpyxl.Workbook()
        workbook.active.append(["meeting", "kind", "number", "text_en", "framework", "actions"])
        workbook.active.append([meeting.slug, "conclusion", 3, "Conclusion three", "cadiz", 2])
        content = io.BytesIO()
        workbook.save(content)
        preview = upload(
            client,
            "recommendations_recommendation",
            content.getvalue(),
            name="sheet.xlsx",
            file_format=XLSX_FORMAT,
        )
        confirm(client, "recommendations_recommendation", preview)
        conclusion = Recommendation.objects.get(kind="conclusion")
        assert conclusion.number == "3"
        assert list(conclusion.actions.values_list("number", flat=True)) == ["2"]

    def test_each_bad_row_is_named_and_nothing_is_written(self, client, secretariat, cadiz):
        meeting = MeetingFactory()
        rows = recommendation_rows(meeting, count=5)
        rows[1]["addressees"] = "morocco; atlantis"
        rows[2]["framework"] = ""
        rows[3]["kind"] = "wish"

        page = upload(client, "recommendations_recommendation", sheet(rows)).content.decode()

        assert "Unknown partners: atlantis." in page
        assert "framework" in page and "column to refer to its actions" in page
        assert "wish" in page
        assert "process_import" not in page  # no button to confirm
        assert Recommendation.objects.count() == 0

    def test_an_unknown_meeting_is_named(self, client, secretariat, cadiz):
        rows = recommendation_rows(MeetingFactory(), count=2)
        rows[0]["meeting"] = "nowhere"
        page = upload(client, "recommendations_recommendation", sheet(rows)).content.decode()
        assert "No meeting has the slug “nowhere”." in page
        assert Recommendation.objects.count() == 0

    def test_the_sheet_an_export_gives_imports_back_unchanged(self, client, secretariat, cadiz):
        recommendation = RecommendationFactory(number="7", text_fr="Texte sept")
        recommendation.actions.add(cadiz.actions.get(number="2"))
        recommendation.addressees.add(CountryFactory())
        exported = export(client, "admin:recommendations_recommendation_export").content
        preview = upload(client, "recommendations_recommendation", exported)
        confirm(client, "recommendations_recommendation", preview)
        assert Recommendation.objects.count() == 1
        again = Recommendation.objects.get()
        assert (again.text_fr, list(again.actions.all())) == (
            "Texte sept",
            [*recommendation.actions.all()],
        )

    def test_staff_without_the_right_to_add_cannot_import(self, client):
        clerk = UserFactory(is_staff=True)
        clerk.user_permissions.add(
            Permission.objects.get(codename="view_recommendation"),
            Permission.objects.get(codename="change_recommendation"),
        )
        client.force_login(clerk)
        response = client.get(reverse("admin:recommendations_recommendation_import"))
        assert response.status_code == 403


class TestMeetingImport:
    def test_meetings_with_their_co_chairs_by_slug(self, client, secretariat, cadiz):
        MeetingFactory(slug="existing", title="Old title")
        rows = [
            {
                "slug": "existing",
                "title_en": "New title",
                "kind": "thematic_meeting",
                "status": "held",
                "start": "2025-03-04",
                "co_chairs": "spain; morocco",
            },
            {
                "slug": "new-meeting",
                "title_en": "New meeting",
                "kind": "webinar",
                "status": "planned",
                "start": "2026-11-20",
                "co_chairs": "",
            },
        ]
        preview = upload(client, "meetings_meeting", sheet(rows))
        confirm(client, "meetings_meeting", preview)
        existing = Meeting.objects.get(slug="existing")
        assert existing.title == "New title"
        assert existing.start == datetime.date(2025, 3, 4)
        chairs = existing.chairs.order_by("order").values_list("partner__slug", flat=True)
        assert list(chairs) == ["spain", "morocco"]
        assert Meeting.objects.get(slug="new-meeting").kind == "webinar"

    def test_a_meeting_that_ends_before_it_starts(self, client, secretariat):
        rows = [
            {
                "slug": "backwards",
                "title_en": "Backwards",
                "kind": "webinar",
                "start": "2025-03-04",
                "end": "2025-03-01",
            }
        ]
        page = upload(client, "meetings_meeting", sheet(rows)).content.decode()
        assert "The meeting cannot end before it starts." in page
        assert not Meeting.objects.filter(slug="backwards").exists()


class TestImplementationImport:
    def test_statuses_entered_for_the_countries_are_validated(self, client, secretariat, cadiz):
        reporting_round = ReportingRoundFactory(slug="round-2025", framework=cadiz)
        rows = [
            {"round": "round-2025", "partner": "morocco", "action": "2", "status": "implemented"},
            {"round": "round-2025", "partner": "spain", "action": "1", "status": "planned"},
        ]
        preview = upload(client, "recommendations_implementationreport", sheet(rows))
        confirm(client, "recommendations_implementationreport", preview)
        reports = ImplementationReport.objects.filter(round=reporting_round)
        assert reports.count() == 2
        morocco = reports.get(partner__slug="morocco")
        assert (morocco.action.number, morocco.status) == ("2", "implemented")
        assert morocco.state == ImplementationReport.State.VALIDATED
        assert morocco.validated_by == secretariat and morocco.validated_at is not None

        rows[0]["status"] = "in_progress"
        again = upload(client, "recommendations_implementationreport", sheet(rows))
        confirm(client, "recommendations_implementationreport", again)
        assert reports.count() == 2
        assert reports.get(partner__slug="morocco").status == "in_progress"

    def test_an_action_outside_the_rounds_framework(self, client, secretariat, cadiz):
        ReportingRoundFactory(slug="round-2025", framework=cadiz)
        rows = [{"round": "round-2025", "partner": "morocco", "action": "99", "status": "planned"}]
        page = upload(client, "recommendations_implementationreport", sheet(rows))
        assert "No action 99 in" in page.content.decode()
        assert not ImplementationReport.objects.exists()
