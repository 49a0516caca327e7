"""Database portability: PostgreSQL functions that SQLite gets as Python functions."""

from django.db.backends.signals import connection_created
from django.db.models import FloatField, Func

from refah.common.text import similarity


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("similarity", 2, similarity, deterministic=True)
        connection.connection.create_function("word_similarity", 2, _word_similarity, deterministic=True)


def _word_similarity(needle: str | None, haystack: str | None) -> float:
    """Best similarity of the needle to any run of words in the haystack (pg_trgm's idea)."""
    if not needle or not haystack:
        return 0.0
    words = haystack.split()
    n = max(1, len(needle.split()))
    spans = [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]
    return max(similarity(needle, s) for s in spans)


connection_created.connect(_register_sqlite_functions)


class Similarity(Func):
    """similarity(a, b): pg_trgm on PostgreSQL, the same arithmetic in Python on SQLite."""

    function = "similarity"
    output_field = FloatField()


class WordSimilarity(Func):
    """word_similarity(needle, haystack): pg_trgm on PostgreSQL, a Python equivalent on SQLite."""

    function = "word_similarity"
    output_field = FloatField()
