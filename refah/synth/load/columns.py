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

from refah.common.text import fold, turkish_upper
from refah.geo.models import District, Neighbourhood
from refah.registry import enums
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth.generate.tables import REFERENCE_DATE
from refah.synth.models import TrueWelfare

_TAG_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_DAYS_PER_YEAR = 365.2425
PERSON_FLAGS = ("sed_risk", "in_state_care", "orphan", "spouse_deceased")
CHECKUP_AGE_LIMIT = 7  # child_checkups_done is only asked for 0–6 year olds; null above


_MAHALLE_IDS = {"district_id": pl.Int64, "_mahalle_folded": pl.String, "neighbourhood_id": pl.Int64}


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
    neighbourhoods: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=_MAHALLE_IDS))
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


_HOUSEHOLD_EXTRA = ["household_key", "true_consumption", "true_income", "true_informal"]
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
    return (_per_distinct(first, fold) + " " + _per_distinct(last, fold)).str.strip_chars(" ").alias("name_folded")


def _per_distinct(texts: pl.Series, function) -> pl.Series:
    """function(text) for a whole column, called once per distinct text; "" for a null."""
    distinct = texts.cast(pl.String).unique().drop_nulls()
    done = [function(text) for text in distinct.to_list()]
    return texts.cast(pl.String).replace_strict(distinct, done, default="", return_dtype=pl.String)


def _stamps(load: LoadState) -> list[pl.Expr]:
    value = connection.ops.adapt_datetimefield_value(load.now)
    text = value if isinstance(value, str) else load.now.isoformat()
    return [pl.lit(text).alias("created_at"), pl.lit(text).alias("updated_at")]


