"""History: every change recorded with who and when, shown in the admin with what changed,
earlier versions restored, deleted records recovered, and protected deletes refused."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core import serializers
from django.core.management import call_command
from django.forms import CheckboxInput, FileField
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalChanges

from meetings.models import Document, Meeting, MeetingRole
from recommendations.models import Post, Recommendation, Thread
from tests.factories import (
    CountryFactory,
    DocumentFactory,
    DomainFactory,
    FocalPointFactory,
    ImplementationReportFactory,
    MeetingFactory,
    MeetingRoleFactory,
    PostFactory,
    PresidencyFactory,
    RecommendationFactory,
    SecretariatUserFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLATFORM_APPS = ("governance", "meetings", "recommendations", "news", "projects")
# Models whose rows keep no versions, and why.
WITHOUT_HISTORY = {
    "news.Subscriber": "erasing a subscriber must leave no copy of the address",
    "news.EditionDelivery": "erased with its subscriber; its e-mail is the record of sending",
    "meetings.MeetingReminder": "written once by the scheduled jobs; its e-mail is the record",
    "recommendations.RoundNotice": "written once by the scheduled jobs; its e-mail is the record",
    "news.EditionPdf": "made from the edition's content, whose history is kept",
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(form):
    """What the browser would post for a form as it is shown."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or isinstance(bound.field, FileField):
            continue
        if isinstance(bound.field.widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = value
    return data


def page_data(response):
    """The post data of an admin form page: the form and every inline formset."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    return data


def chair_partners(meeting):
    return set(meeting.chairs.values_list("partner", flat=True))


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def meeting():
    """A meeting with a chair and a plan reference, as the loader or a factory leaves it."""
    meeting = MeetingFactory(title_en="Meeting on return", title_fr="Réunion sur le retour")
    MeetingRoleFactory(meeting=meeting, partner=CountryFactory(name="Morocco"))
    meeting.domains.add(DomainFactory(title="Protection"))
    return meeting


def edit_in_admin(client, meeting, **changes):
    """Open the meeting's change page, change what is given, save; returns the response."""
    page = client.get(admin_url(Meeting, "change", meeting.pk))
    data = page_data(page)
    data.update(changes)
    return client.post(admin_url(Meeting, "change", meeting.pk), data)


class TestWhatIsRecorded:
    def test_every_model_of_the_platform_has_a_history(self):
        for app_label in PLATFORM_APPS:
            for model in apps.get_app_config(app_label).get_models():
                if issubclass(model, HistoricalChanges) or model._meta.label in WITHOUT_HISTORY:
                    continue
                assert hasattr(model._meta, "simple_history_manager_attribute"), model

    def test_historical_models_keep_every_language(self):
        meeting_history = Meeting.history.model._meta
        assert meeting_history.get_field("title_fr") and meeting_history.get_field("title_en")
        assert Document.history.model._meta.get_field("file_fr")
        # The language-neutral column follows the active language: it is left out.
        assert "title" not in {field.name for field in meeting_history.get_fields()}

    def test_a_save_in_the_admin_is_one_version_with_who_and_when(
        self, client, secretariat, meeting
    ):
        before = timezone.now()
        versions = meeting.history.count()
        new_domain = DomainFactory(title="Smuggling")
        data = {
            "title_fr": "Réunion thématique sur le retour",
            "domains": [str(new_domain.pk)],
            "chairs-TOTAL_FORMS": "2",
            "chairs-1-partner": str(CountryFactory(name="Spain").pk),
            "chairs-1-role": "co_chair",
            "chairs-1-order": "1",
        }
        response = edit_in_admin(client, meeting, **data)
        assert response.status_code == 302, response.context["adminform"].form.errors

        assert meeting.history.count() == versions + 1
        version = meeting.history.first()
        assert version.history_user == secretariat
        assert before <= version.history_date <= timezone.now()
        assert version.title_fr == "Réunion thématique sur le retour"
        assert [link.domain_id for link in version.domains.all()] == [new_domain.pk]
        # The inline row is saved by the formset: its author comes from the middleware.
        chair = MeetingRole.history.filter(meeting=meeting, history_type="+").first()
        assert chair.history_user == secretariat

    def test_links_changed_anywhere_are_recorded_and_no_change_records_nothing(self, meeting):
        domain = meeting.domains.get()
        versions = meeting.history.count()
        meeting.domains.add(domain)  # already there, as the loader does on a second run
        assert meeting.history.count() == versions

        other = DomainFactory()
        other.meetings.add(meeting)  # from the other side of the relation
        assert meeting.history.count() == versions + 1
        assert {link.domain_id for link in meeting.history.first().domains.all()} == {
            domain.pk,
            other.pk,
        }
        other.meetings.clear()
        assert meeting.history.count() == versions + 2
        assert [link.domain_id for link in meeting.history.first().domains.all()] == [domain.pk]

    def test_rows_loaded_from_a_fixture_or_backup_record_nothing(self, meeting):
        fixture = serializers.serialize("json", [meeting])
        meeting.domains.clear()
        versions = meeting.history.count()
        for loaded in serializers.deserialize("json", fixture):
            loaded.save()
        assert meeting.domains.exists() and meeting.history.count() == versions

    def test_the_record_of_a_deletion_keeps_the_links(self, meeting):
        domain = meeting.domains.get()
        pk = meeting.pk
        meeting.delete()
        deletion = Meeting.history.filter(id=pk).first()
        assert deletion.history_type == "-"
        assert [link.domain_id for link in deletion.domains.all()] == [domain.pk]

    def test_actions_on_the_list_record_a_version(self, client, secretariat):
        thread = ThreadFactory()
        client.post(
            admin_url(Thread, "changelist"), {"action": "lock", "_selected_action": [thread.pk]}
        )
        version = thread.history.first()
        assert version.locked and version.history_user == secretariat

    def test_loading_the_reference_data_twice_records_nothing_the_second_time(self):
        call_command("load_reference_data", stdout=StringIO())
        models = [
            model
            for app_label in PLATFORM_APPS
            for model in apps.get_app_config(app_label).get_models()
            if issubclass(model, HistoricalChanges)
        ]
        counts = {model: model._default_manager.count() for model in models}
        assert counts[Meeting.history.model] > 0
        call_command("load_reference_data", stdout=StringIO())
        assert {model: model._default_manager.count() for model in models} == counts


class TestHistoryPage:
    def test_it_shows_who_what_and_when_links_and_chairs_included(
        self, client, secretariat, meeting
    ):
        edit_in_admin(
            client,
            meeting,
            title_en="Thematic meeting on return",
            domains=[str(DomainFactory(title="Smuggling").pk)],
            **{"chairs-0-DELETE": "on"},
        )
        page = client.get(admin_url(Meeting, "history", meeting.pk)).content.decode()
        assert "Meeting on return &rarr; Thematic meeting on return" in page
        assert "added Domain" in page and "Smuggling" in page
        assert "removed Domain" in page and "Protection" in page
        assert "Chairs and co-chairs:" in page and "removed Morocco (co-chair)" in page
        assert secretariat.get_username() in page

    def test_queries_do_not_grow_with_versions(
        self, client, secretariat, meeting, django_assert_max_num_queries
    ):
        url = admin_url(Meeting, "history", meeting.pk)

        def add_versions(count):
            for number in range(count):
                meeting.title_en = f"Version {number}"
                meeting.save()
                meeting.domains.add(DomainFactory())
                meeting.participants.add(CountryFactory())
                MeetingRoleFactory(meeting=meeting)

        add_versions(2)
        client.get(url)  # caches what every page caches (content types)
        with django_assert_max_num_queries(30) as few:
            assert client.get(url).status_code == 200
        add_versions(15)  # more than a page: the page also compares its oldest with the next
        assert meeting.history.count() > 50
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(url).status_code == 200

    def test_the_version_page_keeps_the_language_tabs(self, client, secretariat, meeting):
        version = meeting.history.first()
        for url in (
            admin_url(Meeting, "change", meeting.pk),
            admin_url(Meeting, "simple_history", meeting.pk, version.pk),
        ):
            content = client.get(url).content.decode()
            assert 'name="title_fr"' in content and 'name="title_en"' in content
            assert "vendor/jquery-ui/jquery-ui.min.js" in content
        assert 'value="Revert"' in content
        assert "Morocco (co-chair)" in content  # the chairs it restores

    def test_only_the_secretariat_opens_it(self, client, meeting):
        url = admin_url(Meeting, "history", meeting.pk)
        client.force_login(FocalPointFactory().user)
        assert client.get(url).status_code == 302
        client.force_login(UserFactory(is_staff=True))
        assert client.get(url).status_code == 403

    def test_the_secretariat_holds_the_permissions_of_the_historical_models(self):
        user = SecretariatUserFactory()
        assert user.has_perm("meetings.view_historicalmeeting")
        assert user.has_perm("recommendations.change_historicalrecommendation")


class TestRevert:
    def test_the_secretariat_reverts_a_meeting_its_links_and_chairs(
        self, client, secretariat, meeting
    ):
        assert not secretariat.is_superuser
        before = meeting.history.first()
        old_domains = set(meeting.domains.values_list("pk", flat=True))
        old_chairs = chair_partners(meeting)
        response = edit_in_admin(
            client,
            meeting,
            title_en="Renamed",
            domains=[str(DomainFactory().pk)],
            **{
                "chairs-0-DELETE": "on",
                "chairs-TOTAL_FORMS": "2",
                "chairs-1-partner": str(CountryFactory().pk),
                "chairs-1-role": "chair",
                "chairs-1-order": "0",
            },
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.title_en == "Renamed" and chair_partners(meeting) != old_chairs

        version_url = admin_url(Meeting, "simple_history", meeting.pk, before.pk)
        response = client.post(version_url, page_data(client.get(version_url)))

        assert response.status_code == 302
        assert response["Location"] == admin_url(Meeting, "change", meeting.pk)
        meeting.refresh_from_db()
        assert meeting.title_en == "Meeting on return"
        assert meeting.title_fr == "Réunion sur le retour"
        assert set(meeting.domains.values_list("pk", flat=True)) == old_domains
        assert chair_partners(meeting) == old_chairs
        restored = meeting.history.first()
        assert restored.history_user == secretariat and restored.history_type == "~"

    def test_someone_who_may_only_view_cannot_revert(self, client, meeting):
        viewer = UserFactory(is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
        client.force_login(viewer)
        version = meeting.history.last()
        url = admin_url(Meeting, "simple_history", meeting.pk, version.pk)
        page = client.get(url)
        assert page.status_code == 200 and 'value="Revert"' not in page.content.decode()
        assert client.post(url, {"title_en": "Changed"}).status_code == 403
        meeting.refresh_from_db()
        assert meeting.title_en == "Meeting on return"


class TestRecover:
    def recover(self, client, model, pk):
        """Find the record in "Recover deleted …", open its version and restore it."""
        listing = client.get(admin_url(model, "recoverlist"))
        assert listing.status_code == 200
        (version,) = [record for record in listing.context["page_obj"] if record.id == pk]
        url = admin_url(model, "simple_history", pk, version.pk)
        page = client.get(url)
        assert "This record has been deleted." in page.content.decode()
        return client.post(url, page_data(page))

    def test_a_deleted_document_comes_back(self, client, secretariat):
        document = DocumentFactory(title="Concept note")
        client.post(admin_url(Document, "delete", document.pk), {"post": "yes"})
        assert not Document.objects.filter(pk=document.pk).exists()
        changelist = client.get(admin_url(Document, "changelist")).content.decode()
        assert "Recover deleted documents" in changelist
        assert client.get(admin_url(Document, "history", document.pk)).status_code == 200

        response = self.recover(client, Document, document.pk)

        assert response.status_code == 302
        recovered = Document.objects.get(pk=document.pk)
        assert recovered.title == "Concept note" and recovered.meeting == document.meeting
        assert recovered.history.first().history_type == "+"
        listing = client.get(admin_url(Document, "recoverlist"))
        assert not listing.context["page_obj"].object_list

    def test_a_chair_removed_from_a_meeting_comes_back(self, client, secretariat, meeting):
        chair = meeting.chairs.get()
        edit_in_admin(client, meeting, **{"chairs-0-DELETE": "on"})
        assert not meeting.chairs.exists()

        response = self.recover(client, MeetingRole, chair.pk)

        assert response.status_code == 302
        assert meeting.chairs.get().partner == chair.partner

    def test_a_deleted_meeting_comes_back_with_its_links_and_chairs(
        self, client, secretariat, meeting
    ):
        domains, chairs = set(meeting.domains.all()), chair_partners(meeting)
        client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})
        assert not Meeting.objects.filter(pk=meeting.pk).exists()

        response = self.recover(client, Meeting, meeting.pk)

        assert response.status_code == 302
        recovered = Meeting.objects.get(pk=meeting.pk)
        assert set(recovered.domains.all()) == domains and chair_partners(recovered) == chairs

    def test_a_deleted_meeting_comes_back_with_its_documents_in_one_step(
        self, client, secretariat, meeting
    ):
        kept = {DocumentFactory(meeting=meeting, title=f"Report {n}").pk for n in range(3)}
        removed_before = DocumentFactory(meeting=meeting, title="Withdrawn draft")
        client.post(admin_url(Document, "delete", removed_before.pk), {"post": "yes"})
        client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})
        assert not Document.objects.filter(meeting_id=meeting.pk).exists()

        response = self.recover(client, Meeting, meeting.pk)

        assert response.status_code == 302
        recovered = Meeting.objects.get(pk=meeting.pk)
        # The documents deleted with it, not the one deleted on its own before.
        assert set(recovered.documents.values_list("pk", flat=True)) == kept
        assert "Brought back with it: 3 documents." in [
            str(message)
            for message in client.get(admin_url(Meeting, "change", meeting.pk)).context["messages"]
        ]
        assert list(client.get(admin_url(Document, "recoverlist")).context["page_obj"]) == [
            removed_before.history.first()
        ]
        # Each document's history says why it went, and that it came back, and who did it.
        document = recovered.documents.first()
        history = client.get(admin_url(Document, "history", document.pk)).content.decode()
        assert "Deleted with the record it belongs to" in history
        assert document.history.first().history_type == "+"
        assert document.history.first().history_user == secretariat

    def test_a_meeting_deleted_again_brings_back_only_what_went_with_it_last(
        self, client, secretariat, meeting
    ):
        first = DocumentFactory(meeting=meeting, title="Agenda")
        client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})
        self.recover(client, Meeting, meeting.pk)
        client.post(admin_url(Document, "delete", first.pk), {"post": "yes"})
        second = DocumentFactory(meeting_id=meeting.pk, title="Conclusions")
        client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})

        self.recover(client, Meeting, meeting.pk)

        assert list(Document.objects.filter(meeting_id=meeting.pk)) == [second]

    def test_restoring_an_earlier_version_keeps_the_documents_added_since(
        self, client, secretariat, meeting
    ):
        earlier = meeting.history.first()
        edit_in_admin(client, meeting, title_en="Meeting on return and readmission")
        document = DocumentFactory(meeting=meeting, title="Added later")
        url = admin_url(Meeting, "simple_history", meeting.pk, earlier.pk)
        response = client.post(url, page_data(client.get(url)))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.title_en == "Meeting on return"
        assert list(meeting.documents.all()) == [document]

    def test_a_deleted_thread_comes_back_with_its_posts(self, client, secretariat):
        thread = ThreadFactory()
        posts = {PostFactory(thread=thread).pk for _ in range(2)}
        client.post(admin_url(Thread, "delete", thread.pk), {"post": "yes"})
        assert not Post.objects.filter(pk__in=posts).exists()

        self.recover(client, Thread, thread.pk)

        assert set(Post.objects.filter(thread_id=thread.pk).values_list("pk", flat=True)) == posts

    def test_recovering_needs_the_right_to_add(self, client):
        document = DocumentFactory()
        pk, version = document.pk, document.history.first()
        document.delete()
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_document", "change_document"])
        )
        client.force_login(editor)
        url = admin_url(Document, "simple_history", pk, version.pk)
        assert 'value="Revert"' not in client.get(url).content.decode()
        assert client.post(url, {"title_en": "Back"}).status_code == 403
        assert not Document.objects.filter(pk=pk).exists()


