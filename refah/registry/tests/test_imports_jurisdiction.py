"""The import obeys the registry services' jurisdiction rules: no takeover of another district's persons, and
"check only" tells nothing about where a person outside the jurisdiction is registered."""

import datetime as dt

import pytest
from django.utils import translation

from refah.common.errors import NotFoundError
from refah.registry import errors, imports
from refah.registry.imports import write
from refah.registry.imports.read import file_read
from refah.registry.models import Household, Membership
from refah.registry.models_import import ImportBatch
from refah.registry.services import (
    MemberInput,
    household_register,
    member_add,
    member_move,
    member_remove,
    person_update,
)
from refah.registry.tests.factories import MembershipFactory, PersonFactory, household_with_members

pytestmark = pytest.mark.django_db

HEADER = (
    "hane_no,il,ilce,mahalle,konut_tipi,mulkiyet,isinma,yakinlik,tc_kimlik_no,ad,soyad,dogum_tarihi,cinsiyet,"
    "medeni_hal,calisma_durumu\n"
)


def one_row(national_id: str, district: str = "Tuzluca") -> bytes:
    row = f"T-1,Iğdır,{district},Merkez,daire,kiracı,odun,hane reisi,{national_id},Ayşe,Kaya,1990-01-01,K,evli,işsiz\n"
    return (HEADER + row).encode()


def run(user, data: bytes, **kwargs) -> ImportBatch:
    return imports.household_import(actor=user, file_name="hane.csv", data=data, **kwargs)


def reasons(batch) -> list[tuple]:
    return [(i["row"], i["column"], i["en"], i["tr"]) for i in batch.errors]


def left_merkez_household(merkez):
    """A Merkez resident whose membership ended: no current household, the last one in Merkez."""
    household = household_with_members(merkez)
    membership = household.memberships.get(role="spouse")
    Membership.objects.filter(pk=membership.pk).update(left_on=dt.date(2024, 1, 1))
    return membership.person


def registered_answer() -> tuple:
    return (
        2,
        "tc_kimlik_no",
        imports.ERR_ID_REGISTERED.text("en"),
        imports.ERR_ID_REGISTERED.text("tr"),
    )


def test_the_refusal_is_the_services_own_message_in_both_languages():
    for lang in ("en", "tr"):
        with translation.override(lang):
            assert imports.ERR_ID_REGISTERED.text(lang) == str(errors.ERR_DUPLICATE_ID)


@pytest.mark.parametrize("dry_run", [True, False])
def test_import_does_not_take_over_a_person_of_another_district(other_caseworker, merkez, dry_run):
    person = left_merkez_household(merkez)
    households = Household.objects.count()

    batch = run(other_caseworker, one_row(person.national_id), dry_run=dry_run)

    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    assert reasons(batch) == [registered_answer()]
    assert Household.objects.count() == households
    assert not person.memberships.filter(left_on__isnull=True).exists()


def test_check_only_reveals_no_household_code_outside_the_jurisdiction(other_caseworker, merkez):
    household = household_with_members(merkez)
    person = household.memberships.get(role="spouse").person

    batch = run(other_caseworker, one_row(person.national_id), dry_run=True)

    assert reasons(batch) == [registered_answer()]
    text = repr(batch.report)
    assert household.reference_code not in text
    assert "76-02" not in text  # no Merkez household code, not even its district prefix


def test_inside_the_jurisdiction_the_other_household_code_is_shown(caseworker, merkez):
    household = household_with_members(merkez)
    person = household.memberships.get(role="spouse").person

    batch = run(caseworker, one_row(person.national_id, district="Merkez"), dry_run=True)

    assert [i["en"] for i in batch.errors] == [imports.ERR_ID_ELSEWHERE.text("en", code=household.reference_code)]


