"""What the URL fuzz generates: values, real and hostile, and the requests built from
them (tests/test_fuzz_urls.py)."""

import functools
import re
import string
from urllib.parse import quote, urlencode

import django_filters
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import resolve, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import strategies as st

from governance.models import FocalPoint, Framework, Partner, Presidency
from meetings.models import Document, Meeting
from news.models import Edition, NewsPost
from projects.models import Project
from recommendations.models import Forum, Recommendation, ReportingRound, Thread

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
    for model in (Meeting, Partner, Framework, ReportingRound, Forum, NewsPost):
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
    for model in (
        Meeting,
        Partner,
        Framework,
        Presidency,
        Recommendation,
        ReportingRound,
        NewsPost,
        Edition,
        Document,
        Project,
    ):
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
