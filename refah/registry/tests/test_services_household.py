"""Registering households and changing membership: validation, jurisdiction, audit, history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, PermissionDeniedError
from refah.registry import errors, selectors
from refah.registry.models import Household, Membership, Person
from refah.registry.services import (
    MemberInput,
    household_register,
    household_update,
    income_record,
    member_add,
    member_move,
    member_remove,
)
from refah.registry.tests.factories import valid_tc

pytestmark = pytest.mark.django_db


def person_data(**over):
    data = {
        "id_kind": "tc",
        "national_id": valid_tc(),
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": dt.date(1980, 2, 3),
        "sex": "F",
        "marital_status": "married",
        "employment_status": "homemaker",
    }
    data.update(over)
    return data


def register(actor, district, *members, **extra):
    members = members or (MemberInput(role="reference", person_data=person_data()),)
    return household_register(
        actor=actor,
        district=district,
        neighbourhood="Bağlar Mah.",
        members=list(members),
        dwelling_type="apartment",
        tenure="tenant",
        monthly_rent_kurus=450_000,
        heating="stove_coal",
        **extra,
    )


def test_register_creates_household_members_and_audit(caseworker, merkez):
    hh = register(
        caseworker,
        merkez,
        MemberInput(role="reference", person_data=person_data(first_name="Şükrü", sex="M")),
        MemberInput(role="spouse", person_data=person_data()),
    )
    assert hh.reference_code.startswith("76-")
    assert hh.neighbourhood.name == "BAĞLAR MAH."
    assert len(selectors.members_on(household=hh)) == 2
    actions = sorted(AuditEvent.objects.filter(household_id=hh.pk).values_list("action", flat=True))
    assert actions == ["household_register", "member_add", "member_add", "person_create", "person_create"]
    assert AuditEvent.objects.filter(actor=caseworker).count() == 5


def test_invalid_tc_is_rejected_with_field_and_nothing_is_stored(caseworker, merkez):
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, MemberInput(role="reference", person_data=person_data(national_id="12345678901")))
    assert "national_id" in exc.value.message_dict
    assert (
        Household.objects.count() == 0
        and Person.objects.count() == 0
        and AuditEvent.objects.filter(action="household_register").count() == 0
    )


def test_duplicate_identity_number_rejected(caseworker, merkez):
    tc = valid_tc()
    register(caseworker, merkez, MemberInput(role="reference", person_data=person_data(national_id=tc)))
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, MemberInput(role="reference", person_data=person_data(national_id=tc)))
    assert exc.value.message_dict["national_id"] == [str(errors.ERR_DUPLICATE_ID)]


def test_refugee_without_number_gets_internal_id(caseworker, merkez):
    hh = register(
        caseworker,
        merkez,
        MemberInput(
            role="reference",
            person_data=person_data(
                id_kind="internal", national_id=None, nationality="SY", protection_status="temporary"
            ),
        ),
    )
    person = selectors.members_on(household=hh)[0].person
    assert person.national_id is None and person.internal_id.startswith("R")


def test_exactly_one_reference_person(caseworker, merkez):
    with pytest.raises(ValidationError):
        register(caseworker, merkez, MemberInput(role="spouse", person_data=person_data()))


def test_cannot_register_outside_jurisdiction(other_caseworker, merkez):
    with pytest.raises(PermissionDeniedError):
        register(other_caseworker, merkez)
    assert Household.objects.count() == 0


def test_rent_only_for_tenants(caseworker, merkez):
    with pytest.raises(ValidationError) as exc:
        household_register(
            actor=caseworker,
            district=merkez,
            neighbourhood="X",
            members=[MemberInput(role="reference", person_data=person_data())],
            dwelling_type="apartment",
            tenure="owner",
            monthly_rent_kurus=100,
            heating="none",
        )
    assert "monthly_rent_kurus" in exc.value.message_dict


def test_membership_history_gives_composition_on_any_past_date(caseworker, merkez):
    hh = register(caseworker, merkez)
    ref = selectors.members_on(household=hh)[0]
    Membership.objects.filter(pk=ref.pk).update(joined_on=dt.date(2020, 1, 1))
    child = member_add(
        actor=caseworker,
        household=hh,
        role="child",
        joined_on=dt.date(2022, 6, 1),
        person_data=person_data(
            first_name="Elif", birth_date=dt.date(2022, 6, 1), marital_status="single", employment_status="child"
        ),
    )
    member_remove(actor=caseworker, membership=child, left_on=dt.date(2024, 3, 1), reason="adopted elsewhere")
    assert len(selectors.members_on(household=hh, on=dt.date(2021, 1, 1))) == 1
    assert len(selectors.members_on(household=hh, on=dt.date(2023, 1, 1))) == 2
    assert len(selectors.members_on(household=hh, on=dt.date(2024, 3, 1))) == 1
    assert len(selectors.membership_history(household=hh)) == 2


def test_member_move_closes_old_and_opens_new(caseworker, merkez):
    a = register(caseworker, merkez)
    b = register(caseworker, merkez)
    mover = member_add(
        actor=caseworker,
        household=a,
        role="child",
        joined_on=dt.date(2020, 1, 1),
        person_data=person_data(first_name="Can", sex="M", marital_status="single"),
    ).person
    member_move(
        actor=caseworker, person=mover, to_household=b, role="spouse", on_date=dt.date(2024, 5, 1), reason="marriage"
    )
    assert [m.person for m in selectors.members_on(household=a, on=dt.date(2024, 4, 30)) if m.person == mover]
    assert not [m for m in selectors.members_on(household=a) if m.person == mover]
    assert [m for m in selectors.members_on(household=b) if m.person == mover]
    with pytest.raises(ConflictError):
        member_add(actor=caseworker, household=a, role="child", person=mover)


def test_second_reference_person_refused(caseworker, merkez):
    hh = register(caseworker, merkez)
    with pytest.raises(ConflictError) as exc:
        member_add(actor=caseworker, household=hh, role="reference", person_data=person_data())
    assert exc.value.message == errors.ERR_SECOND_REFERENCE


def test_update_records_before_and_after(caseworker, merkez):
    hh = register(caseworker, merkez)
    household_update(actor=caseworker, household=hh, data={"heating": "natural_gas", "rooms": 3})
    event = AuditEvent.objects.get(action="household_update")
    assert event.before["heating"] == "stove_coal" and event.after["heating"] == "natural_gas"
    assert event.after["rooms"] == 3


def test_audit_row_is_written_in_the_same_transaction(caseworker, merkez):
    """If the transaction around a service rolls back, its audit rows vanish with the change."""
    with pytest.raises(RuntimeError), transaction.atomic():
        register(caseworker, merkez)
        assert AuditEvent.objects.filter(action="household_register").count() == 1
        raise RuntimeError("roll back")
    assert AuditEvent.objects.filter(action="household_register").count() == 0
    assert Household.objects.count() == 0


def test_income_monthly_sum(caseworker, merkez):
    hh = register(caseworker, merkez)
    person = selectors.members_on(household=hh)[0].person
    income_record(
        actor=caseworker,
        person=person,
        kind="wage",
        amount_kurus=1_700_212,
        period="monthly",
        start_date=dt.date(2024, 1, 1),
    )
    income_record(
        actor=caseworker,
        person=person,
        kind="agriculture",
        amount_kurus=1_200_000,
        period="yearly",
        start_date=dt.date(2024, 1, 1),
    )
    assert selectors.household_monthly_income_kurus(household=hh) == 1_700_212 + 100_000
    with pytest.raises(ValidationError):
        income_record(
            actor=caseworker,
            person=person,
            kind="wage",
            amount_kurus=-1,
            period="monthly",
            start_date=dt.date(2024, 1, 1),
        )


def test_future_birth_date_rejected(caseworker, merkez):
    with pytest.raises(ValidationError) as exc:
        register(
            caseworker, merkez, MemberInput(role="reference", person_data=person_data(birth_date=dt.date(2999, 1, 1)))
        )
    assert "birth_date" in exc.value.message_dict


def test_roles_enforced(make_staff, office_merkez, merkez):
    committee = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    with pytest.raises(PermissionDeniedError):
        register(committee, merkez)
