"""Writing to focal points: in the language of their card, at their account's address,
to those who have not turned that kind of e-mail off."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.mail import queue_email
from governance.models import FocalPoint


def reachable(opt_in, *, partners=None, reporting=False):
    """Focal points with an active account and an address who keep ``opt_in`` (a
    ``notify_…`` field of the card) on; of ``partners`` if given; only those who report
    for their partner if ``reporting``."""
    people = FocalPoint.objects.filter(user__is_active=True, **{opt_in: True}).exclude(
        user__email=""
    )
    if partners is not None:
        people = people.filter(partner__in=partners)
    if reporting:
        people = people.filter(role__in=FocalPoint.REPORTING_ROLES)
    return people.select_related("user", "partner").order_by("partner", "pk")


def site_url(name, **kwargs):
    """The full address of a page, in the active language."""
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def write_to(focal_point, template, context, *, purpose):
    """Queue the e-mail ``template`` (``…_subject.txt`` and ``….txt``) to ``focal_point``,
    written in the language of their card; ``context`` may be a function of nothing, called
    in that language (for addresses and names that depend on it)."""
    with translation.override(focal_point.language):
        context = {"focal_point": focal_point, **(context() if callable(context) else context)}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return queue_email(to=focal_point.user.email, subject=subject, body=body, purpose=purpose)


def write_once(focal_point, template, context, *, purpose, record):
    """``write_to``, in one transaction with ``record()``, which writes the row saying it
    was sent under a unique constraint: False, and nothing sent, if it was sent already."""
    try:
        with transaction.atomic():
            record()
            write_to(focal_point, template, context, purpose=purpose)
    except IntegrityError:
        return False
    return True
