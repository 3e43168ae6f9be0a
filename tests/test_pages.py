"""The institutional pages (about, contact, legal notice, privacy, accessibility, open
data): in both languages, linked from every page, written by the secretariat; the
contact form reaches the secretariat's mailbox through the worker, robots kept out."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutgoingEmail
from pages.models import Page
from tests.factories import FocalPointFactory, SecretariatUserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

KEYS = ["about", "legal", "privacy", "accessibility", "open-data"]


class TestThePages:
    @pytest.mark.parametrize(
        ("key", "french_address", "french_title"),
        [
            ("about", "/fr/a-propos/", "À propos du Processus de Rabat"),
            ("legal", "/fr/mentions-legales/", "Mentions légales"),
            ("privacy", "/fr/confidentialite/", "Confidentialité"),
            ("accessibility", "/fr/accessibilite/", "Accessibilité"),
            ("open-data", "/fr/donnees-ouvertes/", "Données ouvertes"),
            ("contact", "/fr/contact/", "Écrire au secrétariat"),
        ],
    )
    def test_each_page_in_french_with_its_own_address(
        self, client, key, french_address, french_title
    ):
        assert url(key, "fr") == french_address
        page = client.get(french_address).content.decode()
        assert f"<h1>{french_title}</h1>" in page
        english = client.get(url(key, "en")).content.decode()
        assert f"<h1>{Page.objects.get(key=key).title_en}</h1>" in english

    def test_the_footer_leads_to_every_page(self, client):
        for language in ("en", "fr"):
            footer = client.get(url("home", language)).content.decode().split("site-footer")[1]
            for key in [*KEYS, "contact"]:
                assert f'href="{url(key, language)}"' in footer, (language, key)

    def test_what_the_statements_say(self, client):
        accessibility = client.get(url("accessibility")).content.decode()
        assert "partially conformant" in accessibility and "2016/2102" in accessibility
        assert "CC BY 4.0" in client.get(url("open-data", "fr")).content.decode()
        assert "sept jours" in client.get(url("privacy", "fr")).content.decode()

    def test_the_secretariat_rewrites_a_page_and_nobody_adds_or_removes_one(self, client):
        client.force_login(SecretariatUserFactory())
        privacy = Page.objects.get(key="privacy")
        change = reverse("admin:pages_page_change", args=[privacy.pk])
        response = client.post(
            change,
            {
                "title_en": "Privacy",
                "title_fr": "Confidentialité",
                "body_en": "We keep **little**.<script>alert(1)</script>",
                "body_fr": "Nous gardons **peu**.",
            },
        )
        assert response.status_code == 302
        page = client.get(url("privacy")).content.decode()
        assert "We keep <strong>little</strong>." in page
        assert "<script>alert(1)" not in page
        assert client.get(reverse("admin:pages_page_add")).status_code == 403
        delete = reverse("admin:pages_page_delete", args=[privacy.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert Page.objects.count() == 6

    def test_focal_points_and_visitors_cannot_edit_them(self, client):
        change = reverse("admin:pages_page_change", args=[Page.objects.first().pk])
        assert client.get(change).status_code == 302
        client.force_login(FocalPointFactory().user)
        assert client.get(change).status_code == 302


def write(client, extra=None, **fields):
    data = {
        "name": "Aminata Sow",
        "email": "aminata@example.org",
        "subject": "Documents of the Abuja meeting",
        "message": "Where can I find the presentations?",
        "website": "",
        **fields,
    }
    return client.post(url("contact"), data, **(extra or {}))


class TestContact:
    def test_a_message_reaches_the_secretariat_through_the_worker(
        self, client, settings, run_worker
    ):
        settings.SECRETARIAT_EMAIL = "secretariat@rabat-process.example"
        response = write(client)
        assert response.status_code == 302 and response["Location"] == url("contact-sent")
        assert mail.outbox == []
        run_worker()
        (email,) = mail.outbox
        assert email.to == ["secretariat@rabat-process.example"]
        assert email.subject == "[Contact] Documents of the Abuja meeting"
        assert email.extra_headers["Reply-To"] == "aminata@example.org"
        assert "Where can I find the presentations?" in email.body
        assert "Aminata Sow <aminata@example.org>" in email.body

    def test_a_robot_filling_the_hidden_field_sends_nothing(self, client):
        response = write(client, website="https://spam.example")
        assert response.status_code == 302
        assert not OutgoingEmail.objects.exists()

    @pytest.mark.parametrize(
        "fields",
        [{"email": "not an address"}, {"message": "x" * 5001}, {"subject": ""}, {"name": "\x00"}],
    )
    def test_bad_input_gets_a_message_and_sends_nothing(self, client, fields):
        response = write(client, **fields)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not OutgoingEmail.objects.exists()

    def test_messages_are_limited_per_address_and_per_client(self, client):
        for _ in range(3):
            assert write(client).status_code == 302
        response = write(client)
        assert response.status_code == 429
        assert "Too many messages" in response.content.decode()
        office = {"REMOTE_ADDR": "203.0.113.9"}
        for number in range(10):
            assert write(client, office, email=f"p{number}@example.org").status_code == 302
        assert write(client, office, email="q@example.org").status_code == 429
        assert OutgoingEmail.objects.count() == 13

    def test_the_form_is_protected_against_other_sites(self, client):
        client = type(client)(enforce_csrf_checks=True)
        assert write(client).status_code == 403
        assert not OutgoingEmail.objects.exists()


def test_the_pages_read_as_little_as_they_can(client, page_cache_off, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(url("about"))
