"""The private area's accounts, directory, contact card and contributors, from the outside."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from governance.models import FocalPoint
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

PRIVATE_PAGES = [
    "private:dashboard",
    "private:directory",
    "private:profile",
    "private:contributors",
]


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_anonymous_visitors_are_asked_to_sign_in(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(url("private:login"))


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_a_user_who_is_not_a_focal_point_is_refused(client, name):
    client.force_login(UserFactory())
    assert client.get(url(name)).status_code == 403


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_a_national_focal_point_gets_in(client, name):
    client.force_login(FocalPointFactory().user)
    assert client.get(url(name)).status_code == 200


ROLES = {
    "national": lambda: FocalPointFactory().user,
    "contributor": lambda: FocalPointFactory(role="contributor").user,
    "thematic": lambda: FocalPointFactory(role="thematic").user,
    "secretariat": lambda: SecretariatUserFactory(),
}


def menu_links(html):
    menu = re.search(r'<nav class="private-nav".*?</nav>', html, re.DOTALL).group(0)
    return re.findall(r'<a href="([^"]+)"', menu)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["private:dashboard", "private:password_change"])
def test_every_link_of_the_private_menu_opens_for_the_role(client, role, name):
    client.force_login(ROLES[role]())
    links = menu_links(client.get(url(name)).content.decode())
    assert url("private:directory") in links
    for link in links:
        assert client.get(link).status_code == 200, (role, link)
    assert (url("private:profile") in links) == (role != "secretariat")
    assert (url("private:contributors") in links) == (role == "national")


def test_a_user_who_is_not_a_focal_point_cannot_change_a_password_here(client):
    client.force_login(UserFactory())
    assert client.get(url("private:password_change")).status_code == 403


def test_private_paths_are_translated(client):
    assert url("private:login", "fr") == "/fr/espace-prive/connexion/"
    assert client.get(url("private:login", "fr")).status_code == 200


def test_sign_in_and_out(client):
    focal_point = FocalPointFactory()
    response = client.post(
        url("private:login"),
        {"username": focal_point.user.username, "password": "a-long-test-password"},
    )
    assert response["Location"] == url("private:dashboard")
    assert focal_point.partner.name in client.get(url("private:dashboard")).content.decode()
    client.post(url("private:logout"))
    assert client.get(url("private:dashboard")).status_code == 302


def test_wrong_password_gets_a_message(client):
    focal_point = FocalPointFactory()
    response = client.post(
        url("private:login"), {"username": focal_point.user.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


class TestSignInWithTheEmailAddress:
    def test_the_field_is_labelled_as_the_email_address(self, client):
        page = client.get(url("private:login")).content.decode()
        assert re.search(r'<label for="id_username">E-mail address:?</label>', page)
        assert 'autocomplete="email"' in page

    @pytest.mark.parametrize("typed", ["awa.diop@example.org", "  Awa.Diop@EXAMPLE.org "])
    def test_any_case_of_the_address_signs_in(self, client, typed):
        FocalPointFactory(user__username="awa.diop@example.org", user__email="awa.diop@example.org")
        response = client.post(
            url("private:login"), {"username": typed, "password": "a-long-test-password"}
        )
        assert response.status_code == 302
        assert response["Location"] == url("private:dashboard")

    def test_the_address_works_when_the_username_is_something_else(self, client):
        FocalPointFactory(user__username="adiop", user__email="Awa.Diop@example.org")
        response = client.post(
            url("private:login"),
            {"username": "awa.diop@example.org", "password": "a-long-test-password"},
        )
        assert response.status_code == 302

    def test_a_wrong_password_names_the_email_address(self, client):
        FocalPointFactory(user__email="awa.diop@example.org")
        response = client.post(
            url("private:login"), {"username": "AWA.DIOP@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
        assert "Enter a correct e-mail address and password" in response.content.decode()

    def test_case_variants_count_against_one_account(self, client):
        FocalPointFactory(user__email="awa.diop@example.org")
        for typed in ["awa.diop@example.org", "AWA.DIOP@example.org", "Awa.Diop@example.org"] * 2:
            client.post(url("private:login"), {"username": typed, "password": "wrong"})
        response = client.post(
            url("private:login"),
            {"username": "awa.diop@example.org", "password": "a-long-test-password"},
        )
        assert response.status_code == 429


class TestDirectory:
    def test_lists_active_focal_points_with_their_card(self, client):
        me = FocalPointFactory()
        colleague = FocalPointFactory(
            user__first_name="Awa",
            user__last_name="Diop",
            phone="+221330000000",
            languages="fr, pt",
            theme="Should not show",
        )
        gone = FocalPointFactory(user__last_name="Gone")
        gone.user.is_active = False
        gone.user.save()
        client.force_login(me.user)
        page = client.get(url("private:directory")).content.decode()
        assert "Awa Diop" in page and 'href="tel:+221330000000"' in page
        assert "French, Portuguese" in page and "Should not show" not in page
        assert colleague.partner.name in page
        assert "Gone" not in page

    def test_filters_by_partner_region_and_role(self, client):
        me = FocalPointFactory(partner=CountryFactory(region="europe"))
        thematic = FocalPointFactory(role="thematic", partner=CountryFactory(region="west_africa"))
        client.force_login(me.user)

        def listed(**params):
            return list(client.get(url("private:directory"), params).context["object_list"])

        assert listed(role="thematic") == [thematic]
        assert listed(region="europe") == [me]
        assert listed(partner=thematic.partner.slug) == [thematic]
        assert client.get(url("private:directory"), {"role": "king"}).status_code == 200

    def test_secretariat_reads_it_too(self, client):
        FocalPointFactory(user__last_name="Ndiaye")
        client.force_login(SecretariatUserFactory())
        assert "Ndiaye" in client.get(url("private:directory")).content.decode()


class TestContactCard:
    def test_a_focal_point_edits_its_own_card(self, client):
        me = FocalPointFactory()
        client.force_login(me.user)
        response = client.post(
            url("private:profile"),
            {
                "first_name": "Fatou",
                "last_name": "Sow",
                "job_title": "Director",
                "institution": "Ministry of Foreign Affairs",
                "email": "fatou.sow@example.org",
                "phone": "+221 77 000 00 00",
                "languages": ["fr", "en"],
                "language": "fr",
            },
        )
        assert response.status_code == 302
        me.refresh_from_db()
        assert me.phone == "+221770000000" and me.user.get_full_name() == "Fatou Sow"
        assert me.languages == "fr, en" and me.language_names == ["French", "English"]
        assert not me.notify_forum_replies
        assert me.updated_by == me.user

    def test_bad_input_is_refused_and_nothing_changes(self, client):
        me = FocalPointFactory(email="before@example.org")
        client.force_login(me.user)
        response = client.post(
            url("private:profile"), {"first_name": "", "last_name": "Sow", "email": "nope"}
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) >= {"first_name", "email"}
        me.refresh_from_db()
        assert me.email == "before@example.org"

    def card(self, client, focal_point, **data):
        client.force_login(focal_point.user)
        return client.post(
            url("private:profile"),
            {"first_name": "Fatou", "last_name": "Sow", "email": "", "language": "en", **data},
        )

    def test_working_languages_are_chosen_from_a_list(self, client):
        me = FocalPointFactory(languages="fr, en")
        client.force_login(me.user)
        page = client.get(url("private:profile")).content.decode()
        assert "<legend>Working languages</legend>" in page
        assert re.search(r'type="checkbox" name="languages" value="fr"[^>]*checked', page)
        assert 'value="pt"' in page and "Portuguese" in page
        response = self.card(client, me, languages=["pt", "xx"])
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        me.refresh_from_db()
        assert me.languages == "fr, en"

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("+221 33 123 45 67", "+221331234567"),
            ("+33 (0)1 23 45 67 89", "+33123456789"),
            ("0032 2 123-45-67", "+3221234567"),
            ("", ""),
        ],
    )
    def test_a_phone_number_is_stored_in_international_form(self, client, typed, stored):
        me = FocalPointFactory()
        assert self.card(client, me, phone=typed).status_code == 302
        me.refresh_from_db()
        assert me.phone == stored

    @pytest.mark.parametrize("typed", ["33 123 45 67", "+221 33 ABC", "+0 123 456 78", "+1 23"])
    def test_a_phone_number_not_in_international_form_is_refused(self, client, typed):
        me = FocalPointFactory(phone="+221331234567")
        response = self.card(client, me, phone=typed)
        assert response.status_code == 200
        assert "Enter the number in international form" in response.content.decode()
        me.refresh_from_db()
        assert me.phone == "+221331234567"

    def test_the_theme_is_asked_of_thematic_contacts_only(self, client):
        national = FocalPointFactory(theme="")
        client.force_login(national.user)
        assert 'name="theme"' not in client.get(url("private:profile")).content.decode()
        self.card(client, national, theme="Smuggling")
        national.refresh_from_db()
        assert national.theme == ""
        thematic = FocalPointFactory(role="thematic")
        client.force_login(thematic.user)
        assert 'name="theme"' in client.get(url("private:profile")).content.decode()
        self.card(client, thematic, theme="Smuggling")
        thematic.refresh_from_db()
        assert thematic.theme == "Smuggling"

    def test_long_texts_state_their_limit_and_are_refused_not_cut(self, client):
        me = FocalPointFactory(institution="Ministry")
        client.force_login(me.user)
        page = client.get(url("private:profile")).content.decode()
        assert "At most 200 characters." in page
        assert 'maxlength="200"' not in page
        response = self.card(client, me, institution="Ministry " * 30)
        assert response.status_code == 200
        assert "at most 200 characters (it has 269)" in response.content.decode()
        me.refresh_from_db()
        assert me.institution == "Ministry"

    def test_the_secretariat_has_no_card_of_its_own(self, client):
        client.force_login(SecretariatUserFactory())
        assert client.get(url("private:profile")).status_code == 403


class TestContributors:
    def test_a_national_focal_point_invites_a_contributor(self, client, run_worker):
        me = FocalPointFactory()
        client.force_login(me.user)
        response = client.post(
            url("private:contributors"),
            {
                "first_name": "Ibrahima",
                "last_name": "Fall",
                "email": "Ibrahima.Fall@example.org",
                "language": "en",
            },
        )
        assert response.status_code == 302
        contributor = FocalPoint.objects.get(user__email="ibrahima.fall@example.org")
        assert contributor.partner == me.partner
        assert contributor.role == FocalPoint.Role.CONTRIBUTOR
        assert contributor.named_by == me
        assert not contributor.user.has_usable_password()
        run_worker()
        (invitation,) = mail.outbox
        assert invitation.to == ["ibrahima.fall@example.org"]
        assert "/private/password/new/" in link_in(invitation)

    def test_an_address_already_in_use_is_refused(self, client):
        me = FocalPointFactory()
        taken = UserFactory(username="taken@example.org", email="taken@example.org")
        client.force_login(me.user)
        response = client.post(
            url("private:contributors"),
            {"first_name": "A", "last_name": "B", "email": taken.email, "language": "en"},
        )
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
        assert not mail.outbox

    def test_withdrawing_ends_the_contributors_access(self, client):
        me = FocalPointFactory()
        contributor = FocalPointFactory(partner=me.partner, role="contributor", named_by=me)
        client.force_login(me.user)
        client.post(url("private:contributor-withdraw", pk=contributor.pk))
        contributor.user.refresh_from_db()
        assert not contributor.user.is_active

    def test_another_partners_contributor_cannot_be_withdrawn(self, client):
        me = FocalPointFactory()
        theirs = FocalPointFactory(role="contributor")
        client.force_login(me.user)
        response = client.post(url("private:contributor-withdraw", pk=theirs.pk))
        assert response.status_code == 404
        theirs.user.refresh_from_db()
        assert theirs.user.is_active

    def test_a_contributor_cannot_name_contributors(self, client):
        contributor = FocalPointFactory(role="contributor")
        client.force_login(contributor.user)
        assert client.get(url("private:contributors")).status_code == 403


class TestInvitationFromTheAdmin:
    def test_secretariat_creates_a_focal_point_who_sets_a_password(self, client, run_worker):
        partner = CountryFactory(name="Cabo Verde")
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:governance_focalpoint_add"),
            {
                "first_name": "Maria",
                "last_name": "Lopes",
                "email": "maria.lopes@example.org",
                "partner": partner.pk,
                "role": "national",
                "named_by": "",
                "language": "fr",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        focal_point = FocalPoint.objects.get(user__username="maria.lopes@example.org")
        assert focal_point.partner == partner
        assert focal_point.user.groups.filter(name="Focal points").exists()
        run_worker()
        (invitation,) = mail.outbox
        client.logout()

        form_page = client.get(link_in(invitation), follow=True)
        assert form_page.context["validlink"]
        client.post(
            form_page.request["PATH_INFO"],
            {"new_password1": "Cabo-Verde-2026!", "new_password2": "Cabo-Verde-2026!"},
        )
        signed_in = client.post(
            url("private:login"),
            {"username": "maria.lopes@example.org", "password": "Cabo-Verde-2026!"},
        )
        assert signed_in.status_code == 302
        assert client.get(url("private:dashboard")).status_code == 200

    def test_an_existing_address_is_a_form_error(self, client):
        UserFactory(username="maria.lopes@example.org")
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:governance_focalpoint_add"),
            {
                "first_name": "Maria",
                "last_name": "Lopes",
                "email": "Maria.Lopes@example.org",
                "partner": CountryFactory().pk,
                "role": "national",
            },
        )
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
        assert (
            get_user_model().objects.filter(username__iexact="maria.lopes@example.org").count() == 1
        )


def test_forgotten_password(client, run_worker):
    focal_point = FocalPointFactory()
    client.post(url("private:password_reset"), {"email": focal_point.user.email})
    run_worker()
    (message,) = mail.outbox
    assert "/private/password/new/" in link_in(message)


class TestTheCardInTheAdmin:
    def test_the_secretariat_edits_a_card_under_the_same_rules(self, client):
        person = FocalPointFactory()
        client.force_login(SecretariatUserFactory())
        address = reverse("admin:governance_focalpoint_change", args=[person.pk])
        data = {
            "user": person.user.pk,
            "partner": person.partner.pk,
            "role": "national",
            "phone": "00221 33 123 45 67",
            "languages": "FR, en",
            "language": "fr",
        }
        assert client.post(address, data).status_code == 302
        person.refresh_from_db()
        assert person.phone == "+221331234567"
        assert (person.languages, person.language) == ("fr, en", "fr")
        response = client.post(address, {**data, "phone": "33 123", "languages": "French"})
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert set(errors) == {"phone", "languages"}


class TestInvitationMail:
    def test_plain_text_is_not_html_escaped_and_says_who_invited_for_whom(self, client, run_worker):
        partner = CountryFactory(name_en="Côte d'Ivoire", name_with_of_en="of Côte d'Ivoire")
        me = FocalPointFactory(
            partner=partner, user__first_name="<b>Awa</b>", user__last_name="N'Diaye"
        )
        client.force_login(me.user)
        client.post(
            url("private:contributors"),
            {"first_name": "O'Neil", "last_name": "B", "email": "o@example.org", "language": "en"},
        )
        run_worker()
        (invitation,) = mail.outbox
        assert "&lt;" not in invitation.body and "&#x27;" not in invitation.body
        assert "Dear O'Neil B," in invitation.body
        assert (
            "<b>Awa</b> N'Diaye sent this invitation through the Rabat Process platform, "
            "on behalf of Côte d'Ivoire."
        ) in invitation.body

    def test_an_address_a_staff_account_uses_is_refused(self, client):
        UserFactory(username="secretary", email="Boss@Example.org", is_staff=True)
        me = FocalPointFactory()
        client.force_login(me.user)
        response = client.post(
            url("private:contributors"),
            {"first_name": "A", "last_name": "B", "email": "boss@example.org", "language": "en"},
        )
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
        assert not mail.outbox
