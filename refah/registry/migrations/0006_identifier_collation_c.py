"""PostgreSQL: identity numbers, internal ids and household codes compared byte by byte (COLLATE "C").

They are identifiers, not words: nobody sorts them as language. With the database's default collation (say
C.UTF-8 or tr_TR.UTF-8) PostgreSQL compares them with strcoll() and cannot use abbreviated sort keys; with "C"
it compares bytes, so building their unique indexes sorts about three times faster (3.2 M national ids on the
development machine: 1.5 s against 0.5 s) and a prefix search (LIKE '1234%') can use the index. Equality is the
same under either collation. No-op on SQLite, whose default comparison is already bytewise.

The model fields do not carry db_collation because SQLite has no collation named "C"; an AlterField of one of
these columns must restate COLLATE "C" here.
"""

from django.db import migrations

COLUMNS = [
    ("registry_person", "national_id", 11),
    ("registry_person", "internal_id", 16),
    ("registry_household", "reference_code", 20),
    ("registry_household", "external_ref", 64),
]


def _alter(schema_editor, collation: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, length in COLUMNS:
        schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({length}) COLLATE "{collation}"')


def forwards(apps, schema_editor):
    _alter(schema_editor, "C")


def backwards(apps, schema_editor):
    _alter(schema_editor, "default")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_unused_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
