"""Content entered in one language in the secretariat's admin: a meeting with its French
title only, its slug made from it, its recommendations in French only."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import MeetingFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db

MANAGEMENT = {
    f"{prefix}-{name}": value
    for prefix in ("chairs", "documents", "recommendations")
    for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
}


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatUserFactory())
    return client


def meeting_form(**changes):
    return {
        "kind": Meeting.Kind.THEMATIC_MEETING,
        "status": Meeting.Status.HELD,
        "date_precision": "day",
        "start": "2025-05-15",
        **MANAGEMENT,
        **changes,
    }


def add(client, data):
    return client.post(reverse("admin:meetings_meeting_add"), data)


def test_a_meeting_with_its_french_title_only_gets_a_slug_from_it(secretariat):
    response = add(secretariat, meeting_form(title_fr="Réunion thématique sur le retour"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.slug == "reunion-thematique-sur-le-retour"
    assert (meeting.title_en or "", meeting.title_fr) == ("", "Réunion thématique sur le retour")
    assert meeting.title == "Réunion thématique sur le retour"


def test_a_slug_made_from_the_title_is_numbered_when_taken(secretariat):
    MeetingFactory(slug="webinar-on-return")
    assert add(secretariat, meeting_form(title_en="Webinar on return")).status_code == 302
    assert add(secretariat, meeting_form(title_en="Webinar on return")).status_code == 302
    assert set(Meeting.objects.values_list("slug", flat=True)) == {
        "webinar-on-return",
        "webinar-on-return-2",
        "webinar-on-return-3",
    }


def test_a_slug_given_is_kept(secretariat):
    response = add(secretariat, meeting_form(title_en="Webinar on return", slug="webinar-2025"))
    assert response.status_code == 302
    assert Meeting.objects.get().slug == "webinar-2025"


def test_a_meeting_without_a_title_in_any_language_is_refused(secretariat):
    response = add(secretariat, meeting_form(title_en=" ", title_fr=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "title_en": ["Enter it in at least one language."]
    }
    assert not Meeting.objects.exists()


def test_a_title_without_letters_needs_a_slug_typed(secretariat):
    response = add(secretariat, meeting_form(title_en="???"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_recommendations_in_french_only_are_accepted_in_the_meeting_inline(secretariat):
    meeting = MeetingFactory()
    row = {
        "recommendations-0-number": "1",
        "recommendations-0-kind": "recommendation",
        "recommendations-0-text_fr": "Renforcer la coopération.",
        "recommendations-TOTAL_FORMS": "1",
    }
    data = meeting_form(title_en=meeting.title_en, slug=meeting.slug, **MANAGEMENT) | row
    response = secretariat.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302
    recommendation = meeting.recommendations.get()
    assert recommendation.text_fr == "Renforcer la coopération."
    assert recommendation.text == "Renforcer la coopération."

    empty = data | {"recommendations-0-text_fr": "", "recommendations-0-number": "2"}
    response = secretariat.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), empty)
    assert response.status_code == 200
    assert "Enter it in at least one language." in response.content.decode()


def test_the_title_box_shows_long_titles_whole_on_one_line(secretariat):
    page = secretariat.get(reverse("admin:meetings_meeting_add")).content.decode()
    assert '<textarea name="title_en"' in page and '<textarea name="title_fr"' in page
    title = "Joint Thematic Meeting of the Khartoum, Rabat and Niamey Processes"
    response = add(secretariat, meeting_form(title_en=f"{title}\r\n(trafficking)"))
    assert response.status_code == 302
    assert Meeting.objects.get().title_en == f"{title} (trafficking)"
