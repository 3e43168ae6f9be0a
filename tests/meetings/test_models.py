import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import timezone, translation

from governance.models import DatePrecision
from meetings.models import Document, Meeting, MeetingRole
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DocumentFactory,
    FocalPointFactory,
    MeetingFactory,
    MeetingRoleFactory,
    MembershipFactory,
    PresidencyFactory,
    RecommendationFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.helpers import refused_by_database

pytestmark = pytest.mark.django_db
day = datetime.date


class TestMeetingDates:
    def test_a_range_in_one_month(self):
        meeting = MeetingFactory(start=day(2022, 12, 13), end=day(2022, 12, 14))
        assert meeting.dates_display == "13–14 December 2022"

    def test_a_range_across_months(self):
        meeting = MeetingFactory(start=day(2016, 11, 30), end=day(2016, 12, 1))
        assert meeting.dates_display == "30 November – 1 December 2016"

    def test_month_to_be_confirmed(self):
        meeting = MeetingFactory(
            start=day(2014, 3, 18), date_precision=DatePrecision.MONTH, tentative=True
        )
        assert meeting.start == day(2014, 3, 1)
        assert meeting.dates_display == "March 2014, to be confirmed"

    def test_season(self):
        meeting = MeetingFactory(start=day(2014, 6, 1), date_precision=DatePrecision.MID_YEAR)
        assert meeting.dates_display == "mid-2014"

    def test_in_french(self):
        meeting = MeetingFactory(start=day(2014, 3, 1), date_precision=DatePrecision.MONTH)
        with translation.override("fr"):
            assert meeting.dates_display == "mars 2014"

    def test_end_before_start_is_refused_by_the_database(self):
        refused_by_database(lambda: MeetingFactory(start=day(2024, 5, 2), end=day(2024, 5, 1)))

    def test_end_with_a_partial_start_is_refused_by_the_database(self):
        refused_by_database(
            lambda: MeetingFactory(
                start=day(2014, 3, 1), date_precision=DatePrecision.MONTH, end=day(2014, 3, 2)
            )
        )

    def test_clean_explains_the_dates(self):
        meeting = MeetingFactory.build(start=day(2024, 5, 2), end=day(2024, 5, 1))
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            meeting.full_clean()

    def test_unknown_kind_is_refused_by_the_database(self):
        refused_by_database(lambda: MeetingFactory(kind="party"))

    def test_slugs_are_unique(self):
        MeetingFactory(slug="som-2024")
        refused_by_database(lambda: MeetingFactory(slug="som-2024"))


class TestMeetingQueries:
    def test_during_a_presidency(self):
        presidency = PresidencyFactory(start=day(2024, 2, 1), end=day(2025, 1, 30))
        inside = MeetingFactory(start=day(2024, 5, 15))
        MeetingFactory(start=day(2025, 1, 30))
        MeetingFactory(start=day(2023, 4, 25))
        assert list(Meeting.objects.during(presidency)) == [inside]

    def test_upcoming_meetings_are_those_not_yet_held(self):
        today = timezone.localdate()
        planned = MeetingFactory(start=today + datetime.timedelta(days=10), status="confirmed")
        MeetingFactory(start=today + datetime.timedelta(days=10), status="cancelled")
        MeetingFactory(start=today - datetime.timedelta(days=10), status="held")
        assert list(Meeting.objects.upcoming()) == [planned]

    def test_held_meetings(self):
        held = MeetingFactory(status="held")
        MeetingFactory(status="postponed")
        assert list(Meeting.objects.held()) == [held]

    def test_coverage_derives_upward(self):
        action = ActionFactory()
        meeting = MeetingFactory()
        meeting.actions.add(action)
        assert list(Meeting.objects.addressing(action.objective)) == [meeting]
        assert list(Meeting.objects.addressing(action.objective.domain)) == [meeting]


