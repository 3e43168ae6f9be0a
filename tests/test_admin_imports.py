"""Imports without traps: the sheets secretariat clerks save, in either language, read as
they meant them, and every mistake shown at once before anything is written."""

import codecs
import csv
import datetime
import html
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Meeting
from recommendations.models import ImplementationReport, Recommendation
from tests.factories import (
    ActionFactory,
    CountryFactory,
    FocalPointFactory,
    MeetingFactory,
    ReportingRoundFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
MEETINGS, RECOMMENDATIONS = "meetings_meeting", "recommendations_recommendation"


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def partners():
    return CountryFactory(slug="morocco"), CountryFactory(slug="spain")


@pytest.fixture
def cadiz():
    first = ActionFactory(number="1", objective__domain__framework__slug="cadiz")
    ActionFactory(number="2", objective=first.objective, framework=first.framework)
    return first.framework


def csv_text(rows, delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def upload(client, admin_name, content, name="sheet.csv", file_format=CSV_FORMAT):
    return client.post(
        reverse(f"admin:{admin_name}_import"),
        {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, admin_name, preview):
    page = preview.content.decode()
    assert "process_import" in page, problems(preview)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    hidden.pop("csrfmiddlewaretoken", None)
    return client.post(reverse(f"admin:{admin_name}_process_import"), hidden)


def problems(response):
    """The preview's table of errors, as (line, column, message) rows."""
    page = response.content.decode()
    table = re.search(r'<table class="import-problems">(.*?)</table>', page, re.S)
    if table is None:
        return []
    cells = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", table[1], re.S)
    return [tuple(html.unescape(cell.strip()) for cell in row) for row in cells]


def form_errors(response):
    page = response.content.decode()
    return [
        html.unescape(error)
        for error in re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', page)
    ]


MEETING_HEADER = ["slug", "title_en", "title_fr", "kind", "status", "start", "city_fr"]


class TestCsvAsClerksSaveIt:
    def test_windows_1252_with_semicolons_and_french_labels(self, client, secretariat):
        rows = [
            [*MEETING_HEADER, "published", "online", "tentative"],
            [
                "yaounde-2025",
                "Meeting in Yaounde",
                "Réunion à Yaoundé",
                "Réunion thématique",
                "Tenue",
                "04/03/2025",
                "Yaoundé",
                "oui",
                "x",
                "NON",
            ],
        ]
        content = csv_text(rows, delimiter=";").encode("cp1252")
        confirm(client, MEETINGS, upload(client, MEETINGS, content))

        meeting = Meeting.objects.get(slug="yaounde-2025")
        assert (meeting.title_fr, meeting.city_fr) == ("Réunion à Yaoundé", "Yaoundé")
        assert (meeting.kind, meeting.status) == ("thematic_meeting", "held")
        assert meeting.start == datetime.date(2025, 3, 4)
        assert (meeting.published, meeting.online, meeting.tentative) == (True, True, False)

    def test_utf8_with_a_byte_order_mark_and_commas(self, client, secretariat):
        rows = [
            [" Slug ", "Title_EN", "title_fr", "kind", "status", "start", "published"],
            [
                "dakar-2025",
                "Dakar",
                "Réunion de Dakar",
                "WEBINAR",
                "cancelled",
                "2025-03-04",
                "Yes",
            ],
        ]
        content = codecs.BOM_UTF8 + csv_text(rows).encode()
        confirm(client, MEETINGS, upload(client, MEETINGS, content))

        meeting = Meeting.objects.get(slug="dakar-2025")
        assert meeting.title_fr == "Réunion de Dakar"
        assert (meeting.kind, meeting.status, meeting.published) == ("webinar", "cancelled", True)

    def test_utf8_without_a_mark_and_with_semicolons(self, client, secretariat):
        rows = [
            ["slug", "title_en", "kind", "published"],
            ["niamey", "Côte d’Ivoire’s meeting", "senior officials' meeting", "false"],
        ]
        confirm(client, MEETINGS, upload(client, MEETINGS, csv_text(rows, ";").encode()))
        meeting = Meeting.objects.get(slug="niamey")
        assert meeting.title == "Côte d’Ivoire’s meeting"
        assert (meeting.kind, meeting.published) == ("senior_officials_meeting", False)

    def test_an_excel_workbook_with_date_and_boolean_cells(self, client, secretariat):
        content = workbook(
            [
                ["slug", "title_en", "kind", "start", "published", "participants_count"],
                ["abuja", "Abuja", "workshop", datetime.date(2025, 6, 2), True, 40.0],
            ]
        )
        preview = upload(client, MEETINGS, content, "sheet.xlsx", XLSX_FORMAT)
        confirm(client, MEETINGS, preview)
        meeting = Meeting.objects.get(slug="abuja")
        assert (meeting.start, meeting.published) == (datetime.date(2025, 6, 2), True)
        assert meeting.participants_count == 40

    def test_blank_rows_are_skipped_and_lines_keep_their_number(self, client, secretariat):
        rows = [
            ["slug", "title_en", "kind", "published"],
            ["first", "First", "webinar", "no"],
            ["", "", "", ""],
            ["third", "Third", "webinar", "maybe"],
            ["", "", "", ""],
        ]
        preview = upload(client, MEETINGS, csv_text(rows).encode())
        assert [(line, column) for line, column, _message in problems(preview)] == [
            ("4", "published")
        ]


class TestYesNoAndChoices:
    @pytest.mark.parametrize(
        ("written", "published"),
        [
            ("oui", True),
            ("Oui ", True),
            ("x", True),
            ("X", True),
            ("1", True),
            ("TRUE", True),
            ("yes", True),
            ("non", False),
            ("No", False),
            ("0", False),
            ("false", False),
            ("", False),
        ],
    )
    def test_yes_and_no_as_a_clerk_writes_them(self, client, secretariat, written, published):
        rows = [["slug", "title_en", "kind", "published"], ["m", "M", "webinar", written]]
        confirm(client, MEETINGS, upload(client, MEETINGS, csv_text(rows).encode()))
        assert Meeting.objects.get(slug="m").published is published

    def test_an_unknown_yes_or_no_is_an_error_never_a_no(self, client, secretariat):
        rows = [["slug", "title_en", "kind", "published"], ["m", "M", "webinar", "peut-être"]]
        preview = upload(client, MEETINGS, csv_text(rows).encode())
        [(line, column, message)] = problems(preview)
        assert (line, column) == ("2", "published")
        assert "“peut-être” is neither yes nor no" in message
        assert "oui, non" in message
        assert not Meeting.objects.exists()

    def test_an_unknown_kind_lists_the_accepted_values(self, client, secretariat):
        rows = [["slug", "title_en", "kind", "status"], ["m", "M", "wish", "tenue"]]
        [(line, column, message)] = problems(upload(client, MEETINGS, csv_text(rows).encode()))
        assert (line, column) == ("2", "kind")
        assert "“wish” is not one of the accepted values" in message
        assert "thematic meeting (thematic_meeting)" in message and "webinar (webinar)" in message

    def test_recommendation_kinds_by_their_french_name(self, client, secretariat, cadiz):
        meeting = MeetingFactory()
        rows = [
            ["meeting", "kind", "number", "text_fr", "published"],
            [meeting.slug, "Conclusion", "1", "Première conclusion", "oui"],
            [meeting.slug, "RECOMMANDATION", "1", "Première recommandation", "non"],
        ]
        confirm(client, RECOMMENDATIONS, upload(client, RECOMMENDATIONS, csv_text(rows).encode()))
        kinds = dict(Recommendation.objects.values_list("kind", "published"))
        assert kinds == {"conclusion": True, "recommendation": False}


class TestEveryErrorAtOnce:
    def test_many_errors_in_many_rows_all_shown_and_nothing_written(
        self, client, secretariat, partners
    ):
        rows = [
            ["slug", "title_en", "kind", "start", "end", "published", "host_country", "co_chairs"],
            ["ok", "Fine", "webinar", "2025-03-04", "", "oui", "morocco", "spain"],
            ["bad-1", "Bad", "wish", "31/02/2025", "", "peut-être", "atlantis", "spain"],
            ["bad-2", "", "webinar", "2025-03-04", "2025-03-01", "x", "", "morocco; nowhere"],
            ["bad-3", "Bad", "webinar", "soon", "", "non", "", ""],
        ]
        response = upload(client, MEETINGS, csv_text(rows).encode())
        found = problems(response)
        by_cell = {(line, column): message for line, column, message in found}

        assert "“wish” is not one of the accepted values" in by_cell["3", "kind"]
        assert "“31/02/2025” is not a date" in by_cell["3", "start"]
        assert "“peut-être” is neither yes nor no" in by_cell["3", "published"]
        assert by_cell["3", "host_country"] == "No partner has the slug “atlantis”."
        assert by_cell["4", "title_en"] == "This field cannot be blank."
        assert by_cell["4", "end"] == "The meeting cannot end before it starts."
        assert by_cell["4", "co_chairs"] == "Unknown partners: nowhere."
        assert "“soon” is not a date" in by_cell["5", "start"]
        assert [line for line, _column, _message in found] == sorted(
            line for line, _column, _message in found
        )
        assert f"The sheet has {len(found)} errors" in response.content.decode()
        assert "process_import" not in response.content.decode()
        assert not Meeting.objects.exists()

    def test_an_unknown_meeting_and_the_rows_other_mistakes_together(
        self, client, secretariat, cadiz
    ):
        rows = [
            ["meeting", "kind", "number", "text_en", "published"],
            ["nowhere", "wish", "1", "", "maybe"],
        ]
        found = problems(upload(client, RECOMMENDATIONS, csv_text(rows).encode()))
        columns = {column for _line, column, _message in found}
        assert {"meeting", "kind", "published"} <= columns
        assert not Recommendation.objects.exists()

    def test_no_traceback_on_the_page(self, client, secretariat):
        rows = [["slug", "title_en", "kind", "participants_count"], ["m", "M", "webinar", "many"]]
        page = upload(client, MEETINGS, csv_text(rows).encode()).content.decode()
        assert "Traceback" not in page and "InvalidOperation" not in page
        assert "“many” is not a whole number." in page

    def test_unknown_and_missing_columns(self, client, secretariat):
        rows = [["tittle_en", "kind"], ["M", "webinar"]]
        messages = [
            message
            for _line, _column, message in problems(
                upload(client, MEETINGS, csv_text(rows).encode())
            )
        ]
        assert any(
            message.startswith("Unknown column “tittle_en”: the import reads slug,")
            for message in messages
        )
        assert "The sheet has no “slug” column, which finds each row's record." in messages
        assert not Meeting.objects.exists()

    def test_a_row_that_became_wrong_since_the_preview_undoes_the_import(
        self, client, secretariat, partners
    ):
        rows = [
            ["slug", "title_en", "kind", "co_chairs"],
            ["first", "First", "webinar", "morocco"],
            ["second", "Second", "webinar", "spain"],
        ]
        preview = upload(client, MEETINGS, csv_text(rows).encode())
        partners[1].delete()
        response = confirm(client, MEETINGS, preview)
        assert response.status_code == 302
        assert response["Location"] == reverse(f"admin:{MEETINGS}_import")
        assert not Meeting.objects.exists()
        page = client.get(response["Location"]).content.decode()
        assert "Nothing was imported: 1 error was found while importing." in page

    def test_a_record_named_twice(self, client, secretariat, cadiz):
        meeting = MeetingFactory()
        rows = [
            ["meeting", "kind", "number", "text_en"],
            [meeting.slug, "recommendation", "1", "First"],
            [meeting.slug, "conclusion", "1", "A conclusion"],
            [meeting.slug, "Recommendation", "1", "First, again"],
        ]
        found = problems(upload(client, RECOMMENDATIONS, csv_text(rows).encode()))
        assert found == [
            ("4", "—", "This row names the same record as line 2 (same meeting, kind, number).")
        ]
        assert not Recommendation.objects.exists()

    def test_a_sheet_that_expired_before_the_confirmation(self, client, secretariat):
        rows = [["slug", "title_en", "kind"], ["m", "M", "webinar"]]
        preview = upload(client, MEETINGS, csv_text(rows).encode())
        cache.clear()
        response = confirm(client, MEETINGS, preview)
        assert response["Location"] == reverse(f"admin:{MEETINGS}_import")
        page = client.get(response["Location"]).content.decode()
        assert "The uploaded sheet has expired: upload it again." in page
        assert not Meeting.objects.exists()


class TestUnreadableFiles:
    @pytest.mark.parametrize(
        ("content", "file_format", "message"),
        [
            (b"", CSV_FORMAT, "The submitted file is empty."),
            (b"\r\n\r\n", CSV_FORMAT, "The file is empty."),
            (
                workbook([["slug"], ["m"]]),
                CSV_FORMAT,
                "This file is an Excel workbook, not a CSV file: choose the “xlsx” format.",
            ),
            (
                "slug,title_en\nm,M\n".encode("utf-16"),
                CSV_FORMAT,
                "This file is not a CSV file the import can read.",
            ),
            (b"slug,title_en\nm,M\n", XLSX_FORMAT, "This file is not an Excel workbook (.xlsx)."),
            (b"PK\x03\x04 damaged", XLSX_FORMAT, "This Excel workbook cannot be read."),
        ],
    )
    def test_a_readable_form_error(self, client, secretariat, content, file_format, message):
        response = upload(client, MEETINGS, content, file_format=file_format)
        assert response.status_code == 200
        assert any(error.startswith(message) for error in form_errors(response)), form_errors(
            response
        )
        assert "Traceback" not in response.content.decode()

    def test_only_the_column_names(self, client, secretariat):
        response = upload(client, MEETINGS, b"slug,title_en\r\n")
        assert any("No valid data to import" in error for error in form_errors(response))


class TestImplementationImport:
    def test_statuses_and_states_by_their_french_names(self, client, secretariat, cadiz):
        ReportingRoundFactory(slug="round-2025", framework=cadiz)
        CountryFactory(slug="morocco")
        rows = [
            ["round", "partner", "action", "status", "state"],
            ["round-2025", "morocco", "2", "En cours", "brouillon"],
        ]
        preview = upload(client, "recommendations_implementationreport", csv_text(rows).encode())
        confirm(client, "recommendations_implementationreport", preview)
        report = ImplementationReport.objects.get()
        assert (report.status, report.state) == ("in_progress", "draft")


class TestMeetingByDateAndCity:
    @pytest.fixture
    def meetings(self):
        return (
            MeetingFactory(slug="rabat", city="Rabat", start=datetime.date(2025, 3, 4)),
            MeetingFactory(
                slug="dakar",
                city="Dakar",
                start=datetime.date(2025, 3, 3),
                end=datetime.date(2025, 3, 5),
            ),
            MeetingFactory(slug="fes", city="Fès", start=datetime.date(2025, 6, 1)),
            MeetingFactory(slug="fes-too", city="Fès", start=datetime.date(2025, 6, 1)),
        )

    def import_for(self, client, meeting):
        rows = [["meeting", "kind", "number", "text_en"], [meeting, "recommendation", "1", "Text"]]
        return upload(client, RECOMMENDATIONS, csv_text(rows).encode())

    @pytest.mark.parametrize(
        ("named", "slug"),
        [
            ("2025-03-04 Rabat", "rabat"),
            ("Rabat, 04/03/2025", "rabat"),
            ("04.03.2025 dakar", "dakar"),
            ("dakar", "dakar"),
        ],
    )
    def test_a_meeting_by_a_day_it_was_held_and_its_city(
        self, client, secretariat, meetings, named, slug
    ):
        confirm(client, RECOMMENDATIONS, self.import_for(client, named))
        assert Recommendation.objects.get().meeting.slug == slug

    def test_several_meetings_match(self, client, secretariat, meetings):
        [(_line, column, message)] = problems(self.import_for(client, "2025-06-01 fes"))
        assert column == "meeting"
        assert message.startswith("Several meetings match “2025-06-01 fes”: fes (")
        assert "fes-too (" in message

    def test_no_meeting_in_that_city_that_day(self, client, secretariat, meetings):
        [(_line, _column, message)] = problems(self.import_for(client, "2025-03-04 Niamey"))
        assert message.startswith("No meeting in Niamey on 2025-03-04. Meetings that day: dakar (")
        assert "rabat (" in message

    def test_no_meeting_that_day(self, client, secretariat, meetings):
        [(_line, _column, message)] = problems(self.import_for(client, "2024-01-01 Rabat"))
        assert message == "No meeting was held on 2024-01-01."


class TestTemplates:
    def test_the_import_page_links_to_its_templates(self, client, secretariat):
        page = client.get(reverse(f"admin:{MEETINGS}_import")).content.decode()
        for extension in ("csv", "xlsx"):
            assert reverse(f"admin:{MEETINGS}_import_template", args=[extension]) in page

    @pytest.mark.parametrize(
        ("admin_name", "first_columns"),
        [
            (MEETINGS, ["slug", "title_en", "title_fr", "kind"]),
            (RECOMMENDATIONS, ["meeting", "kind", "number", "paragraph"]),
            ("recommendations_implementationreport", ["round", "partner", "action"]),
        ],
    )
    def test_a_template_in_each_format_the_import_reads(
        self, client, secretariat, admin_name, first_columns
    ):
        as_csv = client.get(reverse(f"admin:{admin_name}_import_template", args=["csv"]))
        assert as_csv.status_code == 200
        assert as_csv["Content-Type"].startswith("text/csv")
        assert "attachment" in as_csv["Content-Disposition"]
        header, example = as_csv.content.decode("utf-8-sig").splitlines()
        assert header.split(",")[: len(first_columns)] == first_columns
        assert len(example.split(",")) >= len(header.split(","))

        as_excel = client.get(reverse(f"admin:{admin_name}_import_template", args=["xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(as_excel.content)).active
        assert [cell.value for cell in sheet[1]][: len(first_columns)] == first_columns
        assert sheet.max_row == 2

    def test_a_filled_template_imports(self, client, secretariat):
        CountryFactory(slug="senegal")
        CountryFactory(slug="spain")
        template = client.get(reverse(f"admin:{MEETINGS}_import_template", args=["xlsx"]))
        preview = upload(client, MEETINGS, template.content, "template.xlsx", XLSX_FORMAT)
        confirm(client, MEETINGS, preview)
        meeting = Meeting.objects.get()
        assert meeting.kind == "thematic_meeting" and meeting.chairs.count() == 2

    def test_a_french_clerk_gets_semicolons(self, client, secretariat):
        response = client.get(
            reverse(f"admin:{MEETINGS}_import_template", args=["csv"]), HTTP_ACCEPT_LANGUAGE="fr"
        )
        assert response.content.startswith(codecs.BOM_UTF8)
        assert response.content.decode("utf-8-sig").startswith("slug;title_en;")

    def test_an_unknown_format(self, client, secretariat):
        response = client.get(reverse(f"admin:{MEETINGS}_import_template", args=["pdf"]))
        assert response.status_code == 404

    def test_only_who_may_import_downloads_a_template(self, client):
        address = reverse(f"admin:{MEETINGS}_import_template", args=["csv"])
        assert client.get(address).status_code == 302
        client.force_login(FocalPointFactory().user)
        assert client.get(address).status_code == 302
        reader = UserFactory(is_staff=True)
        reader.user_permissions.add(
            Permission.objects.get(codename="view_meeting"),
            Permission.objects.get(codename="change_meeting"),
        )
        client.force_login(reader)
        assert client.get(address).status_code == 403

    def test_the_import_page_in_french(self, client, secretariat):
        response = client.get(reverse(f"admin:{MEETINGS}_import"), HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        assert 'lang="fr"' in response.content.decode()
