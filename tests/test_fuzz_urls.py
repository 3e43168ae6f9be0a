"""Bad input everywhere public: generated requests on every URL pattern, never a 500.

The patterns come from walking the URL resolver in each language, so a page added later is
fuzzed without anybody listing it. Only ``admin/`` and ``api/`` are left out (see
``EXCLUDED``). The private area is included, as an anonymous visitor: its account pages
(sign in, password reset…) are public, and every other private page must send the visitor
to sign in (302), refuse (403) or not exist (404).

Each pattern gets its share (see ``budget``) of ``REQUESTS`` GET requests that hypothesis
generates: path parameters drawn from the pattern's own converters, mixing the parameters of
real pages and real slugs and keys from the reference data with hostile values (huge and
negative numbers, unicode, percent-encoded and broken escapes, ``..``, very long values,
NUL), the path now and then without its language prefix, query strings mixing the real
filter keys and choices of every FilterSet with random keys, repeated keys, raw garbage and
NUL bytes, and odd Accept-Language headers. Every response must be below 500 and well
formed; a view's exception fails the test with its traceback. The last test checks that the
run sent at least ``REQUESTS`` (1,000 in `make test`, 10,000 in `make fuzz`) and prints
how they ended.

The examples are the same on every run (``derandomize``) so that CI is reproducible; set
``FUZZ_EXPLORE=1`` to draw fresh ones, and ``FUZZ_REQUESTS`` to change the budget.
"""

import io
import math
import os
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation
from hypothesis import HealthCheck, given, settings

from governance.groups import ensure_groups
from governance.models import Framework, Partner
from meetings.models import Meeting
from tests.factories import (
    DocumentFactory,
    EditionFactory,
    FocalPointFactory,
    ForumFactory,
    NewsPostFactory,
    PostFactory,
    ProjectFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    ThreadFactory,
)
from tests.url_fuzzing import (
    REAL,
    LeanClient,
    query_string,
    query_value,
    real_values,
    requests,
)

# A thousand in `make test`; `make fuzz` sends ten thousand.
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "1000"))

# Route prefixes left out of the fuzz, and why. Nothing else is left out.
EXCLUDED = {
    "admin/": "the secretariat's office, behind staff sign-in; not public",
    "api/": "fuzzed from its OpenAPI schema by schemathesis (test_api_schema.py)",
}
# Private pages open to anonymous visitors: signing in and resetting a forgotten password.
PRIVATE_ACCOUNT_PAGES = {
    "private:login",
    "private:logout",
    "private:password_reset",
    "private:password_reset_done",
    "private:password_reset_confirm",
    "private:password_reset_complete",
}
# Public patterns that may never answer 200 to the fuzz, and why.
NO_PAGE_EXPECTED = {
    "meetings:document-file": "the loaded documents are links, not files",
    "private:logout": "signing out takes a POST",
    "news:subscribe": "subscribing takes a POST",
    "news:image": "the fuzz's posts have no uploaded image (tests/news/test_news.py has one)",
    "news:edition-pdf": "the fuzz's editions have no uploaded PDF (tests/news/test_editions.py)",
    "meetings:document-thumbnail": (
        "the fuzz's videos have no picture (tests/meetings/test_video_thumbnails.py)"
    ),
    "open-data-download": "no archive before the worker makes one (tests/test_open_data.py)",
    "overview:follow-up-csv": (
        "needs validated reports in a round of the plan in force, which the fuzz's data lack "
        "(tests/overview/test_follow_up.py)"
    ),
}


# The resolver ------------------------------------------------------------------------------


def test_the_resolver_walk_finds_every_kind_of_page():
    """The walk reaches the pages of every app in both languages, and only route patterns,
    whose parameters it knows how to fill: a regex pattern added later fails here rather
    than go unfuzzed."""
    names = {name for _language, _route, name, _converters in PATTERNS}
    assert {
        "home",
        "sitemap",
        "meetings:list",
        "meetings:detail",
        "recommendations:detail",
        "governance:partner-detail",
        "private:login",
        "private:report-edit",
    } <= names
    routes = {route for _language, route, _name, _converters in PATTERNS}
    assert {"en/meetings/<slug:slug>/", "fr/reunions/<slug:slug>/"} <= routes
    assert not any(route.startswith("admin/") for route in routes)
    assert all(isinstance(entry, RoutePattern) for entry in ENDPOINT_PATTERNS), [
        str(entry) for entry in ENDPOINT_PATTERNS if not isinstance(entry, RoutePattern)
    ]


