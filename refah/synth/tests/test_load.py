"""The synthetic bulk loader and the `refah synth` command, on SQLite or PostgreSQL (DATABASE_URL)."""

import datetime as dt
from dataclasses import dataclass
from io import StringIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from refah.audit.models import AuditEvent
from refah.common.text import fold
from refah.geo.models import District, Neighbourhood
from refah.registry.identity import is_valid_identity_number, make_identity_number
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth import schema
from refah.synth.generate.tables import REFERENCE_DATE
from refah.synth.load import attendance_month, fold_names, load_batches
from refah.synth.management.commands.synth import province_plates
from refah.synth.models import TrueWelfare

pytestmark = pytest.mark.django_db

TRICKY_NAMES = [
    ("İSMAİL", "IŞIK"),
    ("Işıl", "ÇİĞDEM"),
    ("ıı", "İİ"),
    ("Âdem", "Güneş  Öztürk"),
    ("  Ayşe ", "Şahin"),
    ("", "Yılmaz"),
    ("Zeynep", ""),
    ("Σοφία", "ΑΣ"),
    ("Ahmad", "Al-Hassan"),
    ("Mehmet\u00a0Ali", "Çelik"),
]


@dataclass(frozen=True)
class Batch:
    households: pa.Table
    persons: pa.Table
    incomes: pa.Table
    assets: pa.Table


def _dict(values):
    return pa.array(values).dictionary_encode()


def batch(first_key: int = 0, households: int = 3, names=None, national_ids=None) -> Batch:
    """A hand-built batch: each household a reference person, a spouse and a school child (in Merkez)."""
    keys = list(range(first_key, first_key + households))
    hh = pa.table(
        {
            "household_key": keys,
            "province_plate": [76] * households,
            "district_pcode": _dict(["TUR076002"] * (households - 1) + ["TUR076004"]),
            "neighbourhood": _dict(["BAĞLAR MAHALLESİ", "bağlar mahallesi", "Yeni Köy"][i % 3] for i in keys),
            "is_rural": [i % 3 == 2 for i in keys],
            "address_line": [f"Atatürk Cd. No:{i}" for i in keys],
            "dwelling_type": _dict(["apartment"] * households),
            "tenure": _dict(["tenant"] * households),
            "monthly_rent_kurus": [500_000] * households,
            "heating": _dict(["stove_coal"] * households),
            "rooms": [3] * households,
            "true_consumption_per_person_kurus": [400_000 + i for i in keys],
            "true_income_kurus": [1_500_000] * households,
            "true_informal_income_kurus": [200_000] * households,
            "true_consumption_ae_kurus": [700_000 + i for i in keys],
            "true_private_transfers_kurus": [50_000] * households,
            "true_price_index_permille": [880] * households,
        }
    ).cast(schema.HOUSEHOLDS)
    n = 3 * households
    names = names or [("Ayşe", "Yılmaz"), ("İsmail", "Işık"), ("Çağrı", "Öztürk")]
    names = [names[i % len(names)] for i in range(n)]
    ids = national_ids or [make_identity_number(f"{300_000_000 + 3 * first_key + i}") for i in range(n)]
    role = ["reference", "spouse", "child"] * households
    births = [dt.date(1980, 5, 1), dt.date(1983, 2, 3), dt.date(2014, 9, 9)] * households
    persons = {
        "household_key": [k for k in keys for _ in range(3)],
        "person_key": list(range(3 * first_key, 3 * first_key + n)),
        "role": _dict(role),
        "id_kind": _dict(["tc"] * n),
        "national_id": ids,
        "first_name": [f for f, _ in names],
        "last_name": [last for _, last in names],
        "birth_date": births,
        "sex": _dict(["M", "F", "F"] * households),
        "nationality": _dict(["TR"] * n),
        "protection_status": _dict(["citizen"] * n),
        "marital_status": _dict(["married", "married", "single"] * households),
        "education_level": _dict(["primary", "primary", ""] * households),
        "employment_status": _dict(["employed_informal", "homemaker", "student"] * households),
        "social_security": _dict(["none"] * n),
        "health_insurance": _dict(["gss_state"] * n),
        "disability_percent": [0, 40, 0] * households,
        "dependency": _dict(["none"] * n),
        "chronic_illness": [False] * n,
        "pregnant": [False] * n,
        "school_level": _dict(["none", "none", "lower_secondary"] * households),
        "school_grade": [None, None, 6] * households,
        "absence_days": [None, None, 4] * households,
    }
    for flag in ["deceased", "sed_risk", "in_state_care", "orphan", "spouse_deceased", "child_checkups_done"]:
        persons[flag] = [False] * n
    persons["phone"] = ["05201234567", None, None] * households
    incomes = pa.table(
        {
            "household_key": keys,
            "person_key": [3 * k for k in keys],
            "kind": _dict(["wage"] * households),
            "monthly_kurus": [2_200_000] * households,
        }
    ).cast(schema.INCOMES)
    assets = pa.table(
        {
            "household_key": keys[:1],
            "kind": _dict(["vehicle"]),
            "value_kurus": [35_000_000],
            "description": ["2009 Fiat Doblo"],
        }
    ).cast(schema.ASSETS)
    return Batch(hh, pa.table(persons).cast(schema.PERSONS), incomes, assets)


