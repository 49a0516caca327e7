"""SQLite for the test suite: the flush between tests keeps the reference tables (see db_backends)."""

from django.db.backends.sqlite3 import base, operations

from refah.common.tests.db_backends import emptied


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        return super().sql_flush(style, emptied(tables), reset_sequences=reset_sequences, allow_cascade=allow_cascade)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
