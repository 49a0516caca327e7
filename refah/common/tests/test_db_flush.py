"""The test backends' flush (refah/common/tests/db_backends): every table emptied but the reference tables."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from refah.accounts.enums import OfficeKind
from refah.accounts.services import office_create
from refah.audit.models import AuditEvent
from refah.common.tests.db_backends import KEPT
from refah.geo.models import District, Province


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_every_table_but_the_reference_ones(merkez, make_staff):
    office = office_create(actor=None, name="Iğdır Merkez SYDV", kind=OfficeKind.SYDV, district=merkez)
    make_staff(office)
    assert AuditEvent.objects.exists()
    reference = (Province.objects.count(), District.objects.count(), Permission.objects.count(), Group.objects.count())
    call_command("flush", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        full = []
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                full.append(table)
    assert set(full) <= KEPT
    assert (Province.objects.count(), District.objects.count(), Permission.objects.count(), Group.objects.count()) == (
        reference
    )
    assert ContentType.objects.exists() and reference[1] == 973
