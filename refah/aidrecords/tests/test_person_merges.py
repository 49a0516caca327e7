"""A person's aid follows a merge of their two registry records, and goes back when the merge is undone."""

import pytest

from refah.aidrecords import services
from refah.aidrecords.models import AidRecord
from refah.aidrecords.tests.conftest import record
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.registry import enums as E
from refah.registry.services import person_merge, person_merge_undo
from refah.registry.tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_merged_records_aid_is_the_kept_persons_until_undone(town_clerk, family):
    household, mother, _child = family
    again = PersonFactory(first_name="Zerrin", last_name="Karabulut", national_id=None, id_kind=E.IdKind.INTERNAL)
    MembershipFactory(household=household, person=again, role=E.Role.OTHER)
    (aid,), _replayed = services.aid_records_submit(
        actor=town_clerk, records=[record(person_id=str(again.pk))], idempotency_key="k"
    )
    assert aid.person == again
    merge = person_merge(actor=town_clerk, keep=mother, drop=again, reason="Aynı kişi.")
    assert AidRecord.objects.get(pk=aid.pk).person == mother
    assert merge.effects == {"aidrecords": {"records": [str(aid.pk)]}}
    assert AuditEvent.objects.filter(action=AuditAction.AID_RECORD_LINK, object_id=str(aid.pk)).count() == 1
    person_merge_undo(actor=town_clerk, merge_id=merge.pk, reason="Yanlış.")
    assert AidRecord.objects.get(pk=aid.pk).person == again
