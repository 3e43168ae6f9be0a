"""The home page: key figures computed from the data, next and latest meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    CountryFactory,
    MeetingFactory,
    NewsPostFactory,
    OrganisationFactory,
    PresidencyFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def home(client, language="en"):
    with translation.override(language):
        return client.get(reverse("home"))


def test_key_figures_are_computed_from_published_data(client):
    som = MeetingFactory(kind="senior_officials_meeting", participants_count=115)
    MeetingFactory(kind="senior_officials_meeting", participants_count=None)
    MeetingFactory(kind="webinar", participants_count=40)
    MeetingFactory(kind="webinar", status="planned", participants_count=500)
    MeetingFactory(kind="webinar", published=False, participants_count=900)
    MeetingFactory(kind="related_event", participants_count=60)
    RecommendationFactory.create_batch(3, meeting=som)
    RecommendationFactory(meeting=som, kind="conclusion")
    RecommendationFactory(meeting=som, published=False)
    CountryFactory.create_batch(2)
    CountryFactory(status="observer")
    CountryFactory(left=datetime.date(2014, 11, 27))
    OrganisationFactory()

    context = home(client).context
    assert context["meetings_held"] == 3
    assert context["meetings_by_kind"] == [("senior officials' meeting", 2), ("webinar", 1)]
    assert context["participants"] == 155
    assert context["outcomes"] == {"recommendation": 3, "conclusion": 1}
    assert context["partner_countries"] == 2
    assert context["organisations"] == 1


def test_a_figure_without_records_says_so_rather_than_zero(client):
    MeetingFactory(participants_count=None)
    page = home(client).content.decode()
    assert "Meetings held</dt><dd>1</dd>" in page
    for label in ("Recommendations issued", "Conclusions issued", "Participants counted"):
        assert f'{label}</dt><dd><span class="figure-missing">none recorded yet</span>' in page
    assert "</dt><dd>0</dd>" not in page


def test_the_presidency_is_named_as_a_sentence_would(client):
    chair = CountryFactory(
        name_en="Netherlands", name_fr="Pays-Bas", name_with_of_fr="des Pays-Bas"
    )
    PresidencyFactory(partner=chair, start=datetime.date(2025, 1, 1))
    page = home(client, "fr").content.decode()
    assert "Présidence des Pays-Bas</a>, depuis" in page


def test_next_and_latest_meetings(client):
    today = timezone.localdate()
    coming = MeetingFactory(start=today + datetime.timedelta(days=20), status="confirmed")
    past = MeetingFactory(start=today - datetime.timedelta(days=20))
    MeetingFactory(start=today + datetime.timedelta(days=5), published=False, status="confirmed")
    context = home(client).context
    assert list(context["upcoming_meetings"]) == [coming]
    assert list(context["latest_meetings"]) == [past]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_in_both_languages(client, language):
    MeetingFactory(
        title_en="Senior Officials' Meeting", title_fr="Réunion des hauts fonctionnaires"
    )
    page = home(client, language).content.decode()
    assert f'<html lang="{language}">' in page
    assert ("Chiffres clés" if language == "fr" else "Key figures") in page


def test_query_count_is_constant(client, django_assert_num_queries):
    MeetingFactory(start=datetime.date(2010, 1, 1), status="held")
    MeetingFactory(start=timezone.localdate() + datetime.timedelta(days=30), status="planned")
    NewsPostFactory()
    # Presidency, framework, upcoming and latest meetings and the chairs of each, the key
    # figures in three, and the latest news.
    with django_assert_num_queries(10) as captured:
        home(client)
    for _ in range(10):
        MeetingFactory(host_country=CountryFactory())
        RecommendationFactory()
        NewsPostFactory()
    with django_assert_num_queries(len(captured.captured_queries)):
        home(client)