def _strings(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


# A household's mahalle until neighbourhoods_resolve() puts its id in their place: the folded name (the key within
# the district), the name as stored, and whether it is a village. Built on the frames' thread: no database.
_MAHALLE = ("_mahalle_folded", "_mahalle_name", "_mahalle_rural")


def _mahalle_columns(raw: pl.DataFrame) -> list[pl.Series]:
    names = raw["neighbourhood"]
    return [
        _per_distinct(names, fold).alias(_MAHALLE[0]),
        _per_distinct(names, lambda name: turkish_upper(" ".join(name.split()))).alias(_MAHALLE[1]),
        raw["is_rural"].fill_null(False).alias(_MAHALLE[2]),
    ]


def _households_frame(raw: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    raw = _strings(raw).join(
        load.districts, left_on="district_pcode", right_on="pcode", how="left", maintain_order="left"
    )
    if raw["district_id"].null_count():
        raise ValueError(f"unknown district codes: {raw.filter(pl.col('district_id').is_null())['district_pcode']}")
    raw = raw.with_columns(*_mahalle_columns(raw), neighbourhood_id=pl.lit(None, pl.Int64))
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
        *_MAHALLE,
    )


def neighbourhoods_resolve(frames: dict, load: LoadState) -> int:
    """Put the mahalle ids in the households' frame (creating the missing mahalles, on this thread's connection:
    the load's transaction); returns how many mahalles were created."""
    model, households = frames["households"]
    if _MAHALLE[0] not in households.columns:
        return 0
    mahalles = households.select("district_id", *_MAHALLE).unique(["district_id", _MAHALLE[0]], maintain_order=True)
    missing = mahalles.join(load.neighbourhoods, on=["district_id", _MAHALLE[0]], how="anti")
    created = _neighbourhoods_ensure(missing, load) if missing.height else 0
    households = households.drop("neighbourhood_id").join(
        load.neighbourhoods, on=["district_id", _MAHALLE[0]], how="left", maintain_order="left"
    )
    columns = [c for c in frames["households"][1].columns if c not in _MAHALLE]
    frames["households"] = (model, households.select(columns))
    return created


# New mahalles inserted and every asked one's id read in one statement, the rows passed as one JSON text (adapting
# tens of thousands of values as four arrays costs more than the statement). The outer SELECT sees the table as it
# was before the INSERT, so the two halves of the UNION never hold the same mahalle.
_MAHALLES_SQL = """
WITH asked AS (
  SELECT * FROM json_to_recordset(%s::json) AS m (district_id integer, name_folded text, name text, is_rural boolean)
), created AS (
  INSERT INTO geo_neighbourhood (district_id, name_folded, name, is_rural)
  SELECT district_id, name_folded, name, is_rural FROM asked
  ON CONFLICT (district_id, name_folded) DO NOTHING
  RETURNING district_id, name_folded, id
)
SELECT district_id, name_folded, id, true FROM created
UNION ALL
SELECT n.district_id, n.name_folded, n.id, false FROM geo_neighbourhood n JOIN asked USING (district_id, name_folded)
"""


def _neighbourhoods_ensure(missing: pl.DataFrame, load: LoadState) -> int:
    """Create the missing mahalles (one that exists meanwhile is kept) and learn the ids of all of them; returns
    how many were created."""
    rows = missing.select(
        pl.col("district_id").cast(pl.Int64),
        pl.col(_MAHALLE[0]).alias("name_folded"),
        pl.col(_MAHALLE[1]).alias("name"),
        pl.col(_MAHALLE[2]).cast(pl.Boolean).alias("is_rural"),
    )
    if connection.vendor == "postgresql":  # tens of thousands on a national load: one statement
        with connection.cursor() as cursor:
            cursor.execute(_MAHALLES_SQL, [rows.write_json()])
            found = cursor.fetchall()
    else:
        existing = Neighbourhood.objects.filter(district_id__in=set(rows["district_id"])).values_list(
            "district_id", "name_folded", "id"
        )
        known = {(d, f): pk for d, f, pk in existing}
        new = [
            Neighbourhood(**row)
            for row in rows.iter_rows(named=True)
            if (row["district_id"], row["name_folded"]) not in known
        ]
        Neighbourhood.objects.bulk_create(new)
        found = [(d, f, pk, False) for (d, f), pk in known.items()]
        found += [(n.district_id, n.name_folded, n.pk, True) for n in new]
    learnt = pl.DataFrame([row[:3] for row in found], schema=_MAHALLE_IDS, orient="row")
    load.neighbourhoods = pl.concat([load.neighbourhoods, learnt]).unique(["district_id", _MAHALLE[0]], keep="first")
    return sum(created for *_, created in found)


def _truth_frame(households: pl.DataFrame, load: LoadState) -> pl.DataFrame:
    return households.select(
        pl.col("id").alias("household_id"),
        pl.col("true_consumption").alias("consumption_per_person_kurus"),
        pl.col("true_income").alias("true_income_kurus"),
        pl.col("true_informal").fill_null(0).alias("informal_income_kurus"),
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


def free_national_ids(numbers: pl.Series, kinds: pl.Series, load: LoadState) -> pl.Series:
    """The batch's identity numbers, each one already taken (in this load or the database) drawn anew."""
    values = numbers.cast(pl.Int64).fill_null(-1).to_numpy().copy()
    foreign = (kinds.cast(pl.String) == enums.IdKind.FOREIGN.value).to_numpy()
    present = values >= 0
    while True:
        taken = present & (_seen(values, load.seen_ids) | _duplicated(values) | _in_database(values, present, load))
        if not taken.any():
            break
        values[taken] = _identity_numbers(load.rng, foreign[taken])
    fresh = np.sort(values[present])
    load.seen_ids = np.insert(load.seen_ids, np.searchsorted(load.seen_ids, fresh), fresh)
    return pl.Series("national_id", values).cast(pl.String).replace("-1", None)


def _seen(values: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Which values the sorted array `seen` holds: a binary search each, not a sort of both (np.isin) per batch."""
    if not seen.size:
        return np.zeros(values.size, bool)
    at = np.minimum(np.searchsorted(seen, values), seen.size - 1)
    return seen[at] == values


def _duplicated(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    repeat = np.zeros(values.size, bool)
    repeat[order[1:]] = values[order[1:]] == values[order[:-1]]
    return repeat


def _in_database(values: np.ndarray, present: np.ndarray, load: LoadState) -> np.ndarray:
    if not load.check_db_ids:
        return np.zeros(values.size, bool)
    wanted = [str(v) for v in values[present]]
    found: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one index probe per number, in one statement
            cursor.execute("SELECT national_id FROM registry_person WHERE national_id = ANY(%s)", [wanted])
            found = [row[0] for row in cursor.fetchall()]
        else:
            for start in range(0, len(wanted), 900):
                chunk = wanted[start : start + 900]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT national_id FROM registry_person WHERE national_id IN ({marks})", chunk)
                found += [row[0] for row in cursor.fetchall()]
    return np.isin(values, np.array(found, dtype=np.int64)) & present


def _identity_numbers(rng: np.random.Generator, foreign: np.ndarray) -> np.ndarray:
    """Fresh checksum-valid numbers: 99… for foreigners, 10…–98… for citizens (see registry.identity)."""
    n = foreign.size
    first9 = np.where(foreign, rng.integers(990_000_000, 999_999_999, n), rng.integers(100_000_000, 989_999_999, n))
    d = (first9[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    d10 = ((d[:, 0] + d[:, 2] + d[:, 4] + d[:, 6] + d[:, 8]) * 7 - (d[:, 1] + d[:, 3] + d[:, 5] + d[:, 7])) % 10
    d11 = (d.sum(axis=1) + d10) % 10
    return first9 * 100 + d10 * 10 + d11


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
