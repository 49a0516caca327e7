"""The registry tables' columns from one synthetic batch, built on whole columns (Polars, numpy).

Synthetic ids never collide with service-made ones: internal ids are "S" + load tag + counter (services make
"R" + 10 digits) and household numbers "S7602-TAG12-00000001" (services make "76-02-1234567").
"""

import datetime as dt
import secrets
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import polars as pl
import pyarrow as pa
from django.db import connection
from django.utils import timezone

from refah.common.text import fold
from refah.geo.models import District
from refah.registry import enums
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth.generate.tables import REFERENCE_DATE
from refah.synth.load.identities import free_national_ids
from refah.synth.load.neighbourhoods import MAHALLE, MAHALLE_IDS, mahalle_columns, per_distinct
from refah.synth.models import TrueWelfare

_TAG_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_DAYS_PER_YEAR = 365.2425
PERSON_FLAGS = ("sed_risk", "in_state_care", "orphan", "spouse_deceased")
CHECKUP_AGE_LIMIT = 7  # child_checkups_done is only asked for 0–6 year olds; null above


@dataclass
class LoadState:
    """What one load keeps between batches: its tag, clock, caches and running counters."""

    seed: int
    tag: str
    now: dt.datetime
    reference_date: dt.date
    uuid_prefix: np.ndarray
    rng: np.random.Generator
    districts: pl.DataFrame
    check_db_ids: bool
    # The mahalles this load has used: district_id, _mahalle_folded (the name folded), neighbourhood_id.
    neighbourhoods: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=MAHALLE_IDS))
    seen_ids: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # sorted
    sequence: int = 0
    households: int = 0
    persons: int = 0
    counts: Counter = field(default_factory=Counter)
    first_household_id: str | None = None
    freeze: bool = False  # COPY … FREEZE: the initial load truncated the tables in its transaction


def load_start(seed: int) -> LoadState:
    """A new load: a fresh tag, the clock, the districts and whether identity numbers must be checked."""
    now = timezone.now()
    prefix = np.frombuffer(int(now.timestamp() * 1000).to_bytes(6, "big") + secrets.token_bytes(2), np.uint8).copy()
    prefix[6] = 0x70 | (prefix[6] & 0x0F)  # UUID version 7: time first, so B-tree inserts append
    districts = pl.DataFrame(
        list(District.objects.values_list("pcode", "id", "province_id", "province__plate")),
        schema=["pcode", "district_id", "province_id", "plate"],
        orient="row",
    )
    districts = districts.with_columns(
        code_prefix=pl.format("S{}{}", pl.col("plate").cast(pl.String).str.zfill(2), pl.col("pcode").str.slice(-2))
    )
    return LoadState(
        seed=seed,
        tag=_free_tag(),
        now=now,
        reference_date=REFERENCE_DATE.astype(dt.date),
        uuid_prefix=prefix,
        rng=np.random.default_rng(seed),
        districts=districts,
        check_db_ids=Person.objects.filter(national_id__isnull=False).exists(),
    )


def _free_tag() -> str:
    """Five base32 characters naming this load in its ids; a tag already used is drawn again."""
    while True:
        tag = "".join(secrets.choice(_TAG_ALPHABET) for _ in range(5))
        if not Person.objects.filter(internal_id=_internal_id_prefix(tag) + "0" * 10).exists():
            return tag


def _internal_id_prefix(tag: str) -> str:
    return "S" + tag


_HOUSEHOLD_EXTRA = [
    "household_key",
    "true_consumption",
    "true_income",
    "true_informal",
    "true_consumption_ae",
    "true_private_transfers",
    "true_price_index",
]
_PERSON_EXTRA = ["household_key", "person_key", "household_id", "household_row", "role", "absence_days"]


def batch_frames(batch, load: LoadState) -> dict[str, tuple[type, pl.DataFrame]]:
    """Each registry table's rows of one batch, in insertion order (referenced tables first). No database: the
    households keep their mahalle until neighbourhoods_resolve() puts its id in, on the loading thread."""
    households = _households_frame(pl.from_arrow(batch.households), load)
    persons = _persons_frame(pl.from_arrow(batch.persons), households, load)
    frames = {
        "households": (Household, households.drop(_HOUSEHOLD_EXTRA)),
        "true_welfare": (TrueWelfare, _truth_frame(households, load)),
        "persons": (Person, persons.drop(_PERSON_EXTRA)),
        "memberships": (Membership, _memberships_frame(persons, load)),
        "incomes": (IncomeSource, _incomes_frame(pl.from_arrow(batch.incomes), persons, load)),
        "assets": (Asset, _assets_frame(pl.from_arrow(batch.assets), households, load)),
        "attendance": (SchoolAttendance, _attendance_frame(persons, load)),
    }
    if load.first_household_id is None and households.height:
        load.first_household_id = households["id"][0]
    return frames


# Columns -----------------------------------------------------------------------------------------------------


