# On PostgreSQL, 0005 (membership.household without its own index) dropped every single-column index on
# household_id, the partial unique index of the constraint "one_current_reference_person" among them: Django's
# schema editor takes a constraint's index for the field's. The model still declares it, so it is recreated here
# where it is missing; SQLite rebuilt the table with its constraints and has it (IF NOT EXISTS leaves it alone).

from django.db import migrations

INDEX = (
    'CREATE UNIQUE INDEX IF NOT EXISTS "one_current_reference_person" ON "registry_membership" ("household_id") '
    "WHERE (\"left_on\" IS NULL AND \"role\" = 'reference')"
)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_person_merge"),
    ]

    operations = [migrations.RunSQL(INDEX, reverse_sql=migrations.RunSQL.noop)]
