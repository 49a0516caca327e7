"""refah.common.sql: new() makes the instance Model(**values) makes; batch() writes all or nothing."""

import pytest
from django.db import IntegrityError, transaction

from refah.cases.models import Application, ApplicationProgram, CaseEvent
from refah.common import sql
from refah.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _values(obj, skip=("id", "created_at", "updated_at")):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in skip}


def test_new_is_the_models_own_instance(household, office_merkez, caseworker):
    values = {"reference": "2600000001", "household": household, "office": office_merkez, "channel": "api"}
    fast, slow = sql.new(Application, **values, due_on=None), Application(**values, due_on=None)
    assert _values(fast) == _values(slow)
    assert fast.household is household and fast.office_id == office_merkez.pk and fast.submitted_by_id is None
    assert fast._state.adding and fast._state.db is None and fast.pk is not None and fast.pk != slow.pk
    by_id = sql.new(ApplicationProgram, application_id=fast.pk, household_id=household.pk, program="x")
    assert (by_id.application_id, by_id.household_id, by_id.is_open) == (fast.pk, household.pk, True)
    assert _values(sql.new(Notification, template="t")) == _values(Notification(template="t"))
    with pytest.raises(TypeError, match="unexpected arguments: colour"):
        sql.new(CaseEvent, colour="red")


def test_batch_writes_every_row_or_none(household, office_merkez, caseworker):
    def rows(reference):
        application = sql.new(
            Application,
            reference=reference,
            household=household,
            office=office_merkez,
            channel="api",
            due_on="2026-12-01",
        )
        return application, [
            sql.new(ApplicationProgram, application=application, household=household, program="family_support")
        ]

    application, programs = rows("2600000001")
    with sql.batch():
        sql.insert([application])
        sql.insert(programs)
        if sql.batches():  # nothing can be read back from a statement not sent yet
            with pytest.raises(ValueError):
                sql.insert([sql.new(CaseEvent, application=application, action="x")], returning=("id",))
    assert list(Application.objects.get(pk=application.pk).programs.values_list("program", flat=True)) == [
        "family_support"
    ]
    again, programs = rows("2600000001")  # the number is taken: nothing of the block goes in
    with pytest.raises(IntegrityError), transaction.atomic(), sql.batch():  # (a savepoint in the test's transaction)
        sql.insert([again])
        sql.insert(programs)
    assert not Application.objects.filter(pk=again.pk).exists()
    assert ApplicationProgram.objects.count() == 1
