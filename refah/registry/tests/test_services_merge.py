"""person_merge and person_merge_undo: what moves, what ends, what is refused, and an undo that restores exactly."""

import datetime as dt

import pytest

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry import enums, errors, selectors
from refah.registry.models import Asset, IncomeSource, Membership, Person, PersonMerge, SchoolAttendance
from refah.registry.services import member_add, member_move, person_merge, person_merge_undo, person_update
from refah.registry.tests.factories import (
    HouseholdFactory,
    IncomeFactory,
    MembershipFactory,
    PersonFactory,
    valid_tc,
)

pytestmark = pytest.mark.django_db
MODELS = (Person, Membership, IncomeSource, Asset, SchoolAttendance)


def registry_state() -> dict:
    """Every registry row a merge may touch, every field but the update time."""
    state = {}
    for model in MODELS:
        names = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
        state[model.__name__] = {row["id"]: row for row in model.objects.values(*names)}
    return state


def again(**fields) -> Person:
    """A second record of someone, without a number, as another institution typed it."""
    return PersonFactory(**{"national_id": None, "id_kind": enums.IdKind.INTERNAL, **fields})


@pytest.fixture
def home(merkez):
    """A Merkez household: Mehmet (reference, with a TC) and his wife Ayşe, recorded twice in it (once without a
    number, as a relative, with her own income, car, pension and school record)."""
    household = HouseholdFactory(district=merkez)
    mehmet = PersonFactory(first_name="Mehmet", sex=enums.Sex.MALE)
    ayse = PersonFactory(first_name="Ayşe", last_name="Kaya", phone="")
    twice = again(first_name="Ayse", last_name="Kaya", father_name="Ali", phone="05321234567", disability_percent=40)
    MembershipFactory(household=household, person=mehmet, role=enums.Role.REFERENCE, joined_on=dt.date(2020, 1, 1))
    MembershipFactory(household=household, person=ayse, role=enums.Role.SPOUSE, joined_on=dt.date(2021, 6, 1))
    MembershipFactory(household=household, person=twice, role=enums.Role.OTHER, joined_on=dt.date(2019, 3, 1))
    IncomeFactory(person=ayse, kind=enums.IncomeKind.WAGE, amount_kurus=1_000_000)
    IncomeFactory(person=twice, kind=enums.IncomeKind.WAGE, amount_kurus=900_000)  # the same wage, typed again
    IncomeFactory(person=twice, kind=enums.IncomeKind.PENSION, amount_kurus=500_000, source=enums.DataSource.SGK)
    Asset.objects.create(
        household=household, owner=twice, kind=enums.AssetKind.VEHICLE, value_kurus=30_000_000, source="declared"
    )
    SchoolAttendance.objects.create(person=twice, month=dt.date(2025, 9, 1), absence_days=2)
    return household, mehmet, ayse, twice


def test_the_second_record_ends_and_what_it_knew_moves(caseworker, home):
    household, _mehmet, ayse, twice = home
    merge = person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi, iki kez kaydedilmiş.")
    twice.refresh_from_db()
    ayse.refresh_from_db()
    assert twice.merged_into == ayse
    voided = Membership.objects.get(person=twice)
    assert voided.left_on == voided.joined_on  # held on no day: never counted again, not even in the past
    kept = Membership.objects.get(person=ayse)
    assert kept.joined_on == dt.date(2019, 3, 1) and kept.left_on is None  # she lived there since 2019
    assert [m.person for m in selectors.members_on(household=household, on=dt.date(2019, 6, 1))] == [ayse]
    assert sorted(IncomeSource.objects.filter(person=ayse).values_list("kind", "amount_kurus")) == [
        ("pension", 500_000),
        ("wage", 1_000_000),
    ]
    assert IncomeSource.objects.filter(person=twice).values_list("amount_kurus", flat=True).get() == 900_000
    assert Asset.objects.get().owner == ayse
    assert SchoolAttendance.objects.get().person == ayse
    assert (ayse.father_name, ayse.phone, ayse.disability_percent) == ("Ali", "05321234567", 40)
    assert ayse.last_name == "Kaya"  # her own details stay hers
    assert merge.merged_by == caseworker and merge.reason == "Aynı kişi, iki kez kaydedilmiş."
    event = AuditEvent.objects.get(action=AuditAction.PERSON_MERGED)
    assert event.object_id == str(merge.pk) and event.household_id == household.pk


