"""Each person's language: chosen when invited, kept on the card, used by every e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from governance.contact import language_names
from governance.models import FocalPoint
from governance.services import create_focal_point
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    PostFactory,
    SecretariatUserFactory,
    ThreadFactory,
)
from tests.helpers import url
from tests.recommendations.forums.helpers import post_reply

pytestmark = pytest.mark.django_db

FRENCH_PRIVATE_AREA = "/fr/espace-prive/"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_person_created_without_a_language_gets_the_one_active_when_invited():
    me = FocalPointFactory()
    with translation.override("fr"):
        person = create_focal_point(
            email="awa@example.org",
            first_name="Awa",
            last_name="Diop",
            partner=me.partner,
            role=FocalPoint.Role.CONTRIBUTOR,
            created_by=me.user,
        )
    assert person.language == "fr"


def test_the_invitation_form_offers_the_page_language_first(client):
    me = FocalPointFactory()
    client.force_login(me.user)
    page = client.get(url("private:contributors", "fr"))
    assert page.context["form"]["language"].value() == "fr"
    page = client.get(url("private:contributors"))
    assert page.context["form"]["language"].value() == "en"


def test_a_contributor_invited_in_french_from_an_english_page_is_written_to_in_french(
    client, run_worker
):
    me = FocalPointFactory()
    client.force_login(me.user)
    client.post(
        url("private:contributors"),
        {"first_name": "Awa", "last_name": "Diop", "email": "awa@example.org", "language": "fr"},
    )
    assert FocalPoint.objects.get(user__email="awa@example.org").language == "fr"
    run_worker()
    (invitation,) = mail.outbox
    assert invitation.subject.startswith("Votre accès à l")
    assert link_in(invitation).startswith(f"http://testserver{FRENCH_PRIVATE_AREA}")
    assert client.get(link_in(invitation), follow=True).context["validlink"]


def test_the_secretariat_invites_in_the_persons_language(client, run_worker):
    client.force_login(SecretariatUserFactory())
    add_page = client.get(reverse("admin:governance_focalpoint_add")).content.decode()
    assert 'name="language"' in add_page
    client.post(
        reverse("admin:governance_focalpoint_add"),
        {
            "first_name": "Moussa",
            "last_name": "Traoré",
            "email": "moussa@example.org",
            "partner": CountryFactory().pk,
            "role": "national",
            "language": "fr",
        },
    )
    run_worker()
    (invitation,) = mail.outbox
    assert "/fr/espace-prive/" in link_in(invitation)
    assert "/en/" not in invitation.body


def test_inviting_again_uses_the_language_of_the_card(client, run_worker):
    person = FocalPointFactory(language="fr")
    client.force_login(SecretariatUserFactory())
    client.post(
        reverse("admin:governance_focalpoint_changelist"),
        {"action": "invite_again", "_selected_action": [person.pk]},
    )
    run_worker()
    (invitation,) = mail.outbox
    assert link_in(invitation).startswith(f"http://testserver{FRENCH_PRIVATE_AREA}")


def test_the_card_keeps_the_language(client):
    me = FocalPointFactory()
    client.force_login(me.user)
    response = client.post(
        url("private:profile"),
        {"first_name": "A", "last_name": "B", "language": "fr", "notify_forum_replies": "on"},
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.language == "fr"
    response = client.post(
        url("private:profile"), {"first_name": "A", "last_name": "B", "language": "xx"}
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors


def test_a_forgotten_password_email_goes_in_the_persons_language(client, run_worker):
    person = FocalPointFactory(language="fr")
    client.post(url("private:password_reset"), {"email": person.user.email.upper()})
    run_worker()
    (message,) = mail.outbox
    assert link_in(message).startswith(f"http://testserver{FRENCH_PRIVATE_AREA}")
    assert "Somebody asked" not in message.body


def test_forum_replies_reach_each_participant_in_their_language(client, run_worker):
    french = FocalPointFactory(language="fr")
    english = FocalPointFactory(language="en")
    secretariat = SecretariatUserFactory()
    thread = ThreadFactory(title="Visa facilitation")
    for user in (french.user, english.user, secretariat):
        PostFactory(thread=thread, author=user)
    client.force_login(FocalPointFactory(language="fr").user)
    post_reply(client, thread, "Hello")
    run_worker()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {french.user.email, english.user.email, secretariat.email}
    in_french = by_address[french.user.email]
    assert in_french.subject.startswith("Nouvelle réponse dans le fil de discussion")
    assert f"http://testserver{FRENCH_PRIVATE_AREA}forums/" in in_french.body
    in_english = by_address[english.user.email]
    assert in_english.subject == "New reply in the forum thread “Visa facilitation”"
    thread_path = url("private:thread-detail", pk=thread.pk)
    assert f"http://testserver{thread_path}" in in_english.body
    # The secretariat has no card: it reads the replier's page language.
    assert by_address[secretariat.email].subject == in_english.subject


@pytest.mark.parametrize("language, name", [("en", "Norwegian"), ("fr", "Norvégien")])
def test_every_working_language_is_named_in_the_page_language(language, name):
    with translation.override(language):
        assert language_names("no, pl") == [name, "Polish" if language == "en" else "Polonais"]
