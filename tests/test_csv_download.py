"""Public lists downloaded as CSV, filtered as on their pages."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CountryFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def download(client, url_name, **params):
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_meetings_with_the_filters_of_the_page_every_row_not_one_page(client):
    chair = CountryFactory(slug="morocco", name="Morocco")
    for number in range(25):
        MeetingRoleFactory(meeting=MeetingFactory(title=f"Chaired {number}"), partner=chair)
    MeetingFactory(title="Not chaired")
    MeetingFactory(title="Draft", published=False)
    rows = download(client, "meetings:csv", chair="morocco")
    assert len(rows) == 25
    assert {row["Chairs and co-chairs"] for row in rows} == {"Morocco"}
    assert rows[0]["Page"].startswith("http://testserver/en/meetings/")
    assert {row["Title"] for row in download(client, "meetings:csv")} >= {"Not chaired"}
    assert "Draft" not in {row["Title"] for row in download(client, "meetings:csv")}


def test_the_list_page_links_to_its_download_with_its_filters(client):
    page = client.get(reverse("meetings:list"), {"kind": "webinar"}).content.decode()
    assert reverse("meetings:csv") + "?kind=webinar" in page


def test_recommendations_in_french(client):
    RecommendationFactory(text="Protect migrants", text_fr="Protéger les migrants")
    RecommendationFactory(published=False, text="Hidden")
    with translation.override("fr"):
        rows = download(client, "recommendations:csv")
    assert [row["Texte"] for row in rows] == ["Protéger les migrants"]
    assert "/fr/" in rows[0]["Page"]


def test_partners_by_region(client):
    CountryFactory(name="Senegal", region="west_africa")
    CountryFactory(name="Spain", region="europe")
    rows = download(client, "governance:partner-csv", region="europe")
    assert [row["Name"] for row in rows] == ["Spain"]


def test_the_steering_committee_on_a_date_or_every_seat(client):
    MembershipFactory(
        partner__name="Senegal", partner__slug="senegal", start=datetime.date(2019, 1, 1)
    )
    MembershipFactory(
        partner__name="Spain", start=datetime.date(2012, 1, 1), end=datetime.date(2015, 1, 1)
    )
    on_date = download(client, "governance:steering-committee-csv", date="2020-06-01")
    assert [row["Member"] for row in on_date] == ["Senegal"]
    assert on_date[0]["Page"].endswith(reverse("governance:partner-detail", args=["senegal"]))
    every_seat = download(client, "governance:steering-committee-csv")
    assert [row["Member"] for row in every_seat] == ["Senegal", "Spain"]
    assert every_seat[1]["To"] != ""
    page = client.get(reverse("governance:steering-committee"), {"date": "2020-06-01"})
    assert (
        reverse("governance:steering-committee-csv") + "?date=2020-06-01" in page.content.decode()
    )


# What anyone who writes a record could type for a spreadsheet program to run.
FORMULAS = [
    '==HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", FORMULAS)
@pytest.mark.parametrize(
    ("url_name", "make", "column"),
    [
        ("meetings:csv", lambda text: MeetingFactory(title=text), "Title"),
        (
            "recommendations:csv",
            lambda text: RecommendationFactory(meeting__title=text),
            "Meeting",
        ),
        ("governance:partner-csv", lambda text: CountryFactory(name=text), "Name"),
        (
            "governance:steering-committee-csv",
            lambda text: MembershipFactory(partner=CountryFactory(name=text)),
            "Member",
        ),
    ],
)
def test_a_cell_is_never_a_formula(client, payload, url_name, make, column):
    make(payload)
    cells = [row[column] for row in download(client, url_name)]
    assert "'" + payload in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_a_wrong_filter_is_a_400_that_says_which(client):
    response = client.get(reverse("meetings:csv"), {"year": "twenty"})
    assert response.status_code == 400
    assert "year" in response.content.decode()


def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    def grow():
        recommendation = RecommendationFactory()
        recommendation.addressees.add(CountryFactory())
        MeetingRoleFactory(meeting=recommendation.meeting)

    for url_name, expected in (("meetings:csv", 2), ("recommendations:csv", 3)):
        grow()
        with django_assert_num_queries(expected):
            download(client, url_name)
        for _ in range(3):
            grow()
        with django_assert_num_queries(expected):
            download(client, url_name)
