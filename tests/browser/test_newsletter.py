"""The newsletter end to end: the secretariat writes news posts, builds an edition from its
period and sends it; a visitor subscribes in French from a page's footer, confirms from the
e-mail, receives the French edition and leaves in one click."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from news.models import Subscriber
from tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_from_news_posts_to_a_french_reader_who_leaves(site, browser, run_worker):
    secretariat = SecretariatUserFactory(username="secretariat", email="office@example.org")
    secretariat.set_password(PASSWORD)
    secretariat.save()
    today = timezone.localdate()

    # The visitor subscribes in French from the footer of the French home page.
    visitor = browser.new_context().new_page()
    visitor.goto(site.url + "/fr/")
    visitor.get_by_label("Votre courriel").fill("lectrice@example.org")
    visitor.get_by_label("Langue de la lettre").select_option("fr")
    visitor.get_by_role("button", name="S’abonner").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    run_worker()
    (confirmation,) = mail.outbox
    visitor.goto(link_in(confirmation))
    visitor.get_by_role("button", name="Confirmer").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vous êtes abonné")
    assert Subscriber.objects.confirmed().get().email == "lectrice@example.org"

    # The secretariat writes three posts, builds an edition from its period and sends it.
    office = browser.new_context().new_page()
    office.goto(site.url + "/admin/login/")
    office.get_by_label("Username").fill("secretariat")
    office.get_by_label("Password").fill(PASSWORD)
    office.get_by_role("button", name="Log in").click()
    for number in range(1, 4):
        office.goto(site.url + "/admin/news/newspost/add/")
        office.locator("#id_title_en").fill(f"Post number {number}")
        office.locator("#id_slug").fill(f"post-{number}")
        office.locator("#id_status").select_option("published")
        office.locator("#id_published_on").fill(today.isoformat())
        office.locator("#id_summary_en").fill(f"Summary {number}.")
        # Each translated field has its tabs, one per language.
        for field, text in (("title", f"Actualité numéro {number}"), ("summary", "Résumé.")):
            office.locator(f"a[href='#tab_id_{field}_fr']").click()
            office.locator(f"#id_{field}_fr").fill(text)
        office.get_by_role("button", name="Save", exact=True).click()
        expect(office.locator(".messagelist .success")).to_be_visible()
    office.goto(site.url + "/admin/news/edition/add/")
    office.locator("#id_number").fill("1")
    office.locator("#id_year").fill(str(today.year))
    office.locator("#id_period_start").fill((today - datetime.timedelta(days=30)).isoformat())
    office.locator("#id_period_end").fill(today.isoformat())
    office.locator("#id_published").check()
    office.get_by_role("button", name="Save", exact=True).click()
    for action in ("fill_from_period", "send_to_subscribers"):
        office.locator("input[name=_selected_action]").first.check()
        office.locator("select[name=action]").select_option(action)
        office.get_by_role("button", name="Go").click()
        expect(office.locator(".messagelist")).to_be_visible()

    # The worker sends; the visitor reads the French edition and leaves in one click.
    run_worker()
    editions = [message for message in mail.outbox if message.to == ["lectrice@example.org"]]
    edition = editions[-1]
    assert edition.subject == f"Rabat Review #1/{today.year}"
    assert all(f"Actualité numéro {n}" in edition.body for n in (1, 2, 3))
    leave = edition.extra_headers["List-Unsubscribe"].strip("<>")
    visitor.goto(leave)
    visitor.get_by_role("button", name="Se désabonner").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vous êtes désabonné")
    assert not Subscriber.objects.exists()