def uuid_column(load: LoadState, n: int) -> pl.Series:
    """n UUIDs as 32 hex digits: the load's time and tag, a running counter, two random bytes."""
    raw = np.zeros((n, 16), np.uint8)
    raw[:, :8] = load.uuid_prefix
    raw[:, 8] = 0x80  # RFC 4122 variant
    counter = np.arange(load.sequence, load.sequence + n, dtype=">u8").view(np.uint8).reshape(n, 8)
    raw[:, 9:14] = counter[:, 3:]
    raw[:, 14:] = np.frombuffer(secrets.token_bytes(2 * n), np.uint8).reshape(n, 2)
    load.sequence += n
    hexed = np.empty((n, 32), np.uint8)
    hexed[:, 0::2] = _HEX[raw >> 4]
    hexed[:, 1::2] = _HEX[raw & 0x0F]
    offsets = np.arange(0, 32 * (n + 1), 32, dtype=np.int64)
    array = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(hexed))
    return pl.Series("id", array, dtype=pl.String)


def fold_names(first: pl.Series, last: pl.Series) -> pl.Series:
    """fold(f"{first} {last}") for whole columns; each distinct name is folded once by refah.common.text.fold.

    Exact because fold works word by word: folding both halves and joining them with one space (dropping
    the space when a half folds to nothing) gives the fold of the joined string.
    """
    return (per_distinct(first, fold) + " " + per_distinct(last, fold)).str.strip_chars(" ").alias("name_folded")


def _stamps(load: LoadState) -> list[pl.Expr]:
    value = connection.ops.adapt_datetimefield_value(load.now)
    text = value if isinstance(value, str) else load.now.isoformat()
    return [pl.lit(text).alias("created_at"), pl.lit(text).alias("updated_at")]


