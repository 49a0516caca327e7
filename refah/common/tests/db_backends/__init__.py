"""Django's database backends for the test suite, with a cheaper flush between transactional tests.

pytest-django empties every table after each transactional test (live servers, threads, the institutions'
simulators), then Django's post_migrate handlers fill the reference tables again: content types, permissions,
the roles' groups, the 81 provinces and 973 districts with their boundaries, the merchant categories. That
round trip cost 1.5–3 s a test. These backends leave the reference tables alone — no test writes to them, and
the handlers that refill them find them whole and write nothing (roles_sync still resets every role's
permissions) — and empty the rest. On PostgreSQL the rest are emptied by DELETE rather than one TRUNCATE of
~100 tables (which gives each table and index a new file: 1–3 s), except large tables and those whose rows a
trigger guards (the append-only access log refuses DELETE). Selected by config/settings/test.py; production uses
Django's backends unchanged.
"""

# Reference data that migrations and post_migrate handlers write, and tests only read.
KEPT = frozenset(
    {
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
        "geo_province",
        "geo_district",
        "aidcard_merchantcategory",
        "reports_indicator",
    }
)


def emptied(tables) -> list[str]:
    """The tables a flush between tests empties: all but the reference tables."""
    return [table for table in tables if table not in KEPT]