class TestProtectedDeletes:
    def assert_refused(self, client, obj, *protected):
        url = admin_url(type(obj), "delete", obj.pk)
        page = client.get(url).content.decode()
        assert "would require deleting the following protected related objects" in page
        for dependent in protected:
            assert str(dependent) in page
        client.post(url, {"post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()

    def test_a_meeting_that_issued_recommendations(self, client, secretariat):
        recommendation = RecommendationFactory()
        self.assert_refused(client, recommendation.meeting, recommendation)

    def test_a_partner_that_held_the_presidency_or_chaired_a_meeting(self, client, secretariat):
        presidency = PresidencyFactory(start=datetime.date(2024, 2, 1))
        chair = MeetingRoleFactory(partner=presidency.partner)
        self.assert_refused(client, presidency.partner, presidency, chair)

    def test_a_recommendation_reported_on(self, client, secretariat):
        recommendation = RecommendationFactory()
        ImplementationReportFactory(action=None, recommendation=recommendation)
        self.assert_refused(client, recommendation)

    def test_deleting_from_the_list_is_refused_too(self, client, secretariat):
        recommendation = RecommendationFactory()
        meeting = recommendation.meeting
        url = admin_url(Meeting, "changelist")
        data = {"action": "delete_selected", "_selected_action": [meeting.pk]}
        page = client.post(url, data).content.decode()
        assert "would require deleting the following protected related objects" in page
        client.post(url, {**data, "post": "yes"})
        assert Meeting.objects.filter(pk=meeting.pk).exists()
        assert Recommendation.objects.filter(pk=recommendation.pk).exists()
