"""Searching translated text, whatever its accents and case, in every language at once.

Every word of the query must be found, each in one of the languages: "missing persons
geneve" finds a meeting whose English title speaks of missing persons and whose French
city is "Genève".

PostgreSQL: full-text search with our text search configurations (core migration 0004),
copies of PostgreSQL's that strip accents (``unaccent``) before stemming, so that "Cadiz"
finds "Cádiz" and "migr" finds "migrations". Every searchable model has one GIN index per
language on exactly the expression :func:`search_vector` builds (its app's migrations; a
test checks that the plan uses them).

SQLite: substring matching on the text without its accents and case (:func:`normalise`,
which every SQLite connection learns as the SQL function ``RP_NORMALISE``). Short texts
(names) are matched that way on every database (:func:`words_in`).
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains

# The stemmer of each language PostgreSQL knows; others are only unaccented ("simple").
POSTGRESQL_STEMMERS = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
}
# Letters that lose nothing but their shape when written without ligature.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
# The marks NFKD separates from their letters: accents (Latin, Greek, Cyrillic…) and the
# vowel signs of Arabic.
MARKS = re.compile(
    r"[\u0300-\u036f\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# Words of a query; a longer query is cut (no search needs more, and each word costs).
WORD = re.compile(r"\w+")
MAX_WORDS = 12
# Words that the English and French configurations treat as stop words, without accents:
# a query does not ask for them (they would match nothing on PostgreSQL, anything on SQLite).
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was",
    "were", "with", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle",
    "en", "et", "il", "ils", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me",
    "mes", "mon", "ne", "nos", "notre", "nous", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "ton", "tu", "un", "une",
    "vos", "votre", "vous", "c", "d", "j", "l", "m", "n", "s", "t", "y",
))  # fmt: skip


def search_config(language):
    """Our text search configuration for ``language``: "rabat_french", "rabat_simple"…"""
    return f"rabat_{POSTGRESQL_STEMMERS.get(language, 'simple')}"


def search_vector(fields, language):
    return SearchVector(
        *(f"{field}_{language}" for field in fields), config=search_config(language)
    )


def normalise(text):
    """``text`` without accents, ligatures nor case: "Œuvre à Genève" → "oeuvre a geneve"."""
    if text is None:
        return None
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return MARKS.sub("", decomposed).casefold()


def register(sender, connection, **kwargs):
    """``connection_created`` receiver: teach each new SQLite connection ``normalise``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("RP_NORMALISE", 1, normalise, deterministic=True)


class Normalised(Func):
    """A column without accents, ligatures nor case: ``unaccent(lower(…))`` on PostgreSQL,
    :func:`normalise` on SQLite."""

    function = "RP_NORMALISE"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="unaccent(lower(%(expressions)s))", **extra_context
        )


# See ``text_search``.
FEW_MATCHES = 1000


def query_words(text):
    """The words of a query, at most ``MAX_WORDS``, without the little words that
    PostgreSQL's stemmers drop ("en bref" is "bref"), unless it has no other; NUL and other
    controls are not words."""
    words = WORD.findall(text or "")
    meaningful = [word for word in words if normalise(word) not in STOP_WORDS]
    return (meaningful or words)[:MAX_WORDS]


def matching(queryset, fields, text, languages=None):
    """The rows of ``queryset`` whose translated ``fields`` contain every word of ``text``,
    each in one of ``languages`` (by default every language of the site): the condition
    itself, on PostgreSQL through the text search indexes."""
    words = query_words(text)
    if not words:
        return queryset
    languages = languages or [code for code, _name in settings.LANGUAGES]
    if connection.vendor == "postgresql":
        for word in words:
            matches = Q()
            for language in languages:
                query = SearchQuery(f"{word}:*", search_type="raw", config=search_config(language))
                matches |= Q(SearchVectorExact(search_vector(fields, language), query))
            queryset = queryset.filter(matches)
        return queryset
    return queryset.filter(
        words_in([f"{field}_{language}" for field in fields for language in languages], text)
    )


def text_search(queryset, fields, text, languages=None):
    """``matching``, for a list shown in its own order, a page at a time.

    The keys of the matches are read first (one query, through the search indexes); when
    there are no more than ``FEW_MATCHES``, the list is those rows by their keys. Asked for
    the newest few rows that match a rare word, PostgreSQL's planner may otherwise walk the
    whole table in the list's order, testing each row, when it overestimates how many
    match: seconds at 100,000 rows instead of milliseconds. More matches than that are
    found soon enough in any order."""
    if not query_words(text):
        return queryset
    matches = matching(queryset, fields, text, languages)
    keys = list(matches.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
    if len(keys) <= FEW_MATCHES:
        return queryset.filter(pk__in=keys)
    return matches


def words_in(columns, text):
    """A condition: every word of ``text`` is in one of ``columns`` (field paths), whatever
    the accents and case. For short texts and small tables: it reads every row."""
    condition = Q()
    for word in query_words(text):
        in_a_column = Q()
        for column in columns:
            in_a_column |= Q(Contains(Normalised(F(column)), normalise(word)))
        condition &= in_a_column
    return condition
