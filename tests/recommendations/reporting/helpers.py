"""What the tests of reporting share: rounds, answers, addresses."""

import csv
import datetime
import io

from django.contrib.messages import get_messages
from django.utils import timezone

from recommendations.models import ImplementationReport
from tests.factories import (
    ActionFactory,
    ImplementationReportFactory,
    RecommendationFactory,
    ReportingRoundFactory,
)
from tests.helpers import url

State = ImplementationReport.State
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.7 national strategy on migration and development"


def today():
    return timezone.localdate()


def make_round(*, actions=2, recommendations=1, closed=False):
    opens_on = today() - 60 * DAY if closed else today() - 10 * DAY
    closes_on = today() - DAY if closed else today() + 10 * DAY
    reporting_round = ReportingRoundFactory(opens_on=opens_on, closes_on=closes_on)
    reporting_round.actions.add(
        *(
            ActionFactory(objective__domain__framework=reporting_round.framework, sort_order=n)
            for n in range(actions)
        )
    )
    reporting_round.recommendations.add(*(RecommendationFactory() for _ in range(recommendations)))
    return reporting_round


def first_action(reporting_round):
    return reporting_round.actions.order_by("sort_order").first()


def report_of(focal_point, reporting_round, **kwargs):
    kwargs.setdefault("action", first_action(reporting_round))
    return ImplementationReportFactory(round=reporting_round, partner=focal_point.partner, **kwargs)


def edit_url(reporting_round, subject=None):
    subject = subject or first_action(reporting_round)
    kind = subject._meta.model_name
    return url("private:report-edit", slug=reporting_round.slug, kind=kind, pk=subject.pk)


def round_urls(reporting_round):
    return [
        url("private:round-list"),
        url("private:round-detail", slug=reporting_round.slug),
        edit_url(reporting_round),
        edit_url(reporting_round, reporting_round.recommendations.first()),
        url("private:round-matrix", slug=reporting_round.slug),
        url("private:round-matrix-csv", slug=reporting_round.slug),
    ]


def answer(client, reporting_round, subject=None, **data):
    data = {"status": "in_progress", "narrative": "", "evidence": "", **data}
    return client.post(edit_url(reporting_round, subject), data)


def submit(client, reporting_round, confirm=True):
    """Post the confirmation page of the country's report, ticked or not."""
    data = {"confirm": "on"} if confirm else {}
    return client.post(url("private:round-submit", slug=reporting_round.slug), data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def submitted(**kwargs):
    return {"state": State.SUBMITTED, "submitted_at": timezone.now(), **kwargs}


def validated(**kwargs):
    return {**submitted(), "state": State.VALIDATED, "validated_at": timezone.now(), **kwargs}