def test_fold_names_equals_fold_exactly():
    first = pl.Series([f for f, _ in TRICKY_NAMES])
    last = pl.Series([last for _, last in TRICKY_NAMES])
    assert fold_names(first, last).to_list() == [fold(f"{f} {last}") for f, last in TRICKY_NAMES]


def test_load_writes_every_table_once_per_row():
    counts = load_batches([batch(0, 3), batch(3, 2)], seed=7)

    assert counts["households"] == Household.objects.count() == 5
    assert counts["persons"] == Person.objects.count() == 15
    assert counts["memberships"] == Membership.objects.filter(left_on__isnull=True).count() == 15
    assert counts["incomes"] == IncomeSource.objects.filter(source="synthetic", period="monthly").count() == 5
    assert counts["assets"] == Asset.objects.count() == 2
    assert counts["attendance"] == SchoolAttendance.objects.count() == 5
    assert counts["true_welfare"] == TrueWelfare.objects.filter(seed=7).count() == 5
    # Merkez: "BAĞLAR MAHALLESİ" and "bağlar mahallesi" are one mahalle; Tuzluca: Yeni Köy and Bağlar
    assert counts["neighbourhoods"] == Neighbourhood.objects.count() == 3


@pytest.mark.parametrize("ahead", [False, True])
def test_a_mahalle_already_in_the_district_is_used_not_created_again(ahead):
    merkez = District.objects.get(pcode="TUR076002")
    baglar = Neighbourhood.objects.create(district=merkez, name="BAĞLAR MAHALLESİ", name_folded="baglar mahallesi")
    connection.check_constraints()  # as if committed: no deferred check pending when the load alters the tables

    counts = load_batches([batch(0, 3), batch(3, 2)], seed=7, ahead=ahead)

    assert counts["neighbourhoods"] == 2  # Yeni Köy and Bağlar in Tuzluca
    assert Neighbourhood.objects.count() == 3
    assert Household.objects.filter(district=merkez).exclude(neighbourhood=baglar).count() == 0
    in_merkez = [i for i in range(5) if i < 2 or i == 3]  # each batch's last household is in Tuzluca
    assert Household.objects.filter(neighbourhood=baglar).count() == len(in_merkez)


def test_households_are_whole_and_plausible():
    load_batches([batch(0, 3)], seed=7)

    for household in Household.objects.all():
        members = list(household.memberships.select_related("person").order_by("person__birth_date"))
        assert [m.role for m in members] == ["reference", "spouse", "child"]
        head, spouse, child = members
        assert head.person.birth_date <= head.joined_on <= REFERENCE_DATE.astype(dt.date)
        assert spouse.joined_on >= spouse.person.birth_date + dt.timedelta(days=18 * 365)
        assert child.joined_on >= child.person.birth_date
        assert household.neighbourhood.district_id == household.district_id
        assert household.province.plate == 76
    attendance = SchoolAttendance.objects.first()
    assert attendance.month == attendance_month(REFERENCE_DATE.astype(dt.date)) == dt.date(2025, 6, 1)
    assert attendance.absence_days == 4


def test_names_are_folded_like_the_services_do():
    load_batches([batch(0, 4, names=TRICKY_NAMES)], seed=1)

    for person in Person.objects.all():
        assert person.name_folded == fold(f"{person.first_name} {person.last_name}")


def test_ids_are_synthetic_unique_and_timestamps_aware():
    load_batches([batch(0, 3)], seed=1)

    persons = list(Person.objects.all())
    assert all(p.internal_id.startswith("S") and len(p.internal_id) == 16 for p in persons)
    assert len({p.internal_id for p in persons}) == len({p.pk for p in persons}) == 9
    codes = list(Household.objects.values_list("reference_code", flat=True))
    assert all(code.startswith("S7602-") or code.startswith("S7604-") for code in codes)
    assert persons[0].created_at.tzinfo is not None
    assert abs((persons[0].created_at - Household.objects.first().created_at).total_seconds()) < 1


def test_phones_are_loaded_and_a_missing_one_is_empty():
    load_batches([batch(0, 2)], seed=1)

    phones = sorted(Person.objects.values_list("phone", flat=True))
    assert phones == ["", "", "", "", "05201234567", "05201234567"]