class TestNeighbours:
    def test_previous_and_next_published_meeting_of_the_same_kind(self):
        kind = Meeting.Kind.WORKSHOP
        first = MeetingFactory(kind=kind, start=day(2020, 1, 1), title_fr="Premier atelier")
        MeetingFactory(kind=kind, start=day(2020, 6, 1), published=False)
        middle = MeetingFactory(kind=kind, start=day(2021, 1, 1))
        MeetingFactory(kind=Meeting.Kind.WEBINAR, start=day(2021, 6, 1))
        same_day = MeetingFactory(kind=kind, start=day(2021, 1, 1))
        MeetingFactory(kind=kind, start=None)
        previous, following = middle.neighbours()
        assert (previous.pk, previous.slug, previous.title_fr) == (
            first.pk,
            first.slug,
            "Premier atelier",
        )
        assert previous.get_absolute_url() == first.get_absolute_url()
        assert following.pk == same_day.pk
        assert first.neighbours()[0] is None
        assert same_day.neighbours()[1] is None

    def test_a_meeting_without_a_date_has_none(self):
        assert MeetingFactory(start=None).neighbours() == (None, None)

    def test_one_query(self, django_assert_num_queries):
        meeting = MeetingFactory()
        MeetingFactory.create_batch(3)
        with django_assert_num_queries(1):
            meeting.neighbours()

    def test_read_with_the_meeting(self, django_assert_num_queries):
        kind = Meeting.Kind.WORKSHOP
        first, middle, last = (
            MeetingFactory(kind=kind, start=day(year, 1, 1)) for year in (2020, 2021, 2022)
        )
        undated = MeetingFactory(kind=kind, start=None)
        meetings = Meeting.objects.with_neighbours().in_bulk([first.pk, middle.pk, undated.pk])
        with django_assert_num_queries(0):
            previous, following = meetings[middle.pk].neighbours()
            assert (previous.pk, following.pk) == (first.pk, last.pk)
            assert previous.title_en == first.title_en
            assert meetings[first.pk].neighbours()[0] is None
            assert meetings[undated.pk].neighbours() == (None, None)


class TestTitles:
    """Eleven meetings are titled only "Senior Officials' Meeting": place and year tell
    them apart wherever a title stands alone."""

    @pytest.mark.parametrize(
        ("title", "city", "start", "context"),
        [
            ("Senior Officials' Meeting", "Dakar", day(2015, 3, 1), "Dakar, 2015"),
            ("Thematic meeting in Rabat", "Rabat", day(2019, 5, 2), "2019"),
            ("Ministerial conference 2022", "Cadiz", day(2022, 12, 13), "Cadiz"),
            ("SOM Cadiz 2022", "Cadiz", day(2022, 12, 12), ""),
            ("Webinar", "", day(2021, 1, 1), "2021"),
            ("Steering Committee meeting", "", None, ""),
        ],
    )
    def test_context_adds_what_the_title_does_not_say(self, title, city, start, context):
        meeting = Meeting(title_en=title, city_en=city, start=start)
        assert meeting.title_context == context
        assert meeting.full_title == (f"{title} – {context}" if context else title)

    def test_neighbours_carry_their_place_and_year(self):
        kind = Meeting.Kind.SENIOR_OFFICIALS_MEETING
        first = MeetingFactory(kind=kind, title_en="SOM", city_en="Dakar", start=day(2015, 3, 1))
        second = MeetingFactory(kind=kind, title_en="SOM", city_en="Rome", start=day(2016, 3, 1))
        previous, _following = second.neighbours()
        assert previous.full_title == "SOM – Dakar, 2015"
        assert first.neighbours()[1].full_title == "SOM – Rome, 2016"


class TestStatusNote:
    """A meeting whose dates have passed is never shown as planned or confirmed."""

    @pytest.mark.parametrize(
        ("status", "days_from_today", "key"),
        [
            (Meeting.Status.HELD, -30, None),
            (Meeting.Status.PLANNED, -30, "unconfirmed"),
            (Meeting.Status.CONFIRMED, -1, "unconfirmed"),
            (Meeting.Status.CONFIRMED, 0, "confirmed"),
            (Meeting.Status.PLANNED, 30, "planned"),
            (Meeting.Status.CANCELLED, -30, "cancelled"),
            (Meeting.Status.POSTPONED, -30, "postponed"),
        ],
    )
    def test_what_the_status_says(self, status, days_from_today, key):
        start = timezone.localdate() + datetime.timedelta(days=days_from_today)
        note = Meeting(status=status, start=start).status_note
        assert (note[0] if note else None) == key

    def test_past_but_pending_lists_them_for_the_secretariat(self):
        today = timezone.localdate()
        stale = MeetingFactory(status="confirmed", start=today - datetime.timedelta(days=3))
        MeetingFactory(status="confirmed", start=today)
        MeetingFactory(status="held", start=today - datetime.timedelta(days=3))
        MeetingFactory(status="planned", start=None)
        assert list(Meeting.objects.past_but_pending()) == [stale]


