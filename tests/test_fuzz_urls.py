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
run sent at least 10,000 requests and prints how they ended.

The examples are the same on every run (``derandomize``) so that CI is reproducible; set
``FUZZ_EXPLORE=1`` to draw fresh ones, and ``FUZZ_REQUESTS`` to change the budget.
"""

import functools
import io
import math
import os
import re
import string
from collections import Counter
from urllib.parse import quote, urlencode

import django_filters
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.models import FocalPoint, Framework, Partner, Presidency
from meetings.models import Document, Meeting
from recommendations.models import Forum, Recommendation, ReportingRound, Thread
from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    ForumFactory,
    PostFactory,
    RecommendationFactory,
    ReportingRoundFactory,
    ThreadFactory,
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


# Values ------------------------------------------------------------------------------------

HUGE_NUMBERS = [
    "0",
    "00000000000000000000001",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "9" * 40,
    "1" * 400,
]
# Already encoded as they go on the wire: the client decodes them once, as a server would.
HOSTILE_SEGMENTS = [
    "..",
    ".",
    "%2e%2e",
    "%2E%2E%2F%2E%2E",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "a%00b",
    "%ff%fe",
    "%c3%28",
    "%zz",
    "%",
    "%25",
    "%252e%252e",
    "-1",
    "-0",
    "1e9",
    "0x10",
    "%ef%bc%91",  # a fullwidth digit one
    "%d9%a1%d9%a2",  # Arabic-Indic digits
    "r%C3%A9union",
    "%E2%80%AE",
    "%F0%9F%92%A5",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%201=1--",
    "a" * 3000,
    "%41" * 1000,
]
HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "..",
    "../../etc/passwd",
    "-1",
    "-9223372036854775809",
    "1e400",
    "NaN",
    "inf",
    "0.5",
    "٣",
    "１",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "99999-01-01",
    "-date",
    "--date",
    "date,-date",
    "true",
    "null",
    "[]",
    "{}",
    "'; DROP TABLE meetings_meeting; --",
    "<script>alert(1)</script>",
    "%",
    "%00",
    "\ud7ff\ue000\U0001f4a5",
    "x" * 5000,
]
GENERIC_KEYS = ["page", "p", "next", "language", "lang", "format", "o", "ordering", "q", "search"]
# Text with a bias towards separators and characters that have a meaning in URLs.
URL_ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=["Cs"]),
    st.sampled_from("/?#&=%+;.\\\x00 '\"<>"),
)
url_text = st.text(URL_ALPHABET, max_size=16)


def real_values():
    """Slugs, primary keys, choices and filter keys that exist in the database, and the
    path parameters of real pages, by URL name."""
    slugs = set()
    for model in (Meeting, Partner, Framework, ReportingRound, Forum):
        slugs.update(model.objects.values_list("slug", flat=True))
    pks = set()
    for model in (Meeting, Partner, Presidency, Recommendation, Thread, Document, FocalPoint):
        pks.update(str(pk) for pk in model.objects.values_list("pk", flat=True))
    keys, choices = set(GENERIC_KEYS), set()
    for filterset in filtersets():
        keys.update(filterset.base_filters)
        for field in filterset().form.fields.values():
            for value, _label in getattr(field, "choices", ()):
                if value not in ("", None):
                    choices.add(str(value))
    return {
        "slug": sorted(slugs),
        "pk": sorted(pks, key=int),
        "keys": sorted(keys),
        "choices": sorted(choices),
        "pages": (pages := real_pages()),
        "parameters": parameters_of(pages),
    }


def parameters_of(pages):
    """{parameter name: every real value it takes}."""
    parameters = {}
    for found in pages.values():
        for kwargs in found:
            for name, value in kwargs.items():
                parameters.setdefault(name, set()).add(value)
    return {name: sorted(values) for name, values in parameters.items()}


def real_pages():
    """{URL name: [path parameters of a page that exists]}, found by resolving real URLs."""
    urls = []
    for model in (Meeting, Partner, Framework, Presidency, Recommendation, ReportingRound):
        urls.extend(item.get_absolute_url() for item in model.objects.all())
    for forum in Forum.objects.all():
        urls.append(reverse("private:forum-detail", kwargs={"slug": forum.slug}))
        urls.append(reverse("private:thread-create", kwargs={"slug": forum.slug}))
    urls.extend(
        reverse("private:thread-detail", args=[pk])
        for pk in Thread.objects.values_list("pk", flat=True)
    )
    for reporting_round in ReportingRound.objects.all():
        for name in ("round-submit", "round-matrix", "round-matrix-csv"):
            urls.append(reverse(f"private:{name}", kwargs={"slug": reporting_round.slug}))
        for item in reporting_round.items():
            urls.append(
                reverse(
                    "private:report-edit",
                    kwargs={"slug": reporting_round.slug, "kind": item.kind, "pk": item.pk},
                )
            )
    for document in Document.objects.all():
        for language, _name in django_settings.LANGUAGES:
            urls.append(reverse("meetings:document-file", args=[document.pk, language]))
    for focal_point in FocalPoint.objects.select_related("user"):
        urls.append(reverse("private:contributor-withdraw", args=[focal_point.pk]))
        user = focal_point.user
        uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
        for token in (default_token_generator.make_token(user), "set-password"):
            urls.append(reverse("private:password_reset_confirm", args=[uidb64, token]))
    pages = {}
    for url in urls:
        match = resolve(url)
        pages.setdefault(match.view_name, []).append(
            {name: str(value) for name, value in match.kwargs.items()}
        )
    return pages


def filtersets():
    found, todo = [], [django_filters.FilterSet]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            ours = subclass.__module__.split(".")[0] in {
                "governance",
                "meetings",
                "recommendations",
            }
            # Bases such as ListFilterSet filter no model of their own.
            if ours and subclass._meta.model is not None:
                found.append(subclass)
    return found


REAL = {}


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """The reference data and a few private-area rows, loaded once for the whole module.

    They live in a transaction of their own that is rolled back when the module ends, so
    the other tests keep their empty database; each test's own transaction nests inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference_data", stdout=io.StringIO())
        meetings = list(Meeting.objects.published().order_by("pk")[:3])
        recommendations = [RecommendationFactory(meeting=meeting) for meeting in meetings]
        DocumentFactory(meeting=meetings[0])
        framework = Framework.objects.order_by("pk").first()
        reporting_round = ReportingRoundFactory(framework=framework)
        reporting_round.recommendations.set(recommendations)
        PostFactory(thread=ThreadFactory(forum=ForumFactory()))
        FocalPointFactory(partner=Partner.objects.order_by("pk").first())
        REAL.update(real_values())
        yield REAL
        transaction.set_rollback(True)
    REAL.clear()
    query_value.cache_clear()
    query_string.cache_clear()


