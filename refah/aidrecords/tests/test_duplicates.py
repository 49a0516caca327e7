"""Duplicate aid: two givers, one person in two households, resolution, the command over everything, and the
decision of record linkage coming back."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from refah.aidrecords import services
from refah.aidrecords.enums import FlagKind, FlagStatus, LinkStatus
from refah.aidrecords.models import AidRecord, DuplicateFlag
from refah.aidrecords.tests.conftest import record
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError
from refah.registry import enums as E
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def send(user, key="k", **over):
    records, _replayed = services.aid_records_submit(actor=user, records=[record(**over)], idempotency_key=key)
    return records[0]


def test_same_kind_from_two_givers_in_overlapping_periods_is_flagged(town_clerk, ngo_clerk, family):
    household, mother, child = family
    town = send(town_clerk, national_id=mother.national_id)
    ngo = send(
        ngo_clerk, national_id=child.national_id, reference="D-7", period_start="2026-03-15", period_end="2026-04-15"
    )
    flag = DuplicateFlag.objects.get()
    assert (flag.kind, flag.first, flag.second, flag.household) == (FlagKind.TWO_GIVERS, town, ngo, household)
    assert flag.status == FlagStatus.OPEN
    assert AuditEvent.objects.filter(action="aid_duplicate_flag", household_id=household.pk).count() == 1


def test_no_flag_for_another_kind_another_period_or_the_same_giver(town_clerk, ngo_clerk, family):
    _household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    send(town_clerk, key="k2", reference="B-2", national_id=mother.national_id)  # same giver: its own business
    send(ngo_clerk, reference="D-1", national_id=mother.national_id, kind="fuel", need="heating")
    send(ngo_clerk, key="k3", reference="D-2", national_id=mother.national_id, period_start="2026-04-01",
         period_end="2026-04-30", given_on="2026-04-01")  # fmt: skip
    assert not DuplicateFlag.objects.exists()


def test_a_person_receiving_it_in_two_households_is_flagged(town_clerk, family):
    """The mother moved out in March; aid reached her in the old household and in the new one."""
    household, mother, _child = family
    household.memberships.filter(person=mother).update(left_on=dt.date(2026, 3, 10))
    other = HouseholdFactory()
    MembershipFactory(household=other, person=mother, role=E.Role.REFERENCE, joined_on=dt.date(2026, 3, 10))
    first = send(town_clerk, person_id=str(mother.pk), household_id=str(household.pk))
    second = send(town_clerk, key="k2", reference="B-2", national_id=mother.national_id)
    assert second.household == other
    flag = DuplicateFlag.objects.get(kind=FlagKind.TWO_HOUSEHOLDS)
    assert (flag.first, flag.second, flag.person, flag.household) == (first, second, mother, other)


def test_resolution_is_audited_once_and_needs_a_reason(town_clerk, ngo_clerk, family):
    _household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    send(ngo_clerk, national_id=mother.national_id, reference="D-7")
    flag = DuplicateFlag.objects.get()
    with pytest.raises(ValidationError):
        services.duplicate_flag_resolve(actor=town_clerk, flag=flag, status=FlagStatus.JUSTIFIED, note=" ")
    done = services.duplicate_flag_resolve(
        actor=town_clerk, flag=flag, status=FlagStatus.RECOVERED, note="Dernek yardımı geri aldı."
    )
    assert done.status == FlagStatus.RECOVERED and done.resolved_by == town_clerk
    event = AuditEvent.objects.get(action="aid_duplicate_resolve")
    assert event.before["status"] == "open" and event.after["status"] == "recovered"
    with pytest.raises(ConflictError):
        services.duplicate_flag_resolve(actor=town_clerk, flag=flag, status=FlagStatus.ERROR, note="yeniden")


def test_another_district_cannot_resolve(town_clerk, ngo_clerk, other_caseworker, family):
    _household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    send(ngo_clerk, national_id=mother.national_id, reference="D-7")
    with pytest.raises(NotFoundError):
        services.duplicate_flag_resolve(
            actor=other_caseworker, flag=DuplicateFlag.objects.get(), status=FlagStatus.JUSTIFIED, note="x"
        )
    assert DuplicateFlag.objects.get().status == FlagStatus.OPEN


def test_the_command_flags_what_intake_did_not_see_and_only_once(town_clerk, ngo_clerk, family):
    household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    late = send(ngo_clerk, reference="D-7")  # a name only: not linked, no flag
    assert late.link_status == LinkStatus.UNLINKED and not DuplicateFlag.objects.exists()
    AidRecord.objects.filter(pk=late.pk).update(household=household, person=mother, link_status=LinkStatus.LINKED)
    out = StringIO()
    call_command("aidrecords", "duplicates", stdout=out)
    assert out.getvalue().startswith("1 new duplicate aid flag")
    call_command("aidrecords", "duplicates", stdout=StringIO())
    assert DuplicateFlag.objects.count() == 1


def test_linkage_decision_links_and_unlinks_the_record_with_audit(town_clerk, ngo_clerk, family):
    household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    waiting = send(ngo_clerk, reference="D-7")
    services.link_decided(str(waiting.pk), mother.pk, town_clerk)
    waiting.refresh_from_db()
    assert (waiting.person, waiting.household, waiting.link_status) == (mother, household, LinkStatus.LINKED)
    assert DuplicateFlag.objects.count() == 1  # found again once linked
    services.link_decided(str(waiting.pk), None, town_clerk)
    waiting.refresh_from_db()
    assert waiting.person is None and waiting.link_status == LinkStatus.UNLINKED
    assert AuditEvent.objects.filter(action="aid_record_link").count() == 2


def test_duplicate_flags_over_the_api(api_client_for, town_clerk, ngo_clerk, other_caseworker, family):
    _household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    send(ngo_clerk, national_id=mother.national_id, reference="D-7")
    flags = api_client_for(town_clerk).get("/api/v1/aid-records/duplicates").json()
    assert [f["kind"] for f in flags] == ["two_givers"]
    assert {flags[0]["first"]["reference"], flags[0]["second"]["reference"]} == {"B-2026-0001", "D-7"}
    assert api_client_for(other_caseworker).get("/api/v1/aid-records/duplicates").json() == []
    url = f"/api/v1/aid-records/duplicates/{flags[0]['id']}/resolve"
    body = json.dumps({"status": "justified", "note": "İki ayrı ihtiyaç."})
    answer = api_client_for(town_clerk).post(url, body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "justified"