def test_truth_is_kept_apart_from_the_registry():
    load_batches([batch(0, 2)], seed=3)

    truth = TrueWelfare.objects.get(household=Household.objects.order_by("reference_code").first())
    assert (truth.consumption_per_person_kurus, truth.true_income_kurus, truth.informal_income_kurus) == (
        400_000,
        1_500_000,
        200_000,
    )
    assert (truth.consumption_ae_kurus, truth.private_transfers_kurus, truth.price_index_permille) == (
        700_000,
        50_000,
        880,
    )
    assert not [f for f in Household._meta.get_fields() if "true" in f.name or "welfare" in f.name]


def test_one_audit_event_per_load():
    load_batches([batch(0, 2), batch(2, 2)], seed=11)

    event = AuditEvent.objects.get(action="synth_load")
    assert event.after["seed"] == 11
    assert event.after["counts"]["households"] == 4
    assert event.object_type == "registry.household"


def test_a_second_load_does_not_collide():
    load_batches([batch(0, 3)], seed=5)
    taken = list(Person.objects.values_list("national_id", flat=True))

    load_batches([batch(0, 3)], seed=5)  # the very same data set again

    assert Household.objects.count() == 6
    assert Person.objects.values("national_id").distinct().count() == 18
    new = Person.objects.exclude(national_id__in=taken)
    assert new.count() == 9
    assert all(is_valid_identity_number(p.national_id) for p in new)
    assert AuditEvent.objects.filter(action="synth_load").count() == 2


def test_duplicate_numbers_within_a_load_are_drawn_anew():
    number = make_identity_number("312345678")
    load_batches([batch(0, 1, national_ids=[number] * 3)], seed=5)

    assert Person.objects.values("national_id").distinct().count() == 3
    assert Person.objects.filter(national_id=number).count() == 1


def test_a_number_of_an_earlier_batch_is_drawn_anew():
    numbers = [make_identity_number(f"3123456{i:02d}") for i in range(3)]
    first = batch(0, 1, national_ids=numbers)
    second = batch(1, 1, national_ids=[numbers[1], numbers[2], make_identity_number("412345678")])
    load_batches([first, second], seed=5)

    assert Person.objects.values("national_id").distinct().count() == 6
    assert Person.objects.filter(national_id__in=numbers).count() == 3
    assert Person.objects.filter(national_id=make_identity_number("412345678")).count() == 1


def synth(*args) -> str:
    out = StringIO()
    call_command("synth", *args, stdout=out)
    return out.getvalue()


def test_synth_loads_the_province_and_if_empty_does_nothing_the_second_time():
    output = synth("--province", "IGDIR", "--households", "200", "--seed", "3", "--if-empty")
    households = Household.objects.count()

    second = synth("--province", "ığdır", "--households", "200", "--if-empty")

    assert households == 200 and "households" in output
    assert "nothing generated" in second
    assert Household.objects.count() == 200
    assert set(Household.objects.values_list("province__plate", flat=True)) == {76}
    assert AuditEvent.objects.filter(action="synth_load").count() == 1


def test_synth_parquet_touches_no_database(tmp_path, django_assert_num_queries):
    with django_assert_num_queries(0):
        synth("--province", "76", "--households", "300", "--parquet", str(tmp_path))

    assert sorted(p.name for p in tmp_path.iterdir())
    assert pq.read_table(next(tmp_path.rglob("households*.parquet"))).num_rows > 0


@pytest.mark.parametrize("value", ["Iğdır", "IĞDIR", "igdir", "76", " 76 "])
def test_province_by_name_or_plate(value):
    assert province_plates(value) == [76]


def test_province_all_and_unknown():
    assert province_plates("all") is None
    with pytest.raises(CommandError):
        province_plates("Atlantis")


def with_persons(data: Batch, **columns) -> Batch:
    """The batch with some person columns replaced (lists as long as the persons table)."""
    persons = data.persons
    for name, values in columns.items():
        index = persons.schema.get_field_index(name)
        persons = persons.set_column(
            index, persons.schema.field(index), pa.array(values, persons.schema.field(index).type)
        )
    return Batch(data.households, persons, data.incomes, data.assets)


def test_person_flags_are_stored():
    # one household: a widowed reference person (45), a 3-year-old orphan at SED risk, a 10-year-old in care
    data = with_persons(
        batch(0, 1),
        birth_date=[dt.date(1980, 5, 1), dt.date(2022, 2, 3), dt.date(2014, 9, 9)],
        sed_risk=[False, True, False],
        in_state_care=[False, False, True],
        orphan=[False, True, True],
        spouse_deceased=[True, False, False],
        child_checkups_done=[False, True, False],
    )
    load_batches([data], seed=1)

    stored = Person.objects.order_by("birth_date").values_list(
        "sed_risk", "in_state_care", "orphan", "spouse_deceased", "child_checkups_done"
    )
    assert list(stored) == [
        (False, False, False, True, None),  # check-ups are asked only for 0–6 year olds
        (False, True, True, False, None),
        (True, False, True, False, True),
    ]
