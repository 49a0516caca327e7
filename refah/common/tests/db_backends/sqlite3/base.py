"""SQLite for the test suite: the flush between tests keeps the reference tables (see db_backends)."""

from django.db.backends.sqlite3 import base, creation, operations

from refah.common.tests.db_backends import emptied
from refah.common.tests.db_backends.template import sqlite_create_test_db


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        return super().sql_flush(style, emptied(tables), reset_sequences=reset_sequences, allow_cascade=allow_cascade)


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        """Copied from the template migrated once (db_backends/template.py); Django's way with --keepdb."""
        if keepdb or serialize:
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        return sqlite_create_test_db(self, verbosity, autoclobber, keepdb)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
