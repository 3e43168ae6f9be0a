"""Searching translated text: PostgreSQL full-text search in each language, or plain
substring matching on SQLite.

On PostgreSQL every searchable model has one GIN index per language on exactly the
expression that :func:`search_vector` builds (created by its app's migrations; a test
checks that the plan uses them), so a search reads the index instead of every row.
Words match by their stem and as prefixes ("migr" finds "migrations"); every word must
match, in one of the languages.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Q

# PostgreSQL's text search configuration for a language: its stemmer, or none ("simple")
# for a language PostgreSQL does not stem.
POSTGRESQL_CONFIGS = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
}


def search_configs():
    """(language, text search configuration) of each language of the site."""
    return [(code, POSTGRESQL_CONFIGS.get(code, "simple")) for code, _name in settings.LANGUAGES]


WORD = re.compile(r"\w+")


def search_vector(fields, language):
    return SearchVector(
        *(f"{field}_{language}" for field in fields),
        config=POSTGRESQL_CONFIGS.get(language, "simple"),
    )


def text_search(queryset, fields, text):
    """The rows of ``queryset`` whose translated ``fields`` contain every word of ``text``."""
    words = WORD.findall(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        prefixes = " & ".join(f"{word}:*" for word in words)
        matches = Q()
        for language, config in search_configs():
            query = SearchQuery(prefixes, search_type="raw", config=config)
            matches |= Q(SearchVectorExact(search_vector(fields, language), query))
        return queryset.filter(matches)
    for word in words:
        matches = Q()
        for field in fields:
            for language, _name in settings.LANGUAGES:
                matches |= Q(**{f"{field}_{language}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset
