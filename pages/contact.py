"""The contact page's messages: to the secretariat's mailbox through the worker, the
sender's address as Reply-To. Nothing is kept but the e-mail itself (admin › E-mails);
robots are kept out as from the newsletter: a hidden field and rate limits."""

from django.conf import settings
from django.template.loader import render_to_string

from core.mail import queue_email
from core.models import OutgoingEmail
from core.rate_limit import within_limit

# Messages per hour: from one address, and from one client address.
MESSAGES_PER_ADDRESS = 3
MESSAGES_PER_CLIENT = 10


def message_allowed(*, email, client_address):
    per_address = within_limit(
        "contact-address", email.strip().lower(), limit=MESSAGES_PER_ADDRESS, period=3600
    )
    per_client = within_limit(
        "contact-client", client_address, limit=MESSAGES_PER_CLIENT, period=3600
    )
    return per_address and per_client


def send_message(*, name, email, subject, message, language):
    context = {"name": name, "email": email, "message": message, "language": language}
    queue_email(
        to=settings.SECRETARIAT_EMAIL,
        subject=f"[Contact] {subject}",
        body=render_to_string("pages/emails/contact.txt", context),
        headers={"Reply-To": email},
        purpose=OutgoingEmail.Purpose.CONTACT,
    )