# Strategies --------------------------------------------------------------------------------


def encoded(strategy, safe=""):
    return strategy.map(lambda value: quote(value, safe=safe))


def parameter(name, converter):
    """An already encoded path segment for one converter: mostly what the converter accepts,
    real values first, and now and then what it refuses."""
    real = [quote(value, safe="") for value in REAL["parameters"].get(name, [])]
    if isinstance(converter, IntConverter):
        real += REAL["pk"]
    elif isinstance(converter, SlugConverter):
        real += REAL["slug"]
    hostile = st.sampled_from(HOSTILE_SEGMENTS)
    if isinstance(converter, IntConverter):
        accepted = st.one_of(
            st.sampled_from(real or ["1"]),
            st.integers(min_value=0, max_value=10**6).map(str),
            st.integers(min_value=0, max_value=10**60).map(str),
            st.sampled_from(HUGE_NUMBERS),
        )
    elif isinstance(converter, SlugConverter):
        accepted = st.one_of(
            st.sampled_from(real or ["a"]),
            st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=60),
            st.sampled_from(real or ["a"]).map(lambda slug: slug.upper() + "-"),
            st.just("-" * 300),
        )
    elif isinstance(converter, PathConverter):
        accepted = st.one_of(
            st.sampled_from(real or ["a"]),
            encoded(st.text(URL_ALPHABET, min_size=1, max_size=60), safe="/"),
            st.just("../../../../etc/passwd"),
        )
    elif isinstance(converter, StringConverter) and type(converter) is StringConverter:
        accepted = st.one_of(
            st.sampled_from(real or ["a"]),
            encoded(url_text.filter(bool)),
            encoded(st.text(min_size=1, max_size=3000)),
        )
    else:  # A converter of our own: what its pattern accepts.
        accepted = st.one_of(
            st.sampled_from(real) if real else st.nothing(),
            st.from_regex(converter.regex, fullmatch=True).map(quote),
        )
    return st.one_of(accepted, accepted, accepted, hostile)