def walk(patterns, prefix="", namespace="", converters=None):
    """Every URL pattern under ``patterns``: (route, name, converters), in the active language."""
    for entry in patterns:
        pattern = entry.pattern
        part = pattern.language_prefix if isinstance(pattern, LocalePrefixPattern) else str(pattern)
        route = prefix + part
        if any(route.startswith(excluded) for excluded in EXCLUDED):
            continue
        found = {**(converters or {}), **getattr(pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, route, inner, found)
        else:
            ENDPOINT_PATTERNS.append(pattern)
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield route, name, found


def public_patterns():
    """(language, route, name, converters) of every pattern, once per language it exists in."""
    seen = set()
    found = []
    for language, _name in django_settings.LANGUAGES:
        with translation.override(language):
            for route, name, converters in walk(get_resolver().url_patterns):
                if route in seen:
                    continue
                seen.add(route)
                found.append((language, route, name, converters))
    return found


ENDPOINT_PATTERNS = []
PATTERNS = public_patterns()


def budget(name, converters):
    """A pattern's share of the requests. Path parameters are where most surprises hide, so
    each counts twice. A private page answers an anonymous visitor before its view runs, a
    redirect that costs a fraction of a page, so those get five times the share: the run
    stays fast while every public page still gets dozens of requests per language."""
    if name.startswith("private:") and name not in PRIVATE_ACCOUNT_PAGES:
        return 5 * (1 + len(converters))
    return 1 + 2 * len(converters)


TOTAL_WEIGHT = sum(budget(name, converters) for _language, _route, name, converters in PATTERNS)
SENT = Counter()  # (name, status) -> requests
FUZZED = set()  # (language, route) of the patterns fuzzed in this process


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """The reference data and a few private-area rows, loaded once for the whole module.

    They live in a transaction of their own that is rolled back when the module ends, so
    the other tests keep their empty database; each test's own transaction nests inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # A browser test on this worker may have flushed the groups that migrations create.
        ensure_groups()
        call_command("load_reference_data", stdout=io.StringIO())
        meetings = list(Meeting.objects.published().order_by("pk")[:3])
        recommendations = [RecommendationFactory(meeting=meeting) for meeting in meetings]
        DocumentFactory(meeting=meetings[0])
        framework = Framework.objects.order_by("pk").first()
        reporting_round = ReportingRoundFactory(framework=framework)
        reporting_round.recommendations.set(recommendations)
        PostFactory(thread=ThreadFactory(forum=ForumFactory()))
        FocalPointFactory(partner=Partner.objects.order_by("pk").first())
        EditionFactory().posts.add(NewsPostFactory())
        ProjectFactory().countries.add(Partner.objects.countries().order_by("pk").first())
        REAL.update(real_values())
        yield REAL
        transaction.set_rollback(True)
    REAL.clear()
    query_value.cache_clear()
    query_string.cache_clear()


# Checks ------------------------------------------------------------------------------------


def check(response, name):
    """Below 500, and a response a client can read to the end."""
    assert response.status_code < 500, f"{response.status_code} from {name}"
    # A stream read to the end is closed by the test client's wrapper, which keeps the
    # test's database connection open; closing it again here would close that too.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code in {301, 302, 303, 307, 308}:
        assert response["Location"], "a redirect without a Location"
    content_type = response.get("Content-Type", "")
    if content_type.startswith(("text/", "application/xml", "application/atom")):
        body.decode(response.charset or "utf-8")
    if name.startswith("private:") and name not in PRIVATE_ACCOUNT_PAGES:
        # 400: an address with a NUL character, refused before any view runs.
        assert response.status_code in {302, 400, 403, 404}, f"{response.status_code} from {name}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "route", "name", "converters"),
    PATTERNS,
    ids=[f"{route}" for _language, route, _name, _converters in PATTERNS],
)
def test_no_generated_request_fails(reference_data, language, route, name, converters):
    examples = math.ceil(REQUESTS * budget(name, converters) / TOTAL_WEIGHT)
    i18n = route.startswith(f"{language}/")
    client = LeanClient()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not os.environ.get("FUZZ_EXPLORE"),
        suppress_health_check=list(HealthCheck),
    )
    @given(request=requests(language if i18n else None, route, name, converters))
    def fuzz(request):
        path, headers = request
        with transaction.atomic():
            response = client.get(path, headers=headers)
            transaction.set_rollback(True)
        SENT[name, response.status_code] += 1
        check(response, name)

    fuzz()
    FUZZED.add((language, route))


def test_the_run_sent_enough_requests():
    """At least ``REQUESTS`` requests, and pages reached, not only 404s; prints the figures."""
    names = {name for _language, _route, name, _converters in PATTERNS}
    # Run in parallel (make test), each process fuzzes part of the patterns: the count
    # is checked where one process fuzzed them all (make fuzz).
    if {(language, route) for language, route, _name, _converters in PATTERNS} != FUZZED:
        pytest.skip("only part of the fuzz ran in this process")
    total = sum(SENT.values())
    by_status = Counter()
    for (_name, status), count in SENT.items():
        by_status[status] += count
    print(f"\nfuzz: {total} requests on {len(PATTERNS)} patterns; by status: {dict(by_status)}")
    assert total >= REQUESTS
    assert max(by_status) < 500
    if REQUESTS >= 10_000:  # with a few examples per pattern, missing a page is chance
        # The generated requests reach the pages themselves, not only their 404s.
        pages = {name for name in names if not name.startswith("private:")}
        pages |= PRIVATE_ACCOUNT_PAGES
        answered = {name for (name, status), _count in SENT.items() if status == 200}
        assert pages - set(NO_PAGE_EXPECTED) - answered == set(), "never reached the page"
