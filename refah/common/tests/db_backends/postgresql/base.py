"""PostgreSQL for the test suite: the flush between tests keeps the reference tables and DELETEs the small
tables instead of TRUNCATE-ing them all (see db_backends)."""

from django.db.backends.postgresql import base, creation, operations

from refah.common.tests.db_backends import emptied
from refah.common.tests.db_backends.template import postgresql_create_test_db

LARGE = 1000  # rows: from here TRUNCATE is the cheaper way to empty a table


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = emptied(tables)
        if reset_sequences or not tables:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        rows, guarded = self._rows_and_guarded(tables)
        full = [table for table in tables if rows.get(table)]
        truncate = [table for table in full if rows[table] > LARGE or table in guarded]
        # foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at the commit, once every table is empty
        sql = ["SET CONSTRAINTS ALL DEFERRED;"]
        if truncate:
            sql += super().sql_flush(style, truncate, allow_cascade=True)
        sql += [f"DELETE FROM {self.quote_name(table)};" for table in full if table not in truncate]
        return sql

    def _rows_and_guarded(self, tables) -> tuple[dict[str, int], set[str]]:
        """Each table's rows (counted up to LARGE + 1) and the tables with row triggers of their own."""
        counts = " UNION ALL ".join(
            f"SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM {self.quote_name(table)} LIMIT {LARGE + 1}) AS s)"
            for table in tables
        )
        with self.connection.cursor() as cursor:
            cursor.execute(counts, list(tables))
            rows = dict(cursor.fetchall())
            cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
            guarded = {name.strip('"') for (name,) in cursor.fetchall()}
        return rows, guarded


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        """Copied from the template migrated once (db_backends/template.py); Django's way with --keepdb."""
        if keepdb or serialize:
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        return postgresql_create_test_db(self, verbosity, autoclobber, keepdb)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