@functools.cache
def query_value():
    return st.one_of(
        st.sampled_from(REAL["choices"]),
        st.sampled_from(REAL["slug"]),
        st.sampled_from(REAL["pk"]),
        st.sampled_from(HOSTILE_VALUES),
        st.sampled_from(HUGE_NUMBERS),
        st.integers().map(str),
        st.dates().map(str),
        st.text(max_size=12),
        url_text,
    )


@functools.cache
def query_string():
    """A query string: real filter keys and random ones, repeated keys, sometimes raw."""
    key = st.one_of(st.sampled_from(REAL["keys"]), st.sampled_from(REAL["keys"]), url_text)
    pairs = st.lists(st.tuples(key, query_value()), max_size=4)
    raw = st.lists(
        st.one_of(
            st.sampled_from(HOSTILE_SEGMENTS),
            st.sampled_from(REAL["keys"]).map(lambda key: f"{key}=%00"),
            st.sampled_from(REAL["keys"]).map(lambda key: f"{key}=%ff"),
            st.sampled_from(["=", "&", "==", "a==b", ";", "%26", "+", "[]=1", "a[b]=c"]),
            st.text(max_size=20),
        ),
        max_size=4,
    ).map("&".join)
    return st.one_of(
        st.just(""),
        pairs.map(urlencode),
        pairs.map(urlencode),
        pairs.map(urlencode),
        raw,
    )


ACCEPT_LANGUAGES = [None, None, None, "fr", "en-GB,en;q=0.8", "de", "*", "fr;q=abc", "x" * 500, "é"]


def requests(language, route, name, converters):
    """Requests on one pattern, as (path, headers). Built once per pattern, since building
    strategies costs more than drawing from them."""
    real = st.sampled_from(REAL["pages"].get(name) or [{}])
    parameters = {key: parameter(key, converter) for key, converter in converters.items()}
    query = query_string()
    accept_language = st.sampled_from(ACCEPT_LANGUAGES)
    vary = st.integers(0, 3)
    one_in_three = st.integers(0, 2)
    unprefixed = st.integers(0, 9)

    @st.composite
    def request(draw):
        kwargs = draw(real) if draw(one_in_three) == 0 else {}
        path = "/" + route
        for key, values in parameters.items():
            value = quote(kwargs[key], safe="") if key in kwargs else None
            if value is None or draw(vary) == 0:
                value = draw(values)
            path = re.sub(rf"<(\w+:)?{key}>", lambda _match, v=value: v, path, count=1)
        if language and draw(unprefixed) == 0:
            # Without its language prefix the locale middleware redirects, or it is a 404.
            path = path.removeprefix(f"/{language}")
        if query_part := draw(query):
            path = f"{path}?{query_part}"
        accept = draw(accept_language)
        return path, {} if accept is None else {"accept-language": accept}

    return request()


class LeanClient(Client):
    """Django's test client without its record of rendered templates and their contexts,
    which copies the context at every template, each option of a select included, and
    would make the heavy pages several times slower. Exceptions still propagate."""

    def request(self, **request):
        environ = self._base_environ(**request)
        uid = f"fuzz-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            response = self.handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        self.check_exception(response)
        return response


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
        assert response.status_code in {302, 403, 404}, f"{response.status_code} from {name}"


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


def test_the_run_sent_enough_requests():
    """At least ``REQUESTS`` requests, and pages reached, not only 404s; prints the figures."""
    names = {name for _language, _route, name, _converters in PATTERNS}
    ran = {name for name, _status in SENT}
    if ran != names:
        pytest.skip("only part of the fuzz ran")
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