def test_person_who_left_a_household_of_the_jurisdiction_is_reused(caseworker, merkez):
    person = left_merkez_household(merkez)

    batch = run(caseworker, one_row(person.national_id, district="Merkez"))

    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    assert batch.counts["persons_existing"] == 1
    assert person.memberships.get(left_on__isnull=True).household.external_ref.startswith("imp:")


def test_the_write_checks_again_and_does_not_trust_the_validation(other_caseworker, caseworker, tuzluca, merkez):
    """Between the check and the write the person's last household became a Merkez one: the write refuses."""
    person = PersonFactory()
    office = other_caseworker.staff.office
    plan = imports.household_file_validate(
        actor=other_caseworker, office=office, rows=file_read(name="hane.csv", data=one_row(person.national_id))
    )
    assert not plan.errors and plan.households[0].rows[0].existing_person == person
    merkez_household = household_with_members(merkez)
    membership = member_add(actor=caseworker, household=merkez_household, role="other", person=person)
    member_remove(actor=caseworker, membership=membership, left_on=dt.date.today(), reason="moved")
    batch = ImportBatch(uploaded_by=other_caseworker, office=office, file_name="hane.csv", sha256="0" * 64, size=1)

    with pytest.raises(write._Rejected) as rejected:
        write._import_atomically(other_caseworker, plan, batch, dry_run=False)

    with translation.override("en"):
        not_found = str(errors.ERR_PERSON_NOT_FOUND)
    assert [i.as_dict()["en"] for i in rejected.value.items] == [imports.ERR_NOT_SAVED.text("en", detail=not_found)]
    assert not Household.objects.filter(district=tuzluca).exists()
    assert not person.memberships.filter(left_on__isnull=True).exists()


# The services themselves: what the import relies on at write time.


def test_household_register_refuses_a_person_registered_elsewhere(other_caseworker, merkez, tuzluca):
    person = left_merkez_household(merkez)

    with pytest.raises(NotFoundError) as exc:
        household_register(
            actor=other_caseworker,
            district=tuzluca,
            neighbourhood="Merkez",
            members=[MemberInput(role="reference", person=person)],
            dwelling_type="apartment",
            tenure="owner",
            heating="stove_coal",
        )

    assert exc.value.message == errors.ERR_PERSON_NOT_FOUND
    assert not Household.objects.filter(district=tuzluca).exists()


def test_member_add_and_move_refuse_a_person_registered_elsewhere(other_caseworker, merkez, tuzluca):
    person = left_merkez_household(merkez)
    tuzluca_household = household_with_members(tuzluca, children=0)

    with pytest.raises(NotFoundError):
        member_add(actor=other_caseworker, household=tuzluca_household, role="other", person=person)
    with pytest.raises(NotFoundError):
        member_move(
            actor=other_caseworker, person=person, to_household=tuzluca_household, role="other", on_date=dt.date.today()
        )
    assert not person.memberships.filter(left_on__isnull=True).exists()


def test_person_update_refuses_a_person_whose_last_household_was_elsewhere(other_caseworker, merkez):
    person = left_merkez_household(merkez)

    with pytest.raises(NotFoundError):
        person_update(actor=other_caseworker, person=person, data={"phone": "05550000000"})

    person.refresh_from_db()
    assert person.phone == ""


def test_a_person_never_in_a_household_may_be_added_by_anyone(other_caseworker, tuzluca):
    person = PersonFactory()
    household = household_with_members(tuzluca, children=0)

    membership = member_add(actor=other_caseworker, household=household, role="other", person=person)

    assert membership.person == person


def test_member_of_a_current_household_elsewhere_is_not_found_not_already_member(other_caseworker, merkez, tuzluca):
    """A current Merkez member is "not found" for Tuzluca (not "already a member", which would confirm them)."""
    person = MembershipFactory(household=household_with_members(merkez, children=0), role="other").person
    household = household_with_members(tuzluca, children=0)

    with pytest.raises(NotFoundError):
        member_add(actor=other_caseworker, household=household, role="other", person=person)
