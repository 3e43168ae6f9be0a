"""The contact page's messages: to the secretariat's mailbox through the worker, the
sender's address as Reply-To. Nothing is kept but the e-mail itself (admin › E-mails);
robots are kept out as from the newsletter: a hidden field and rate limits."""

from django.conf import settings
from django.template.loader import render_to_string

from core.mail import queue_email
from core.models import OutgoingEmail
from core.rate_limit import within_limits

# Messages per hour: from one address, and from one client address.
MESSAGES_PER_ADDRESS = 3
MESSAGES_PER_CLIENT = 10


def message_allowed(*, email, client_address):
    return within_limits(
        "contact",
        address=email,
        client_address=client_address,
        per_address=MESSAGES_PER_ADDRESS,
        per_client=MESSAGES_PER_CLIENT,
    )


def send_message(*, name, email, subject, message, language):
    context = {"name": name, "email": email, "message": message, "language": language}
    queue_email(
        to=settings.SECRETARIAT_EMAIL,
        subject=f"[Contact] {subject}",
        body=render_to_string("pages/emails/contact.txt", context),
        headers={"Reply-To": email},
        purpose=OutgoingEmail.Purpose.CONTACT,
    )
