"""Unusual reading, counted by the database: many households in a short time, reads outside working hours
(Europe/Istanbul), reads outside the reader's usual district. Times are given, never waited for."""

import datetime as dt
import uuid
import zoneinfo

import pytest

from refah.accounts.enums import Role
from refah.audit.services_access import access_record
from refah.common.errors import PermissionDeniedError
from refah.registry.access_log.selectors import access_flags, access_reader_detail

pytestmark = pytest.mark.django_db
IST = zoneinfo.ZoneInfo("Europe/Istanbul")
WEDNESDAY = dt.date(2026, 12, 2)
DAY_START = dt.datetime(2026, 11, 30, tzinfo=IST)
DAY_END = dt.datetime(2026, 12, 7, tzinfo=IST)


def at(hour: int, minute: int = 0, second: int = 0, day: dt.date = WEDNESDAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=IST)


def read(user, when: dt.datetime, district=None, household_id=None):
    return access_record(
        actor=user,
        purpose="case_work",
        channel="api",
        kind="household",
        household_id=household_id or uuid.uuid4(),
        district_id=district.pk if district else None,
        at=when,
    )


@pytest.fixture
def auditor(make_staff, office_province):
    return make_staff(office_province, Role.AUDITOR)


def flags_of(auditor, user):
    found = [r for r in access_flags(user=auditor, start=DAY_START, end=DAY_END) if r.actor_id == user.pk]
    return found[0] if found else None


def test_more_than_fifty_households_in_ten_minutes_is_a_burst(auditor, caseworker, make_staff, office_merkez):
    steady = make_staff(office_merkez, Role.CASEWORKER)
    for i in range(51):  # 51 households within 10:00–10:08:30
        read(caseworker, at(10, i // 6, i % 6 * 10))
    for i in range(50):  # exactly the threshold: not a burst
        read(steady, at(10, i // 6, i % 6 * 10))
    flagged = flags_of(auditor, caseworker)
    assert flagged.reasons == ["burst"] and flagged.burst_max == 51
    assert flagged.bursts[0].starts == at(10).astimezone(dt.UTC)
    assert flags_of(auditor, steady) is None


def test_the_same_household_read_again_counts_once(auditor, caseworker):
    household = uuid.uuid4()
    for i in range(60):
        read(caseworker, at(10, 0, i), household_id=household)
    assert flags_of(auditor, caseworker) is None


def test_a_burst_across_a_slot_boundary_is_caught_by_the_shifted_grid(auditor, caseworker):
    # 30 households at 10:08–10:09 and 30 at 10:11–10:12: 30 in each 10-minute slot of the first grid,
    # 60 in the slot from 10:05 to 10:15 of the second.
    for i in range(30):
        read(caseworker, at(10, 8, i * 2))
        read(caseworker, at(10, 11, i * 2))
    flagged = flags_of(auditor, caseworker)
    assert flagged.reasons == ["burst"] and flagged.burst_max == 60
    assert [b.starts for b in flagged.bursts] == [at(10, 5).astimezone(dt.UTC)]


@pytest.mark.parametrize(
    ("when", "off"),
    [
        (at(7, 59), True),
        (at(8, 0), False),
        (at(18, 59), False),
        (at(19, 0), True),
        (at(23, 30), True),  # 20:30 UTC: the local hour decides
        (at(2, 30), True),
        (at(11, 0, day=dt.date(2026, 12, 5)), True),  # Saturday
        (at(11, 0, day=dt.date(2026, 12, 6)), True),  # Sunday
    ],
)
def test_reads_outside_working_hours_istanbul_time(auditor, caseworker, when, off):
    read(caseworker, when)
    flagged = flags_of(auditor, caseworker)
    assert (flagged is not None and flagged.off_hours == 1 and flagged.reasons == ["off_hours"]) is off


def test_reads_outside_the_usual_district(auditor, make_staff, office_province, merkez, tuzluca):
    wanderer = make_staff(office_province, Role.CASEWORKER)
    for minute in range(20):
        read(wanderer, at(10, minute), merkez)
    for minute in range(5):
        read(wanderer, at(11, minute), tuzluca)
    flagged = flags_of(auditor, wanderer)
    assert (flagged.reasons, flagged.other_district, flagged.usual_district) == (["other_district"], 5, merkez.name)
    detail = access_reader_detail(user=auditor, actor_id=wanderer.pk, start=DAY_START, end=DAY_END)
    assert sum(e.other_district for e in detail.events) == 5
    assert all(e.district_id == tuzluca.pk for e in detail.events if e.other_district)


def test_the_usual_district_counts_the_weeks_before(auditor, make_staff, office_province, merkez, tuzluca):
    """Reading in Tuzluca all week is unusual for someone who read in Merkez the month before."""
    reader = make_staff(office_province, Role.CASEWORKER)
    for day in range(1, 21):
        read(reader, at(10, day, day=dt.date(2026, 11, 1) + dt.timedelta(days=day)), merkez)
    for minute in range(6):
        read(reader, at(10, minute), tuzluca)
    assert flags_of(auditor, reader).reasons == ["other_district"]


def test_flags_need_the_auditor_permission(caseworker):
    with pytest.raises(PermissionDeniedError):
        access_flags(user=caseworker, start=DAY_START, end=DAY_END)


def test_a_district_auditor_sees_only_the_reads_of_its_own_district(
    auditor, caseworker, make_staff, office_tuzluca, merkez
):
    # 60 Merkez households read off hours by a Merkez caseworker: the province auditor sees it, Tuzluca's not.
    for i in range(60):
        read(caseworker, at(23, 0, i), district=merkez)
    tuzluca_auditor = make_staff(office_tuzluca, Role.AUDITOR)
    assert flags_of(auditor, caseworker) is not None
    assert flags_of(tuzluca_auditor, caseworker) is None
    assert access_reader_detail(user=tuzluca_auditor, actor_id=caseworker.pk, start=DAY_START, end=DAY_END) is None