def test_undo_restores_exactly_what_was_there(caseworker, home):
    _household, _mehmet, ayse, twice = home
    before = registry_state()
    merge = person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.", take=["last_name"])
    assert registry_state() != before
    undone = person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Yanlış birleştirme.")
    assert registry_state() == before
    assert undone.undone_by == caseworker and undone.undone_reason == "Yanlış birleştirme." and undone.kept == []
    assert AuditEvent.objects.filter(action=AuditAction.PERSON_MERGE_UNDONE, object_id=str(merge.pk)).exists()
    with pytest.raises(ConflictError) as refused:
        person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Yine.")
    assert refused.value.message == errors.ERR_MERGE_UNDONE
    again_merge = person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi, bu kez doğru.")
    assert again_merge.pk != merge.pk  # an undone merge can be made again


def test_the_number_moves_to_the_kept_record_and_back(caseworker, merkez):
    household = HouseholdFactory(district=merkez)
    older = again(first_name="Zehra")
    numbered = PersonFactory(first_name="Zehra")
    number = numbered.national_id
    MembershipFactory(household=household, person=older, role=enums.Role.REFERENCE)
    before = registry_state()
    merge = person_merge(actor=caseworker, keep=older, drop=numbered, reason="Aynı kişi.")
    older.refresh_from_db()
    numbered.refresh_from_db()
    assert (older.id_kind, older.national_id) == (enums.IdKind.TC, number)
    assert (numbered.id_kind, numbered.national_id) == (enums.IdKind.INTERNAL, None)
    person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Geri al.")
    assert registry_state() == before


def test_a_dropped_reference_person_hands_the_role_to_the_kept_one(caseworker, home):
    household, mehmet, _ayse, _twice = home
    mehmet_again = again(first_name="Mehmet", sex=enums.Sex.MALE)
    Membership.objects.filter(person=mehmet).update(role=enums.Role.SPOUSE)
    MembershipFactory(household=household, person=mehmet_again, role=enums.Role.REFERENCE)
    before = registry_state()
    merge = person_merge(actor=caseworker, keep=mehmet, drop=mehmet_again, reason="Aynı kişi.")
    assert selectors.reference_person(household_id=household.pk) == mehmet
    person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Geri al.")
    assert registry_state() == before


def test_a_kept_person_without_a_household_takes_the_dropped_ones(caseworker, merkez):
    household = HouseholdFactory(district=merkez)
    left = PersonFactory(first_name="Hasan")
    MembershipFactory(household=HouseholdFactory(district=merkez), person=left, left_on=dt.date(2022, 1, 1))
    there = again(first_name="Hasan")
    MembershipFactory(household=household, person=there, role=enums.Role.REFERENCE, joined_on=dt.date(2022, 2, 1))
    person_merge(actor=caseworker, keep=left, drop=there, reason="Aynı kişi.")
    assert [m.person for m in selectors.members_on(household=household)] == [left]
    assert Membership.objects.filter(person=there).count() == 0


def test_twins_with_their_own_numbers_are_never_merged(caseworker, merkez):
    household = HouseholdFactory(district=merkez)
    ayse, elif_ = (PersonFactory(first_name=n, birth_date=dt.date(1990, 3, 4)) for n in ("Ayşe", "Elif"))
    MembershipFactory(household=household, person=ayse, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=elif_, role=enums.Role.OTHER)
    before = registry_state()
    with pytest.raises(RefahError) as refused:
        person_merge(actor=caseworker, keep=ayse, drop=elif_, reason="Aynı kişi sanıldı.")
    assert refused.value.message == errors.ERR_MERGE_TWO_NUMBERS and refused.value.field == "drop"
    assert registry_state() == before and not PersonMerge.objects.exists()


def test_merged_records_are_refused_and_not_chained(caseworker, home):
    household, mehmet, ayse, twice = home
    person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    third = again(first_name="Ayşe")
    MembershipFactory(household=household, person=third, role=enums.Role.OTHER)
    cases = [
        (dict(keep=mehmet, drop=twice), errors.ERR_MERGE_ALREADY, "drop"),
        (dict(keep=twice, drop=third), errors.ERR_MERGE_ALREADY, "keep"),
        (dict(keep=mehmet, drop=ayse), errors.ERR_MERGE_HAS_MERGED, "drop"),
    ]
    for persons, message, field in cases:
        with pytest.raises(ConflictError) as refused:
            person_merge(actor=caseworker, reason="Deneme.", **persons)
        assert (refused.value.message, refused.value.field) == (message, field)
    with pytest.raises(RefahError) as refused:
        person_merge(actor=caseworker, keep=mehmet, drop=mehmet, reason="Deneme.")
    assert refused.value.message == errors.ERR_MERGE_SAME
    assert PersonMerge.objects.count() == 1