class TestChairs:
    def test_one_role_per_partner_per_meeting(self):
        role = MeetingRoleFactory()
        refused_by_database(
            lambda: MeetingRole.objects.create(meeting=role.meeting, partner=role.partner)
        )

    def test_chairs_are_ordered(self):
        meeting = MeetingFactory()
        second = MeetingRoleFactory(meeting=meeting, order=2)
        first = MeetingRoleFactory(meeting=meeting, order=1)
        assert list(meeting.chairs.all()) == [first, second]

    def test_a_partner_that_chaired_cannot_be_deleted(self):
        role = MeetingRoleFactory()
        with pytest.raises(ProtectedError):
            role.partner.delete()

    def test_a_meeting_that_issued_recommendations_cannot_be_deleted(self):
        recommendation = RecommendationFactory()
        with pytest.raises(ProtectedError):
            recommendation.meeting.delete()


class TestDocumentVisibility:
    @pytest.fixture
    def documents(self):
        meeting = MeetingFactory()
        return {
            visibility: DocumentFactory(meeting=meeting, visibility=visibility)
            for visibility in Document.Visibility.values
        }

    def visible(self, user):
        return {document.visibility for document in Document.objects.visible_to(user)}

    def test_anonymous_visitor_sees_public_documents_only(self, documents):
        from django.contrib.auth.models import AnonymousUser

        assert self.visible(AnonymousUser()) == {"public"}

    def test_user_without_a_partner_sees_public_documents_only(self, documents):
        assert self.visible(UserFactory()) == {"public"}

    def test_focal_point_sees_partner_documents(self, documents):
        assert self.visible(FocalPointFactory().user) == {"public", "partners"}

    def test_focal_point_of_a_committee_member_sees_committee_documents(self, documents):
        focal_point = FocalPointFactory()
        MembershipFactory(partner=focal_point.partner, start=day(2020, 1, 1))
        assert self.visible(focal_point.user) == {"public", "partners", "steering_committee"}

    def test_former_committee_member_does_not(self, documents):
        focal_point = FocalPointFactory()
        MembershipFactory(partner=focal_point.partner, start=day(2015, 1, 1), end=day(2022, 1, 1))
        assert "steering_committee" not in self.visible(focal_point.user)

    def test_secretariat_sees_everything(self, documents):
        assert self.visible(SecretariatUserFactory()) == set(Document.Visibility.values)

    def test_embargo_lifts_on_its_date(self, documents):
        from django.contrib.auth.models import AnonymousUser

        document = documents["partners"]
        document.embargo_until = day(2000, 1, 1)
        document.save()
        assert "partners" in self.visible(AnonymousUser())
        document.embargo_until = timezone.localdate() + datetime.timedelta(days=30)
        document.save()
        assert "partners" not in self.visible(AnonymousUser())

    def test_public_document_with_embargo_is_refused_by_the_database(self):
        refused_by_database(
            lambda: DocumentFactory(visibility="public", embargo_until=day(2030, 1, 1))
        )

    def test_a_document_needs_a_file_or_a_link(self):
        document = DocumentFactory.build(meeting=MeetingFactory(), url="")
        with pytest.raises(ValidationError, match="file or give a link"):
            document.full_clean()

    def test_a_version_per_language(self):
        document = DocumentFactory(
            url_en="https://example.org/en.pdf", url_fr="https://example.org/fr.pdf"
        )
        with translation.override("fr"):
            assert document.url == "https://example.org/fr.pdf"
        assert document.url == "https://example.org/en.pdf"


def test_host_country_cannot_be_deleted():
    meeting = MeetingFactory(host_country=CountryFactory())
    with pytest.raises(ProtectedError):
        meeting.host_country.delete()


class TestChoiceLabels:
    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_kinds_and_statuses_are_named_as_django_names_them(self, language):
        from recommendations.models import Recommendation

        records = [
            *(
                Meeting(kind=kind, status=status)
                for kind in Meeting.Kind
                for status in Meeting.Status
            ),
            *(Recommendation(kind=kind) for kind in Recommendation.Kind),
        ]
        with translation.override(language):
            for record in records:
                for field in ("kind", "status") if isinstance(record, Meeting) else ("kind",):
                    ours = getattr(record, f"get_{field}_display")()
                    djangos = record._get_FIELD_display(record._meta.get_field(field))
                    assert ours == djangos
                    assert type(ours) is str

    def test_a_value_outside_the_choices_is_shown_as_it_is(self):
        assert Meeting(kind="retreat").get_kind_display() == "retreat"

    def test_french_names(self):
        with translation.override("fr"):
            assert Meeting(kind=Meeting.Kind.WEBINAR).get_kind_display() == "webinaire"
