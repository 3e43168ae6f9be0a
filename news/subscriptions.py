"""Subscribing to the newsletter without an account: asking, confirming from the e-mail
(double opt-in), and leaving in one click.

The links in the e-mails are signed (``django.core.signing``): a confirmation link is valid
``CONFIRMATION_DAYS``; a link to leave never expires, so that any e-mail ever sent still
lets its reader go. Neither says anything to whoever does not hold it.
"""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.mail import queue_email
from core.models import OutgoingEmail
from core.rate_limit import within_limits
from news.models import Subscriber

CONFIRMATION_DAYS = 7
CONFIRM_SALT = "news.subscription.confirm"
LEAVE_SALT = "news.subscription.leave"
# Askings per hour: for one address, and from one client address.
SUBSCRIPTIONS_PER_ADDRESS = 3
SUBSCRIPTIONS_PER_CLIENT = 10


def subscription_allowed(*, email, client_address):
    return within_limits(
        "subscribe",
        address=email,
        client_address=client_address,
        per_address=SUBSCRIPTIONS_PER_ADDRESS,
        per_client=SUBSCRIPTIONS_PER_CLIENT,
    )


@transaction.atomic
def ask(*, email, languages, domains=(), news_notices=False, site_root):
    """Record the asking and queue the e-mail that confirms it, in the language chosen (the
    page's, for both). An address already confirmed keeps its subscription and gets no
    e-mail: the answer on the page is the same, so it tells nobody who subscribed."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.confirmed_at is not None:
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.languages = languages
    subscriber.news_notices = news_notices
    subscriber.requested_at = timezone.now()
    subscriber.save()
    subscriber.domains.set(domains)
    language = (
        subscriber.languages
        if subscriber.languages != Subscriber.Languages.BOTH
        else translation.get_language()
    )
    with translation.override(language):
        context = {"link": site_root.rstrip("/") + confirmation_path(subscriber)}
        queue_email(
            to=subscriber.email,
            subject=_("Confirm your subscription to the Rabat Process newsletter"),
            body=render_to_string("news/emails/confirm_subscription.txt", context),
            purpose=OutgoingEmail.Purpose.SUBSCRIPTION,
            confidential=True,
        )
    return subscriber


def confirmation_path(subscriber):
    token = signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT)
    return reverse("news:subscription-confirm", kwargs={"token": token})


def leave_path(subscriber):
    token = signing.dumps([subscriber.pk, subscriber.email], salt=LEAVE_SALT)
    return reverse("news:subscription-leave", kwargs={"token": token})


def leave_headers(leave):
    """The headers of an e-mail to a subscriber that let their mail program offer to leave
    in one click (RFC 2369 and RFC 8058), ``leave`` being their link to leave."""
    return {"List-Unsubscribe": f"<{leave}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _subscriber(token, salt, max_age=None):
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=pk, email=email).first()


def subscriber_to_confirm(token):
    """The subscriber a confirmation link names, while it is valid; None otherwise."""
    return _subscriber(token, CONFIRM_SALT, max_age=timedelta(days=CONFIRMATION_DAYS))


def subscriber_leaving(token):
    """The subscriber a link to leave names, if still subscribed; None otherwise."""
    return _subscriber(token, LEAVE_SALT)


def confirm(subscriber):
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])


def leave(subscriber):
    """Everything kept about the subscriber goes: address, choices, dates."""
    erase(Subscriber.objects.filter(pk=subscriber.pk))


# What the platform sent a subscriber as such: erased with them.
SUBSCRIBER_EMAILS = (
    OutgoingEmail.Purpose.SUBSCRIPTION,
    OutgoingEmail.Purpose.NEWSLETTER,
    OutgoingEmail.Purpose.NEWS_NOTICE,
)


@transaction.atomic
def erase(subscribers):
    """Erase the ``subscribers``, the editions' record of reaching them and the e-mails sent
    to them as subscribers (one still waiting is then never sent)."""
    addresses = list(subscribers.values_list("email", flat=True))
    OutgoingEmail.objects.filter(to__in=addresses, purpose__in=SUBSCRIBER_EMAILS).delete()
    subscribers.delete()


def forget_unconfirmed():
    """Erase the askings never confirmed within CONFIRMATION_DAYS; how many."""
    expired = timezone.now() - timedelta(days=CONFIRMATION_DAYS)
    _total, by_model = Subscriber.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=expired
    ).delete()
    return by_model.get(Subscriber._meta.label, 0)
