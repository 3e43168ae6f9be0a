"""The admin from the outside: the secretariat gets in everywhere, focal points nowhere."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from governance.models import Partner
from meetings.models import Meeting
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    MeetingFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLATFORM_APPS = {"governance", "meetings", "recommendations", "projects"}
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PLATFORM_APPS
)


# Records nobody adds in the admin, and why (each has its own test that adding is refused).
NOT_ADDED = {("projects", "assistancerequest"): "requests come from the private area"}


def admin_urls():
    for app_label, model_name in REGISTERED:
        yield reverse(f"admin:{app_label}_{model_name}_changelist")
        if (app_label, model_name) not in NOT_ADDED:
            yield reverse(f"admin:{app_label}_{model_name}_add")


def test_every_platform_model_is_in_the_admin():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    # Historical models show on the history page of their record, not on their own; the
    # records the scheduled jobs keep of what they sent, as the e-mails (Platform › E-mails).
    jobs_records = {("meetings", "meetingreminder"), ("recommendations", "roundnotice")}
    expected = {
        (model._meta.app_label, model._meta.model_name)
        for app_label in PLATFORM_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, HistoricalChanges)
    } - jobs_records
    assert expected <= set(REGISTERED)


@pytest.mark.parametrize("url", list(admin_urls()))
def test_secretariat_opens_every_list_and_add_page(client, url):
    client.force_login(SecretariatUserFactory())
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", list(admin_urls()))
def test_focal_point_is_sent_to_the_login_page(client, url):
    client.force_login(FocalPointFactory().user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", list(admin_urls()))
def test_staff_without_the_secretariat_group_is_refused(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 302


def test_meetings_list_shows_the_slug_that_imports_name_them_by(client):
    client.force_login(SecretariatUserFactory())
    meeting = MeetingFactory(slug="som-dakar-2015")
    page = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert '<td class="field-slug">som-dakar-2015</td>' in page
    found = client.get(reverse("admin:meetings_meeting_changelist"), {"q": "som-dakar"})
    assert list(found.context["cl"].result_list) == [meeting]


def test_translation_tabs_use_the_self_hosted_jquery_ui(client):
    client.force_login(SecretariatUserFactory())
    page = client.get(reverse("admin:meetings_meeting_add")).content.decode()
    assert "vendor/jquery-ui/jquery-ui.min.js" in page
    assert not re.search(r'<(script|link)[^>]*(src|href)="(https?:)?//', page)
    assert 'name="title_fr"' in page and 'name="title_en"' in page


RURITANIA_FORMS = {
    "name_with_article_en": "Ruritania",
    "name_with_in_en": "in Ruritania",
    "name_with_of_en": "of Ruritania",
    "name_with_article_fr": "la Ruritanie",
    "name_with_in_fr": "en Ruritanie",
    "name_with_of_fr": "de la Ruritanie",
}


def test_saving_stamps_who_created_and_who_changed(client):
    creator, editor = SecretariatUserFactory(), SecretariatUserFactory()
    client.force_login(creator)
    response = client.post(
        reverse("admin:governance_partner_add"),
        {
            "name_en": "Ruritania",
            "name_fr": "Ruritanie",
            **RURITANIA_FORMS,
            "slug": "ruritania",
            "kind": "country",
            "iso_code": "RR",
            "region": "europe",
            "status": "partner",
            "focal_points-TOTAL_FORMS": "0",
            "focal_points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get(slug="ruritania")
    assert partner.created_by == creator and partner.updated_by == creator
    client.force_login(editor)
    data = {
        "name_en": "Ruritania",
        "name_fr": "Ruritanie",
        **RURITANIA_FORMS,
        "slug": "ruritania",
        "kind": "country",
        "iso_code": "RR",
        "region": "north_africa",
        "status": "partner",
        "focal_points-TOTAL_FORMS": "0",
        "focal_points-INITIAL_FORMS": "0",
    }
    client.post(reverse("admin:governance_partner_change", args=[partner.pk]), data)
    partner.refresh_from_db()
    assert partner.created_by == creator and partner.updated_by == editor


def test_bad_input_gets_a_form_error_and_writes_nothing(client):
    client.force_login(SecretariatUserFactory())
    response = client.post(
        reverse("admin:governance_partner_add"),
        {
            "name_en": "Nowhere",
            "slug": "nowhere",
            "kind": "country",
            "status": "partner",
            "focal_points-TOTAL_FORMS": "0",
            "focal_points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A country needs its ISO 3166 code." in html
    # The name in English asks for its forms in sentences.
    assert "Sentences that name the partner need this form." in html
    assert not Partner.objects.filter(slug="nowhere").exists()


def test_missing_french_is_visible_and_filterable(client):
    complete = MeetingFactory(
        title_en="Senior Officials' Meeting", title_fr="Réunion des hauts fonctionnaires"
    )
    english_only = MeetingFactory(title_en="Webinar on return", title_fr="")
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:meetings_meeting_changelist")
    response = client.get(url, {"missing_translation": "fr"})
    listed = list(response.context["cl"].queryset)
    assert english_only in listed and complete not in listed
    assert "FR missing" in client.get(url).content.decode()


def test_meeting_change_page_has_chairs_documents_and_recommendations(client):
    meeting = MeetingFactory()
    client.force_login(SecretariatUserFactory())
    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    for prefix in ("chairs-TOTAL_FORMS", "documents-TOTAL_FORMS", "recommendations-TOTAL_FORMS"):
        assert prefix in page


def test_meeting_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:meetings_meeting_changelist")
    MeetingFactory(host_country=CountryFactory())
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(20):
        MeetingFactory(host_country=CountryFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_secretariat_cannot_make_itself_superuser(client):
    staff = SecretariatUserFactory()
    client.force_login(staff)
    page = client.get(reverse("admin:auth_user_change", args=[staff.pk])).content.decode()
    assert 'name="is_superuser"' not in page


def test_published_meetings_only_are_public():
    MeetingFactory(published=False)
    shown = MeetingFactory(published=True)
    assert list(Meeting.objects.published()) == [shown]


def test_secretariat_locks_a_thread(client):
    from recommendations.models import Forum, Thread

    forum = Forum.objects.create(title="Return and reintegration", slug="return")
    thread = Thread.objects.create(forum=forum, title="Reintegration of returnees")
    client.force_login(SecretariatUserFactory())
    client.post(
        reverse("admin:recommendations_thread_changelist"),
        {"action": "lock", "_selected_action": [thread.pk]},
    )
    thread.refresh_from_db()
    assert thread.locked


def test_validating_a_report_in_the_admin_records_who_and_when(client):
    from recommendations.models import ImplementationReport
    from tests.factories import ImplementationReportFactory

    report = ImplementationReportFactory()
    reviewer = SecretariatUserFactory()
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:recommendations_implementationreport_change", args=[report.pk]),
        {
            "round": report.round.pk,
            "partner": report.partner.pk,
            "action": report.action.pk,
            "recommendation": "",
            "status": "implemented",
            "narrative": "A national strategy was adopted.",
            "evidence": "",
            "state": "validated",
            "review_comment": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert report.state == ImplementationReport.State.VALIDATED
    assert report.validated_by == reviewer and report.validated_at is not None
    assert report.submitted_at is not None