def test_two_current_households_are_the_caseworkers_decision(caseworker, merkez):
    ayse = PersonFactory()
    twice = again()
    MembershipFactory(household=HouseholdFactory(district=merkez), person=ayse)
    MembershipFactory(household=HouseholdFactory(district=merkez), person=twice)
    with pytest.raises(ConflictError) as refused:
        person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    assert refused.value.message == errors.ERR_MERGE_TWO_HOUSEHOLDS
    assert Person.objects.get(pk=twice.pk).merged_into is None


def test_a_reason_a_known_detail_and_the_permission_are_required(caseworker, make_staff, office_merkez, home):
    _household, _mehmet, ayse, twice = home
    with pytest.raises(RefahError) as refused:
        person_merge(actor=caseworker, keep=ayse, drop=twice, reason="  ")
    assert refused.value.field == "reason"
    with pytest.raises(RefahError) as refused:
        person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı.", take=["national_id"])
    assert refused.value.field == "take"
    with pytest.raises(PermissionDeniedError):
        person_merge(actor=make_staff(office_merkez, Role.INSPECTOR), keep=ayse, drop=twice, reason="Aynı.")
    assert not PersonMerge.objects.exists()


def test_another_districts_persons_are_not_found(caseworker, other_caseworker, home):
    _household, _mehmet, ayse, twice = home
    with pytest.raises(NotFoundError):
        person_merge(actor=other_caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    merge = person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    with pytest.raises(NotFoundError):
        person_merge_undo(actor=other_caseworker, merge_id=merge.pk, reason="Geri al.")
    assert PersonMerge.objects.get().undone_at is None


def test_a_merged_record_is_out_of_reach(caseworker, home):
    _household, _mehmet, ayse, twice = home
    person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    twice.refresh_from_db()
    assert not selectors.person_in_reach(user=caseworker, person=twice)
    assert selectors.person_search(user=caseworker, query="Ayse Kaya") == [ayse]
    with pytest.raises(NotFoundError):
        selectors.access_person_by_id(user=caseworker, person_id=twice.pk)
    with pytest.raises(NotFoundError):
        member_add(actor=caseworker, household=HouseholdFactory(district=ayse.memberships.get().household.district),
                   role=enums.Role.REFERENCE, person=twice)  # fmt: skip


def test_undo_leaves_a_later_change_as_it_is(caseworker, home):
    _household, _mehmet, ayse, twice = home
    merge = person_merge(actor=caseworker, keep=ayse, drop=twice, reason="Aynı kişi.")
    person_update(actor=caseworker, person=ayse, data={"phone": "05329998877"})
    merge = person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Geri al.")
    ayse.refresh_from_db()
    assert ayse.phone == "05329998877"  # the later change wins
    assert [(c["field"], c["after"]) for c in merge.kept] == [("phone", "05321234567")]
    assert ayse.father_name == "" and ayse.disability_percent == 0  # the rest is restored


def test_undo_that_would_break_a_rule_is_refused(caseworker, merkez, home):
    """Mehmet, merged from a second record that was the reference person, moves away; his household takes a new
    reference person. Restoring the second record as reference would give the household two: refused."""
    household, mehmet, _ayse, _twice = home
    mehmet_again = again(first_name="Mehmet", sex=enums.Sex.MALE)
    Membership.objects.filter(person=mehmet).update(role=enums.Role.SPOUSE)
    MembershipFactory(household=household, person=mehmet_again, role=enums.Role.REFERENCE)
    merge = person_merge(actor=caseworker, keep=mehmet, drop=mehmet_again, reason="Aynı kişi.")
    today = dt.date.today()
    member_move(actor=caseworker, person=mehmet, to_household=HouseholdFactory(district=merkez), role="reference",
                on_date=today)  # fmt: skip
    veli = {"id_kind": "tc", "national_id": valid_tc(), "first_name": "Veli", "last_name": "Kaya", "sex": "M"}
    veli |= {"birth_date": dt.date(1970, 1, 1), "marital_status": "married", "employment_status": "employed_formal"}
    member_add(actor=caseworker, household=household, role=enums.Role.REFERENCE, person_data=veli)
    state = registry_state()
    with pytest.raises(ConflictError) as refused:
        person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Geri al.")
    assert refused.value.message == errors.ERR_MERGE_UNDO_CONFLICT
    assert registry_state() == state and PersonMerge.objects.get().undone_at is None
