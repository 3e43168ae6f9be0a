"""The "alphabetical" collation: text sorted as a reader of either language expects,
accented letters with their base letter and capitals with small letters.

PostgreSQL takes it from ICU's root locale (a migration creates it); SQLite has no such
collation, so every SQLite connection gets one written in Python.
"""

import unicodedata

NAME = "alphabetical"


def sort_key(text):
    """Letters without their accents and case first, then the text itself to break ties."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base.casefold(), text)


def compare(left, right):
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register(sender, connection, **kwargs):
    """``connection_created`` receiver: teach each new SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NAME, compare)
