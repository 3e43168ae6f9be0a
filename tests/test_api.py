"""The public API: what it shows, what it keeps back, its filters, languages and pages."""

import datetime
import json

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from governance.api import CommitteeSeatViewSet, PartnerViewSet
from governance.filters import CommitteeFilterSet
from governance.models import Presidency
from governance.views import PartnerListView
from meetings.api import MeetingViewSet
from meetings.models import Document, Meeting
from meetings.views import MeetingListView
from recommendations.api import RecommendationViewSet
from recommendations.models import ImplementationReport
from recommendations.views import RecommendationListView
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    PresidencyFactory,
    ProjectFactory,
    RecommendationFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db


def results(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(client, address, **params):
    return [row["slug"] for row in results(client, address, **params)]


class TestWhatTheApiKeepsBack:
    def test_unpublished_meetings_are_neither_listed_nor_found(self, client):
        MeetingFactory(slug="public-meeting")
        MeetingFactory(slug="draft-meeting", published=False)
        assert slugs(client, "/api/meetings/") == ["public-meeting"]
        assert client.get("/api/meetings/draft-meeting/").status_code == 404

    def test_a_signed_in_secretariat_sees_no_more_than_a_visitor(self, client):
        MeetingFactory(slug="draft-meeting", published=False)
        client.force_login(SecretariatUserFactory())
        assert slugs(client, "/api/meetings/") == []
        assert client.get("/api/meetings/draft-meeting/").status_code == 404

    def test_unpublished_recommendations_and_those_of_unpublished_meetings(self, client):
        shown = RecommendationFactory()
        hidden = RecommendationFactory(published=False)
        of_a_draft = RecommendationFactory(meeting=MeetingFactory(published=False))
        assert [row["id"] for row in results(client, "/api/recommendations/")] == [shown.pk]
        for recommendation in (hidden, of_a_draft):
            address = f"/api/recommendations/{recommendation.pk}/"
            assert client.get(address).status_code == 404

    def test_only_public_documents_are_listed(self, client):
        meeting = MeetingFactory()
        DocumentFactory(meeting=meeting, title="Agenda")
        DocumentFactory(
            meeting=meeting, title="Partners' notes", visibility=Document.Visibility.PARTNERS
        )
        meeting_data = client.get(f"/api/meetings/{meeting.slug}/").json()
        assert [document["title"] for document in meeting_data["documents"]] == ["Agenda"]

    def test_implementation_figures_count_validated_reports_on_public_subjects(self, client):
        action = ActionFactory()
        now = timezone.now()
        validated = {"state": ImplementationReport.State.VALIDATED, "validated_at": now}
        validated.update(submitted_at=now)
        for status in ("implemented", "implemented", "planned"):
            ImplementationReportFactory(
                action=action, round__framework=action.framework, status=status, **validated
            )
        ImplementationReportFactory(
            action=action,
            round__framework=action.framework,
            status="implemented",
            state=ImplementationReport.State.SUBMITTED,
            submitted_at=now,
        )
        hidden = RecommendationFactory(published=False)
        ImplementationReportFactory(action=None, recommendation=hidden, **validated)

        rows = results(client, "/api/implementation/")

        assert rows == [
            {"recommendation": None, "action": action.pk, "status": "implemented", "reports": 2},
            {"recommendation": None, "action": action.pk, "status": "planned", "reports": 1},
        ]

    def test_no_focal_point_nor_private_text_anywhere(self, client):
        focal_point = FocalPointFactory(email="private.contact@example.org", phone="+212 555")
        MembershipFactory(partner=focal_point.partner)
        meeting = MeetingFactory()
        MeetingRoleFactory(meeting=meeting, partner=focal_point.partner)
        now = timezone.now()
        ImplementationReportFactory(
            partner=focal_point.partner,
            narrative="Our confidential narrative",
            state=ImplementationReport.State.VALIDATED,
            submitted_at=now,
            validated_at=now,
        )
        index = client.get("/api/").json()
        assert not any("focal" in name for name in index)
        everything = "".join(
            client.get(address, {"page_size": 200}).content.decode() for address in index.values()
        )
        for secret in ("private.contact@example.org", "+212 555", "Our confidential narrative"):
            assert secret not in everything
        assert focal_point.partner.slug in everything  # the search did read the records


class TestFilters:
    def test_the_api_filters_with_the_lists_own_filtersets(self):
        assert MeetingViewSet.filterset_class is MeetingListView.filterset_class
        assert RecommendationViewSet.filterset_class is RecommendationListView.filterset_class
        assert PartnerViewSet.filterset_class is PartnerListView.filterset_class
        assert CommitteeSeatViewSet.filterset_class is CommitteeFilterSet

    def test_meetings_by_co_chair_and_kind(self, client):
        chair = CountryFactory(slug="morocco")
        chaired = MeetingFactory(slug="chaired", kind=Meeting.Kind.THEMATIC_MEETING)
        MeetingRoleFactory(meeting=chaired, partner=chair)
        MeetingFactory(slug="other", kind=Meeting.Kind.THEMATIC_MEETING)
        MeetingFactory(slug="ministerial", kind=Meeting.Kind.MINISTERIAL_CONFERENCE)
        assert slugs(client, "/api/meetings/", chair="morocco") == ["chaired"]
        assert sorted(slugs(client, "/api/meetings/", kind="thematic_meeting")) == [
            "chaired",
            "other",
        ]

    def test_recommendations_by_words(self, client):
        wanted = RecommendationFactory(text="Support the return of migrants in dignity.")
        RecommendationFactory(text="Fight trafficking in human beings.")
        found = results(client, "/api/recommendations/", q="dignity")
        assert [row["id"] for row in found] == [wanted.pk]

    def test_committee_on_a_date(self, client):
        MembershipFactory(partner__slug="member", start=datetime.date(2019, 1, 1))
        MembershipFactory(
            partner__slug="former",
            start=datetime.date(2015, 1, 1),
            end=datetime.date(2018, 1, 1),
        )
        rows = results(client, "/api/steering-committee/", date="2020-06-01")
        assert [row["partner"] for row in rows] == ["member"]

    @pytest.mark.parametrize(
        ("address", "params", "field"),
        [
            ("/api/meetings/", {"year": "twenty"}, "year"),
            ("/api/meetings/", {"chair": "atlantis"}, "chair"),
            ("/api/meetings/", {"kind": "picnic"}, "kind"),
            ("/api/recommendations/", {"meeting": "unknown"}, "meeting"),
            ("/api/steering-committee/", {"date": "2020-13-45"}, "date"),
            ("/api/partners/", {"lang": "de"}, "lang"),
            (
                "/api/implementation/",
                {"recommendation": "-10461193707091311227568128"},
                "recommendation",
            ),
            ("/api/implementation/", {"recommendation": str(2**63)}, "recommendation"),
            ("/api/implementation/", {"recommendation": "1.5"}, "recommendation"),
        ],
    )
    def test_a_wrong_filter_is_a_400_that_names_it(self, client, address, params, field):
        response = client.get(address, params)
        assert response.status_code == 400
        assert field in response.json()


class TestLanguages:
    def test_texts_in_the_language_asked_for(self, client):
        MeetingFactory(title="Thematic meeting on return", title_fr="Réunion sur le retour")
        english = results(client, "/api/meetings/")[0]
        response = client.get("/api/meetings/", {"lang": "fr"})
        french = response.json()["results"][0]
        assert english["title"] == "Thematic meeting on return"
        assert french["title"] == "Réunion sur le retour"
        assert response.headers["Content-Language"] == "fr"
        assert "/fr/" in french["page"] and "/en/" in english["page"]

    def test_accept_language_header(self, client):
        MeetingFactory(title="Thematic meeting on return", title_fr="Réunion sur le retour")
        response = client.get("/api/meetings/", headers={"accept-language": "fr"})
        assert response.json()["results"][0]["title"] == "Réunion sur le retour"


class TestPagination:
    def test_pages_of_the_chosen_size_up_to_200(self, client):
        for _ in range(3):
            MeetingFactory()
        page = client.get("/api/meetings/", {"page_size": 2}).json()
        assert (page["count"], len(page["results"])) == (3, 2)
        assert "page=2" in page["next"]
        assert client.get("/api/meetings/", {"page": 99}).status_code == 404

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_num_queries, django_assert_max_num_queries
    ):
        def grow():
            action = ActionFactory()
            meeting = MeetingFactory()
            meeting.actions.add(action)
            MeetingRoleFactory(meeting=meeting)
            DocumentFactory(meeting=meeting)
            recommendation = RecommendationFactory(meeting=meeting)
            recommendation.addressees.add(CountryFactory())
            recommendation.actions.add(action)
            PresidencyFactory(start=datetime.date(2000 + Presidency.objects.count(), 1, 1))
            MembershipFactory()
            project = ProjectFactory()
            project.countries.add(CountryFactory())
            project.implementers.create(name=f"Agency {project.pk}")
            now = timezone.now()
            ImplementationReportFactory(
                action=action,
                round__framework=action.framework,
                state=ImplementationReport.State.VALIDATED,
                submitted_at=now,
                validated_at=now,
            )

        expected = {"/api/meetings/": 9, "/api/recommendations/": 6}
        grow()
        index = client.get("/api/").json()
        counts = {}
        for address in index.values():
            with django_assert_max_num_queries(10) as captured:
                client.get(address)
            counts[address.removeprefix("http://testserver")] = len(captured.captured_queries)
        for _ in range(3):
            grow()
        for address, count in counts.items():
            with django_assert_num_queries(count):
                client.get(address)
        assert {address: counts[address] for address in expected} == expected

    def test_every_collection_answers(self, client):
        PresidencyFactory()
        ActionFactory()
        index = client.get("/api/").json()
        assert set(index) == {
            "meetings",
            "library",
            "recommendations",
            "implementation",
            "projects",
            "partners",
            "presidencies",
            "steering-committee",
            "frameworks",
            "domains",
            "objectives",
            "actions",
        }
        for address in index.values():
            assert client.get(address).status_code == 200


class TestDocumentation:
    def test_the_schema_describes_every_collection(self, client):
        schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
        assert {"/api/meetings/", "/api/meetings/{slug}/", "/api/implementation/"} <= set(
            schema["paths"]
        )
        parameters = {p["name"] for p in schema["paths"]["/api/meetings/"]["get"]["parameters"]}
        assert {"chair", "action", "kind", "q", "page", "page_size", "lang"} <= parameters

    def test_the_docs_page_loads_everything_from_the_site(self, client):
        response = client.get("/api/docs/")
        # Its layout is an inline style; no other page may have one.
        assert "'unsafe-inline'" in response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in client.get("/en/")["Content-Security-Policy"]
        page = response.content.decode()
        assert "swagger-ui" in page
        assert "https://" not in page and "http://" not in page.replace("http://testserver", "")
        assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


@pytest.mark.parametrize("address", ["/api/nothing/here/", "/api/meetings/a%0Ab/"])
def test_an_unknown_address_answers_in_json_even_with_a_line_break(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