def _strings(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


def _households_frame(raw: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    raw = _strings(raw).join(
        load.districts, left_on="district_pcode", right_on="pcode", how="left", maintain_order="left"
    )
    if raw["district_id"].null_count():
        raise ValueError(f"unknown district codes: {raw.filter(pl.col('district_id').is_null())['district_pcode']}")
    raw = raw.with_columns(*mahalle_columns(raw), neighbourhood_id=pl.lit(None, pl.Int64))
    counter = pl.int_range(load.households, load.households + raw.height, eager=True).cast(pl.String).str.zfill(8)
    load.households += raw.height
    code = pl.format("{}-{}-{}", pl.col("code_prefix"), pl.lit(load.tag), counter)
    return raw.select(
        uuid_column(load, raw.height),
        *_stamps(load),
        code.alias("reference_code"),
        "province_id",
        "district_id",
        "neighbourhood_id",
        pl.col("address_line").fill_null(""),
        pl.lit("").alias("phone"),
        "dwelling_type",
        "tenure",
        "monthly_rent_kurus",
        "heating",
        "rooms",
        pl.lit(None, pl.Int64).alias("registered_by_id"),
        pl.lit(None, pl.String).alias("external_ref"),
        "household_key",
        pl.col("true_consumption_per_person_kurus").alias("true_consumption"),
        pl.col("true_income_kurus").alias("true_income"),
        pl.col("true_informal_income_kurus").alias("true_informal"),
        pl.col("true_consumption_ae_kurus").alias("true_consumption_ae"),
        pl.col("true_private_transfers_kurus").alias("true_private_transfers"),
        pl.col("true_price_index_permille").alias("true_price_index"),
        *MAHALLE,
    )


def _truth_frame(households: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    return households.select(
        pl.col("id").alias("household_id"),
        pl.col("true_consumption").alias("consumption_per_person_kurus"),
        pl.col("true_income").alias("true_income_kurus"),
        pl.col("true_informal").fill_null(0).alias("informal_income_kurus"),
        pl.col("true_consumption_ae").fill_null(0).alias("consumption_ae_kurus"),
        pl.col("true_private_transfers").fill_null(0).alias("private_transfers_kurus"),
        pl.col("true_price_index").fill_null(1000).alias("price_index_permille"),
        pl.lit(load.seed, pl.Int32).alias("seed"),
    )


def _persons_frame(raw: pl.DataFrame, households: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    homes = households.select("household_key", pl.col("id").alias("household_id")).with_row_index("household_row")
    raw = _strings(raw).join(homes, on="household_key", how="left", maintain_order="left")
    counter = pl.int_range(load.persons, load.persons + raw.height, eager=True).cast(pl.String).str.zfill(10)
    load.persons += raw.height
    return raw.select(
        uuid_column(load, raw.height),
        *_stamps(load),
        "id_kind",
        free_national_ids(raw["national_id"], raw["id_kind"], load),
        (_internal_id_prefix(load.tag) + counter).alias("internal_id"),
        "first_name",
        "last_name",
        fold_names(raw["first_name"], raw["last_name"]),
        "birth_date",
        "sex",
        "nationality",
        "protection_status",
        "marital_status",
        pl.col("education_level").fill_null(""),
        "employment_status",
        "social_security",
        "health_insurance",
        pl.col("disability_percent").cast(pl.Int16),
        "dependency",
        "chronic_illness",
        "pregnant",
        "school_level",
        "school_grade",
        *PERSON_FLAGS,
        _checkups(raw, load),
        pl.col("phone").fill_null(""),
        pl.lit(None, pl.Date).alias("deceased_on"),
        "household_key",
        "person_key",
        "household_id",
        "household_row",
        "role",
        "absence_days",
    )


def _checkups(persons: pl.DataFrame, load: LoadState) -> pl.Expr:
    """The check-up flag of children under CHECKUP_AGE_LIMIT on the reference date; null (not asked) above."""
    limit = load.reference_date.replace(year=load.reference_date.year - CHECKUP_AGE_LIMIT)
    return pl.when(pl.col("birth_date") > limit).then(pl.col("child_checkups_done")).alias("child_checkups_done")


def _memberships_frame(persons: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    return persons.select(
        uuid_column(load, persons.height),
        *_stamps(load),
        "household_id",
        pl.col("id").alias("person_id"),
        "role",
        pl.Series("joined_on", _joined_on(persons, load)),
        pl.lit(None, pl.Date).alias("left_on"),
        pl.lit("").alias("left_reason"),
    )


def _joined_on(persons: pl.DataFrame, load: LoadState) -> np.ndarray:
    """Plausible joining dates: the household forms when its reference person is 18–30, a spouse joins then
    (or at 18), children are born into it, parents and other relatives move in later."""
    today = (load.reference_date - dt.date(1970, 1, 1)).days
    birth = persons["birth_date"].cast(pl.Int32).to_numpy()
    home = persons["household_row"].to_numpy()
    size = int(home.max()) + 1 if home.size else 0
    head_birth = np.full(size, today - 18 * 365, np.int64)
    head = (persons["role"] == enums.Role.REFERENCE.value).to_numpy()
    head_birth[home[head]] = birth[head]
    years = load.rng.uniform(18, 30, size)
    formed = np.minimum(head_birth + (years * _DAYS_PER_YEAR).astype(np.int64), today)[home]
    joined = np.maximum(birth, formed)
    spouse = (persons["role"] == enums.Role.SPOUSE.value).to_numpy()
    joined[spouse] = np.maximum(formed[spouse], birth[spouse] + int(18 * _DAYS_PER_YEAR))
    later = persons["role"].is_in([enums.Role.PARENT.value, enums.Role.OTHER.value]).to_numpy()
    joined[later] = formed[later] + (load.rng.uniform(0, 1, later.sum()) * (today - formed[later])).astype(np.int64)
    joined = np.clip(np.maximum(joined, birth), None, today)
    return joined.astype("datetime64[D]")


def _incomes_frame(raw: pl.DataFrame, persons: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    owners = persons.select("person_key", pl.col("id").alias("person_id"), "birth_date")
    raw = _strings(raw).join(owners, on="person_key", how="left", maintain_order="left")
    months = load.rng.integers(1, 60, raw.height)
    start = (np.datetime64(load.reference_date.replace(day=1), "M") - months).astype("datetime64[D]")
    start = np.maximum(start, raw["birth_date"].to_numpy())
    return raw.select(
        uuid_column(load, raw.height),
        *_stamps(load),
        "person_id",
        "kind",
        pl.col("monthly_kurus").alias("amount_kurus"),
        pl.lit(enums.IncomePeriod.MONTHLY.value).alias("period"),
        pl.Series("start_date", start),
        pl.lit(None, pl.Date).alias("end_date"),
        pl.lit(enums.DataSource.SYNTHETIC.value).alias("source"),
        pl.lit("").alias("note"),
    )


def _assets_frame(raw: pl.DataFrame, households: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    homes = households.select("household_key", pl.col("id").alias("household_id"))
    raw = _strings(raw).join(homes, on="household_key", how="left", maintain_order="left")
    return raw.select(
        uuid_column(load, raw.height),
        *_stamps(load),
        "household_id",
        pl.lit(None, pl.String).alias("owner_id"),
        "kind",
        pl.col("description").fill_null(""),
        "value_kurus",
        pl.lit(None, pl.Date).alias("acquired_on"),
        pl.lit(None, pl.Date).alias("disposed_on"),
        pl.lit(enums.DataSource.SYNTHETIC.value).alias("source"),
    )


def attendance_month(reference_date: dt.date) -> dt.date:
    """First day of the month before the reference date: the month whose absences are loaded."""
    return (reference_date.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _attendance_frame(persons: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    return persons.filter(pl.col("absence_days").is_not_null()).select(
        pl.col("id").alias("person_id"),
        pl.lit(attendance_month(load.reference_date)).alias("month"),
        pl.col("absence_days").cast(pl.Int16),
    )
