"""What the people who report are told, and when: a round opens, it closes soon with
answers missing, their answers are received, the secretariat reviews them. Each once,
in the language of their card, and never to those who turned that kind off."""

import pytest
from django.core import mail

from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from recommendations.reporting import services
from tests.factories import CountryFactory, FocalPointFactory, SecretariatUserFactory
from tests.helpers import url
from tests.recommendations.reporting.helpers import DAY, first_action, make_round, today

pytestmark = pytest.mark.django_db
OPENED, REMINDED = "reporting rounds announced", "reminders before a round closes"


def answer(reporting_round, focal_point, item):
    services.save_report(
        round=reporting_round,
        partner=focal_point.partner,
        item=item,
        status="planned",
        narrative="",
        evidence="",
        by=focal_point.user,
    )


def to(address):
    return [email for email in mail.outbox if email.to == [address]]


@pytest.fixture
def senegal():
    return CountryFactory(name_en="Senegal", name_fr="Sénégal", name_with_of_fr="du Sénégal")


@pytest.fixture
def national(senegal):
    return FocalPointFactory(
        partner=senegal, user__first_name="Awa", user__last_name="Diop", language="fr"
    )


@pytest.fixture
def contributor(national):
    return FocalPointFactory(
        partner=national.partner, role="contributor", named_by=national, language="en"
    )


class TestARoundOpens:
    def test_everyone_who_reports_is_told_once_in_their_language(
        self, national, contributor, run_worker
    ):
        thematic = FocalPointFactory(partner=national.partner, role="thematic")
        opted_out = FocalPointFactory(notify_round_opening=False)
        left = FocalPointFactory(partner=CountryFactory(left=today() - DAY))
        reporting_round = make_round()
        make_round(closed=True)
        assert run_jobs()[OPENED] == 2
        assert run_jobs()[OPENED] == 0
        run_worker()
        assert {email.to[0] for email in mail.outbox} == {
            national.user.email,
            contributor.user.email,
        }
        (french,) = to(national.user.email)
        assert french.subject == f"Cycle de collecte de données ouvert\u00a0: {reporting_round}"
        assert "Chère Awa Diop" not in french.body and "Awa Diop" in french.body
        assert "les réponses du Sénégal" in french.body
        assert f"/fr/espace-prive/collecte/{reporting_round.slug}/" in french.body
        (english,) = to(contributor.user.email)
        assert english.subject == f"Reporting round open: {reporting_round}"
        for nobody in (thematic, opted_out, left):
            assert to(nobody.user.email) == []

    def test_a_round_that_has_not_opened_is_not_announced(self, national):
        reporting_round = make_round()
        reporting_round.opens_on = today() + DAY
        reporting_round.save()
        assert run_jobs()[OPENED] == 0


class TestARoundClosesSoon:
    def test_partners_with_answers_missing_are_reminded_of_what_is_left(
        self, settings, national, contributor, run_worker
    ):
        settings.REPORTING_REMINDER_DAYS = 10
        reporting_round = make_round(actions=2, recommendations=0)
        done = FocalPointFactory()
        for action in reporting_round.actions.all():
            answer(reporting_round, done, action)
        services.submit_country_report(round=reporting_round, partner=done.partner, by=done.user)
        answer(reporting_round, national, first_action(reporting_round))
        mail.outbox.clear()
        assert run_jobs()[REMINDED] == 2
        assert run_jobs()[REMINDED] == 0
        run_worker()
        reminders = [
            email for email in mail.outbox if "closes" in email.subject or "clôt" in email.subject
        ]
        assert sorted(email.to[0] for email in reminders) == sorted(
            [national.user.email, contributor.user.email]
        )
        (english,) = [email for email in reminders if email.to == [contributor.user.email]]
        assert english.subject == f"{reporting_round}: the round closes in 10 days"
        first, second = reporting_round.actions.order_by("sort_order")
        assert "Not answered yet (1 item):" in english.body
        assert f"- {second.label}: {second.title}" in english.body
        assert "Answered but not submitted to the secretariat (1 item):" in english.body
        assert f"- {first.label}: {first.title}" in english.body
        (french,) = [email for email in reminders if email.to == [national.user.email]]
        assert "Pas encore de réponse (1\u00a0élément)\u00a0:" in french.body

    def test_no_reminder_before_the_days_set_nor_to_those_who_turned_it_off(self, settings):
        settings.REPORTING_REMINDER_DAYS = 5
        make_round()  # closes in 10 days
        FocalPointFactory()
        assert run_jobs()[REMINDED] == 0
        settings.REPORTING_REMINDER_DAYS = 10
        FocalPointFactory(notify_round_reminders=False)
        assert run_jobs()[REMINDED] == 1


class TestAnswersAreReviewed:
    @pytest.fixture
    def submitted(self, settings, national, contributor):
        settings.SECRETARIAT_EMAIL = "secretariat@rabat-process.example"
        reporting_round = make_round(actions=1, recommendations=0)
        answer(reporting_round, contributor, first_action(reporting_round))
        services.submit_country_report(
            round=reporting_round, partner=national.partner, by=contributor.user
        )
        return reporting_round.reports.get()

    def test_a_submission_gives_a_receipt_and_tells_the_secretariat(
        self, submitted, national, contributor, run_worker
    ):
        FocalPointFactory(
            partner=national.partner, role="contributor", notify_report_receipts=False
        )
        other_country = FocalPointFactory()
        run_worker()
        assert len(to(national.user.email)) == len(to(contributor.user.email)) == 1
        assert to(other_country.user.email) == []
        (receipt,) = to(contributor.user.email)
        assert receipt.subject == f"Answers received: {submitted.round}"
        assert "1 answer of Senegal" in receipt.body
        (notice,) = to("secretariat@rabat-process.example")
        assert "Senegal submitted answers" in notice.subject
        assert f"round__id__exact={submitted.round.pk}" in notice.body
        assert "state__exact=submitted" in notice.body

    def test_a_returned_answer_is_told_with_its_comment(self, submitted, national, run_worker):
        run_worker()
        mail.outbox.clear()
        services.return_report(
            report=submitted, comment="Ajoutez la stratégie nationale.", by=SecretariatUserFactory()
        )
        run_worker()
        (french,) = to(national.user.email)
        assert "Commentaire\u00a0: Ajoutez la stratégie nationale." in french.body
        assert "renvoyé pour modification" in french.body

    def test_a_validation_is_told_once_for_all_the_answers_of_a_partner(
        self, submitted, national, contributor, run_worker
    ):
        contributor.notify_report_reviews = False
        contributor.save()
        run_worker()
        mail.outbox.clear()
        assert services.validate_reports(reports=[submitted], by=SecretariatUserFactory()) == 1
        run_worker()
        assert to(contributor.user.email) == []
        (french,) = to(national.user.email)
        assert submitted.item.column_label in french.body
        assert "validé" in french.body


def test_thematic_contacts_are_not_offered_reporting_e_mails(client):
    thematic = FocalPointFactory(role="thematic")
    client.force_login(thematic.user)
    form = client.get(url("private:profile")).context["form"]
    assert "notify_round_opening" not in form.fields
    assert "notify_meeting_reminders" in form.fields
