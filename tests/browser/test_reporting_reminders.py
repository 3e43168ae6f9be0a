"""A focal point is told by e-mail when a round opens, answers from the link, is reminded
before the round closes of what is left, submits, gets a receipt, and turns the
reminders off on the contact card. E-mails are read from the test mail backend."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import FocalPoint
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from recommendations.models import ReportingRound
from tests.factories import ActionFactory, CountryFactory, FocalPointFactory, ReportingRoundFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_focal_point_is_told_reminded_and_answers(site, browser, run_worker, settings):
    settings.SITE_URL = site.url
    settings.REPORTING_REMINDER_DAYS = 7
    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(
        name_en="Data collection 2027",
        name_fr="Collecte 2027",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    first, second = (
        ActionFactory(
            objective__domain__framework=reporting_round.framework,
            title_en=english,
            title_fr=french,
            sort_order=order,
        )
        for order, (english, french) in enumerate(
            [
                ("Support return and reintegration", "Soutenir le retour et la réintégration"),
                ("Fight migrant smuggling", "Lutter contre le trafic de migrants"),
            ]
        )
    )
    reporting_round.actions.add(first, second)
    senegal = CountryFactory(name_en="Senegal", name_fr="Sénégal", name_with_of_fr="du Sénégal")
    focal_point = FocalPointFactory(
        partner=senegal, language="fr", user__first_name="Awa", user__last_name="Diop"
    )
    focal_point.user.set_password(PASSWORD)
    focal_point.user.save()

    # The round opens: the scheduled jobs tell her, in French.
    run_jobs()
    run_worker()
    (opening,) = mail.outbox
    assert opening.subject == "Cycle de collecte de données ouvert\u00a0: Collecte 2027"
    assert "les réponses du Sénégal" in opening.body
    page = browser.new_context().new_page()
    page.goto(link_in(opening))
    page.get_by_label("Adresse électronique").fill(focal_point.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collecte 2027")
    page.get_by_role("link", name="Répondre").first.click()
    page.get_by_label("État de mise en œuvre").select_option("in_progress")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collecte 2027")
    assert run_jobs()["reminders before a round closes"] == 0

    # Weeks later the round closes in five days: she is reminded of what is left.
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        closes_on=today + datetime.timedelta(days=5)
    )
    run_jobs()
    run_worker()
    reminder = mail.outbox[-1]
    assert reminder.subject == "Collecte 2027\u00a0: le cycle se clôt dans 5\u00a0jours"
    assert "Pas encore de réponse (1\u00a0élément)\u00a0:" in reminder.body
    assert "Lutter contre le trafic de migrants" in reminder.body
    assert "Répondu mais pas encore soumis au secrétariat (1\u00a0élément)\u00a0:" in reminder.body
    assert "Soutenir le retour et la réintégration" in reminder.body

    # From the reminder she answers the rest and submits; a receipt follows.
    page.goto(link_in(reminder))
    page.get_by_role("link", name="Répondre").first.click()
    page.get_by_label("État de mise en œuvre").select_option("planned")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_role("link", name="Relire et soumettre le rapport").click()
    page.get_by_label("J’ai vérifié ces réponses", exact=False).check()
    page.get_by_role("button", name="Soumettre le rapport au secrétariat").click()
    expect(page.get_by_text("2 rapports ont été soumis au secrétariat.")).to_be_visible()
    run_worker()
    receipt = [message for message in mail.outbox if message.to == [focal_point.user.email]][-1]
    assert receipt.subject == "Réponses reçues\u00a0: Collecte 2027"
    assert "2\u00a0réponses du Sénégal" in receipt.body

    # She turns the reminders off on her card.
    page.get_by_role("link", name="Ma fiche de contact").click()
    page.get_by_label("me rappeler la clôture d’un cycle", exact=False).uncheck()
    page.get_by_role("button", name="Enregistrer ma fiche").click()
    focal_point = FocalPoint.objects.get(pk=focal_point.pk)
    assert not focal_point.notify_round_reminders
    assert focal_point.notify_round_opening
