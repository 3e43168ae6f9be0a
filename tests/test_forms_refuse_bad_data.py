"""Forms refuse bad data with a message and write nothing.

Hypothesis posts generated data, garbage and now and then something valid, to the forms of
the private area as a signed-in national focal point: the contact card, the contributor
invitation, a report on an item of an open round and a new forum thread. The answer is the
form again with its errors shown (200), or a redirect (302) when the data was valid; never a
500. When the form is refused, no row of any table is written or changed.
"""

import datetime
import os

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.forms import ContactCardForm, ContributorInvitationForm
from recommendations.forums.forms import ThreadForm
from recommendations.models import ImplementationReport
from recommendations.reporting.forms import ReportForm
from tests.factories import (
    ActionFactory,
    FocalPointFactory,
    ForumFactory,
    ReportingRoundFactory,
    UserFactory,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

fuzz = settings(
    deadline=None,
    database=None,
    derandomize=not os.environ.get("FUZZ_EXPLORE"),
    suppress_health_check=list(HealthCheck),
)

# What a browser could never send, or a careless one might: text the test client can encode
# (no lone surrogates), NUL, only blanks, too long, markup, numbers.
garbage = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\t\n\r",
            "\x00",
            "a\x00b",
            "<script>alert(1)</script>",
            "'; DROP TABLE auth_user; --",
            "-1",
            "9" * 40,
            "on",
            "\u202e",
            "x" * 151,
            "x" * 201,
            "x" * 10_001,
        ]
    ),
)
names = st.sampled_from(["Fatou", "Sow", "N'Diaye", "Ibrahima Fall", "Éloïse"])
emails = st.one_of(st.emails().map(lambda address: address[:254]), st.just("taken@example.org"))


def form_data(fields):
    """A dict of POST data. ``fields`` gives what a careful person would type in each field;
    a quarter of the time the data is just that, otherwise any of the fields may be missing,
    garbage or repeated, and keys the form does not know may come along."""
    value_lists = {
        name: st.one_of(valid, garbage, st.lists(st.one_of(valid, garbage), min_size=2, max_size=3))
        for name, valid in fields.items()
    }
    mixed = st.fixed_dictionaries(
        {}, optional={**value_lists, "csrfmiddlewaretoken": garbage, "unexpected": garbage}
    )
    return st.one_of(st.fixed_dictionaries(fields), mixed, mixed, mixed)


def snapshot():
    """Every row of every table but the sessions', to compare before and after a post."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model is not Session
    }


def post(client, path, data, form):
    """Post, and check the answer: the form's errors on the page and nothing written, or a
    redirect after valid data. ``form`` is the form a view would build from ``data``."""
    before = snapshot()
    with transaction.atomic():
        response = client.post(path, data)
        after = snapshot() if response.status_code == 200 else None
        transaction.set_rollback(True)
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 302:
        assert form.is_valid(), f"accepted invalid data: {form.errors.as_data()}"
        return
    shown = response.context["form"]
    assert shown.errors, "refused without saying why"
    page = response.content.decode()
    messages = [message for errors in shown.errors.values() for message in errors]
    assert any(escape(message) in page for message in messages), messages
    assert after == before, "a refused form wrote to the database"


@pytest.fixture
def focal_point(client):
    me = FocalPointFactory(email="before@example.org", job_title="Director")
    UserFactory(username="taken@example.org", email="taken@example.org")
    client.force_login(me.user)
    return me


def as_posted(data):
    """The POST data and files a view reads from ``data``, as the test client sends them:
    uploads as files, anything else as fields, repeated keys in order."""
    fields, files = MultiValueDict(), MultiValueDict()
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            (files if isinstance(item, UploadedFile) else fields).appendlist(key, item)
    return fields, files


@fuzz
@given(data=form_data(
    {
        "first_name": names,
        "last_name": names,
        "job_title": st.sampled_from(["Director", ""]),
        "institution": st.sampled_from(["Ministry of Foreign Affairs", ""]),
        "email": st.one_of(emails, st.just("")),
        "phone": st.sampled_from(["+221 77 000 00 00", ""]),
        "languages": st.sampled_from(["fr, en", ""]),
        "theme": st.sampled_from(["Migration and development", ""]),
        "notify_forum_replies": st.sampled_from(["on", ""]),
    }
))  # fmt: skip
def test_the_contact_card(client, focal_point, data):
    focal_point.refresh_from_db()
    form = ContactCardForm(as_posted(data)[0], instance=focal_point)
    post(client, url("private:profile"), data, form)


@fuzz
@given(data=form_data({"first_name": names, "last_name": names, "email": emails}))
def test_the_contributor_invitation(client, focal_point, data):
    form = ContributorInvitationForm(as_posted(data)[0])
    post(client, url("private:contributors"), data, form)


@pytest.fixture
def open_round(focal_point):
    today = timezone.localdate()
    reporting_round = ReportingRoundFactory(
        opens_on=today - datetime.timedelta(days=10), closes_on=today + datetime.timedelta(days=10)
    )
    action = ActionFactory(objective__domain__framework=reporting_round.framework)
    reporting_round.actions.add(action)
    return reporting_round, action


uploads = st.builds(
    SimpleUploadedFile,
    name=st.sampled_from(
        [
            *("evidence.pdf", "photo.png", "scan.jpg", "notes.docx", "virus.exe", "noext"),
            *("a" * 300, "../../etc/passwd.pdf", "é\u202egpj.pdf", ".pdf"),
        ]
    ),
    content=st.one_of(
        st.binary(max_size=64),
        st.sampled_from([b"", b"%PDF-1.4\n%%EOF\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"]),
        st.binary(max_size=16).map(lambda tail: b"PK\x03\x04" + tail),
    ),
)


@fuzz
@given(data=form_data(
    {
        "status": st.sampled_from(ImplementationReport.Status.values),
        "narrative": st.sampled_from(["A law was passed in 2024.", ""]),
        "evidence": st.sampled_from(["https://example.org/law.pdf", ""]),
        "evidence_file": uploads,
        "evidence_file-clear": st.sampled_from(["on", ""]),
    }
))  # fmt: skip
def test_a_report(client, open_round, data):
    reporting_round, action = open_round
    path = url("private:report-edit", slug=reporting_round.slug, kind="action", pk=action.pk)
    post(client, path, data, ReportForm(*as_posted(data)))


@fuzz
@given(data=form_data({"title": names, "body": st.just("Where do we stand on returns?")}))
def test_a_new_thread(client, forum, data):
    form = ThreadForm(as_posted(data)[0])
    post(client, url("private:thread-create", slug=forum.slug), data, form)


@pytest.fixture
def forum(focal_point):
    return ForumFactory()
