"""What the platform tells the people who report, by e-mail through the worker, each in
the language of their card and each kind with its opt-out on the card:

- a round opens: the national focal points and contributors of every current partner;
- a round closes within ``REPORTING_REMINDER_DAYS``: those of the partners whose answers
  are not all with the secretariat, naming what is left;
- a partner submits: a receipt to its people, a notice to ``SECRETARIAT_EMAIL``;
- the secretariat validates or returns answers: the partner's people, with the comment.

The first two are scheduled jobs, idempotent through ``RoundNotice`` (one per person,
round and kind, written with the e-mail); the others go with the write that causes them,
in its transaction.
"""

import itertools
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.mail import queue_email
from core.models import OutgoingEmail
from governance.mail import reachable, site_url, write_once, write_to
from governance.models import Partner
from recommendations.reporting.models import ReportingRound, RoundNotice

Purpose = OutgoingEmail.Purpose


def _round_context(round, **extra):
    """The context of an e-mail about ``round``, made in the language of its reader."""
    return lambda: {
        "round": round,
        "round_url": site_url("private:round-detail", slug=round.slug),
        **extra,
    }


def _tell_once(round, focal_point, kind, template, context, purpose):
    return write_once(
        focal_point,
        template,
        context,
        purpose=purpose,
        record=lambda: RoundNotice.objects.create(round=round, focal_point=focal_point, kind=kind),
    )


def announce_open_rounds():
    """Tell everyone who reports of each open round they were not told of; how many."""
    told = 0
    for round in ReportingRound.objects.open():
        already = round.notices.filter(kind=RoundNotice.Kind.OPENING).values("focal_point")
        people = reachable(
            "notify_round_opening", partners=Partner.objects.current(), reporting=True
        ).exclude(pk__in=already)
        for focal_point in people:
            told += _tell_once(
                round,
                focal_point,
                RoundNotice.Kind.OPENING,
                "private/emails/round_opening",
                _round_context(round),
                Purpose.ROUND_OPENING,
            )
    return told


def remind_closing_rounds():
    """Remind the people of every partner with answers missing or not submitted in a
    round closing soon, once each; how many were reminded."""
    today = timezone.localdate()
    last_day = today + timedelta(days=settings.REPORTING_REMINDER_DAYS)
    reminded = 0
    for round in ReportingRound.objects.open().filter(closes_on__lte=last_day):
        already = round.notices.filter(kind=RoundNotice.Kind.REMINDER).values("focal_point")
        people = reachable(
            "notify_round_reminders", partners=Partner.objects.current(), reporting=True
        ).exclude(pk__in=already)
        for partner, focal_points in itertools.groupby(people, key=lambda person: person.partner):
            progress = round.progress_of(partner)
            if progress.all_submitted:
                continue
            context = {
                "days_left": (round.closes_on - today).days,
                "unanswered": progress.unanswered_items,
                "to_submit": [item for item, _report in progress.rows_to_submit],
            }
            for focal_point in focal_points:
                reminded += _tell_once(
                    round,
                    focal_point,
                    RoundNotice.Kind.REMINDER,
                    "private/emails/round_reminder",
                    _round_context(round, **context),
                    Purpose.ROUND_REMINDER,
                )
    return reminded


def answers_submitted(*, round, partner, reports, by):
    """A receipt to the partner's people and a notice to the secretariat, of the answers
    ``reports`` just submitted by ``by``."""
    items = [report.item for report in reports]
    context = {"partner": partner, "items": items, "submitted_by": by}
    for focal_point in reachable("notify_report_receipts", partners=[partner], reporting=True):
        write_to(
            focal_point,
            "private/emails/report_receipt",
            _round_context(round, **context),
            purpose=Purpose.REPORT_RECEIPT,
        )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "round": round,
            "review_url": site_url("admin:recommendations_implementationreport_changelist")
            + f"?round__id__exact={round.pk}&partner__id__exact={partner.pk}"
            + "&state__exact=submitted",
        }
        subject = render_to_string("private/emails/report_submitted_subject.txt", context)
        body = render_to_string("private/emails/report_submitted.txt", context)
    queue_email(
        to=settings.SECRETARIAT_EMAIL, subject=subject, body=body, purpose=Purpose.REPORT_RECEIPT
    )


def answers_reviewed(reports):
    """Tell each partner's people of the answers the secretariat just validated or
    returned, with its comments: one e-mail a person."""
    by_partner = itertools.groupby(
        sorted(reports, key=lambda report: (report.partner_id, report.round_id)),
        key=lambda report: (report.partner, report.round),
    )
    for (partner, round), group in by_partner:
        reviewed = list(group)
        for focal_point in reachable("notify_report_reviews", partners=[partner], reporting=True):
            write_to(
                focal_point,
                "private/emails/report_review",
                _round_context(round, reports=reviewed),
                purpose=Purpose.REPORT_REVIEW,
            )
