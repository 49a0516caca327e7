"""Each institution's records about the persons asked, built from the truth (truth.py) a column at a time (Polars):
a bulk answer of 5,000 persons is a few dozen column operations, not 5,000 dictionaries. The shapes are the
interfaces of docs/exchange/<source>.yaml; the adapters (refah/exchange/sources/) read exactly these fields.

What the truth layer adds is decided per person by `uniform(seed, tc, what)` (a keyed hash), drawn only for the
persons it concerns."""

import datetime as dt
import functools

import polars as pl

from refah.exchange.simulators.truth import NET_MINIMUM_WAGE_KURUS, uniform

WORKING = ("employed_formal", "civil_servant")
HIDDEN_WORK = ("employed_informal", "unemployed", "homemaker", "self_employed")
MAKES = ("Fiat Egea", "Renault Clio", "Toyota Corolla", "Hyundai i20", "Ford Transit", "Tofaş Şahin")
# NVİ knows the parents' names the registry may lack (the synthetic province has none): one of these, by the TC
FATHERS = ("Mehmet", "Ahmet", "Mustafa", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf")
MOTHERS = ("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan")
ACTIVITIES = ("Bakkal", "Berber", "Kahvehane", "Nakliye", "Terzi", "Seyyar satıcı")
SCHOOLS = ("preschool", "primary", "lower_secondary", "upper_secondary")


def when(condition: pl.Series, then, otherwise) -> pl.Series:
    """`then` where `condition` holds (null counts as not), else `otherwise` (Series, expressions or values)."""
    then, otherwise = (v if isinstance(v, pl.Series | pl.Expr) else pl.lit(v) for v in (then, otherwise))
    return pl.select(pl.when(condition.fill_null(False)).then(then).otherwise(otherwise)).to_series()


class Truth:
    """The truth of the persons of one answer (truth.TRUTH rows, in the order asked) and their draws."""

    def __init__(self, frame: pl.DataFrame, seed: int, today: dt.date):
        self.frame, self.seed, self.today = frame, seed, today
        self.tcs = frame["tc"].to_list()
        born = frame["birth_date"]
        before_birthday = (today.month < born.dt.month()) | (
            (born.dt.month() == today.month) & (today.day < born.dt.day())
        )
        self.age = today.year - born.dt.year().cast(pl.Int64) - before_birthday.cast(pl.Int64)

    def __getitem__(self, name: str) -> pl.Series:
        return self.frame[name]

    def draw(self, what: str, where: pl.Series | None = None) -> pl.Series:
        """uniform(seed, tc, what) of each person; null where `where` does not hold (not drawn)."""
        seed, tcs = self.seed, self.tcs
        if where is None:
            values = [uniform(seed, tc, what) for tc in tcs]
        else:
            drawn = where.fill_null(False).to_list()
            values = [uniform(seed, tc, what) if w else None for tc, w in zip(tcs, drawn, strict=True)]
        return pl.Series(what, values, dtype=pl.Float64)

    def records(self, **columns) -> pl.DataFrame:
        """The records: the TC, then `columns` (Series) in the order given."""
        return pl.DataFrame({"tc": self["tc"], **columns})


def _scaled(draw: pl.Series, low: float, high: float) -> pl.Series:
    """An amount in kuruş between low× and high× the net minimum wage, fixed by the draw."""
    return (NET_MINIMUM_WAGE_KURUS * (low + (high - low) * draw)).cast(pl.Int64)


def _pick(draw: pl.Series, names: tuple) -> pl.Series:
    """One of `names`, by the draw."""
    return (draw * len(names)).cast(pl.Int64).replace_strict(dict(enumerate(names)), return_dtype=pl.String)


def _day(dates: pl.Series) -> pl.Series:
    return dates.dt.to_string("%Y-%m-%d")


def nvi(t: Truth) -> pl.DataFrame:
    no_father, no_mother = t["father_name"] == "", t["mother_name"] == ""
    return t.records(
        first_name=t["first_name"],
        last_name=t["last_name"],
        father_name=when(no_father, _pick(t.draw("nvi.father", no_father), FATHERS), t["father_name"]),
        mother_name=when(no_mother, _pick(t.draw("nvi.mother", no_mother), MOTHERS), t["mother_name"]),
        birth_date=_day(t["birth_date"]),
        sex=t["sex"],
        marital_status=t["marital_status"],
        deceased_on=_day(t["deceased_on"]),
        family_register=when(t["household_code"] != "", "AS-" + t["household_code"], ""),
        address=pl.DataFrame({"district": t["district"], "neighbourhood": t["neighbourhood"]}).to_struct(),
    )


def sgk(t: Truth) -> pl.DataFrame:
    employment, age = t["employment"], t.age
    working = employment.is_in(WORKING)
    may_hide = ~working & (age >= 18) & (age < 65) & employment.is_in(HIDDEN_WORK)
    # hidden formal work: likelier where the household has informal income the registry cannot see
    odds = when(t["informal"] != 0, 0.3, 0.05)
    hidden = (may_hide & (t.draw("sgk.hidden", may_hide) < odds)).fill_null(False)
    wage = t.draw("sgk.wage", (working & (t["wage"] == 0)) | hidden)
    pensioner = (t["social_security"] == "pensioner") | (employment == "retired")
    late = (t.draw("sgk.hidden_pension", ~pensioner & (age >= 60) & ~working & ~hidden) < 0.05).fill_null(False)
    pension = t.draw("sgk.pension", (pensioner & (t["pension"] == 0)) | late)
    active = working | hidden
    earnings = when(hidden, _scaled(wage, 1.0, 1.3), 0)
    pensions = when(late, _scaled(pension, 0.6, 0.9), 0)
    return t.records(
        status=when(pensioner | late, "pensioner", when(active, "active", "none")),
        employer=when(working & (employment == "civil_servant"), "Kamu", when(active, "Özel sektör işvereni", "")),
        monthly_earnings_kurus=when(working, when(t["wage"] != 0, t["wage"], _scaled(wage, 1.0, 1.6)), earnings),
        pension_kurus=when(pensioner, when(t["pension"] != 0, t["pension"], _scaled(pension, 0.6, 0.9)), pensions),
    )


def iskur(t: Truth) -> pl.DataFrame:
    adult = (t.age >= 18) & (t.age < 65)
    drawn = t.draw("iskur.reg", adult)
    registered = (adult & (((t["employment"] == "unemployed") & (drawn < 0.8)) | (drawn < 0.03))).fill_null(False)
    paid = (registered & (t.draw("iskur.benefit", registered) < 0.15)).fill_null(False)
    since = [
        None if u is None else (t.today - dt.timedelta(days=30 + int(u * 700))).isoformat()
        for u in t.draw("iskur.since", registered)
    ]
    return t.records(
        registered=registered,
        registered_on=pl.Series(since, dtype=pl.String),
        benefit_kurus=when(paid, _scaled(t.draw("iskur.amount", paid), 0.4, 0.8), 0),
    )


def _items(t: Truth, parts: list[pl.DataFrame], schema: dict) -> pl.Series:
    """Each person's list of items (structs of `schema`) from frames of (row, item fields…), in the order given."""
    items = pl.concat([part.select("row", *schema) for part in parts]).cast({"row": pl.Int64, **schema})
    lists = items.group_by("row", maintain_order=True).agg(pl.struct(*schema).alias("items"))
    rows = pl.DataFrame({"row": pl.int_range(len(t.tcs), eager=True, dtype=pl.Int64)})
    return rows.join(lists, on="row", how="left", maintain_order="left")["items"].fill_null([])


def _held(t: Truth, kinds: tuple) -> pl.DataFrame:
    """The persons' declared assets of `kinds`, one row each: row (the person's), n (its number among them), kind,
    value_kurus, description."""
    held = (
        t.frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), "tc", "assets")
        .explode("assets")
        .unnest("assets")
        .filter(pl.col("kind").is_in(kinds))
    )
    return held.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over("row").alias("n"))


def tapu(t: Truth) -> pl.DataFrame:
    held = _held(t, ("land", "real_estate"))
    district = dict(zip(range(len(t.tcs)), t["district"], strict=True))
    parcels = held.select(
        "row",
        parcel_id=pl.col("tc").str.slice(-4) + "/" + (pl.col("n") + 1).cast(pl.String),
        kind=pl.col("kind"),
        district=pl.col("row").replace_strict(district, return_dtype=pl.String),
        share_percent=pl.lit(100),
        value_kurus=pl.col("value_kurus"),
    )
    hidden = ((t.age >= 18) & (t.draw("tapu.hidden", t.age >= 18) < 0.03)).fill_null(False)
    value = (200_000_000 * (0.2 + t.draw("tapu.value", hidden))).cast(pl.Int64)
    extra = pl.DataFrame(
        {
            "row": pl.int_range(len(t.tcs), eager=True, dtype=pl.Int64),
            "parcel_id": t["tc"].str.slice(-4) + "/9",
            "kind": "land",
            "district": t["district"],
            "share_percent": 50,
            "value_kurus": value,
        }
    ).filter(hidden)
    schema = {
        "parcel_id": pl.String,
        "kind": pl.String,
        "district": pl.String,
        "share_percent": pl.Int64,
        "value_kurus": pl.Int64,
    }
    return t.records(parcels=_items(t, [parcels, extra], schema))


_LETTERS = {i: chr(65 + i) for i in range(1000)}


def egm(t: Truth) -> pl.DataFrame:
    held = _held(t, ("vehicle",))
    make = pl.col("description").fill_null("").str.head(40)
    vehicles = held.select(
        "row",
        plate="76 " + pl.col("n").replace_strict(_LETTERS, return_dtype=pl.String) + pl.col("tc").str.slice(-4),
        make=pl.when(make != "").then(make).otherwise(pl.lit(MAKES[0])),
        model_year=pl.lit(2012),
        value_kurus=pl.col("value_kurus"),
    )
    hidden = ((t.age >= 18) & (t.draw("egm.hidden", t.age >= 18) < 0.04)).fill_null(False)
    extra = pl.DataFrame(
        {
            "row": pl.int_range(len(t.tcs), eager=True, dtype=pl.Int64),
            "plate": "76 Z" + t["tc"].str.slice(-4),
            "make": _pick(t.draw("egm.make", hidden), MAKES),
            "model_year": 2015,
            "value_kurus": (30_000_000 + 60_000_000 * t.draw("egm.value", hidden)).cast(pl.Int64),
        }
    ).filter(hidden)
    schema = {"plate": pl.String, "make": pl.String, "model_year": pl.Int64, "value_kurus": pl.Int64}
    return t.records(vehicles=_items(t, [vehicles, extra], schema))


@functools.lru_cache(maxsize=8)
def _months(today: dt.date, count: int) -> list[str]:
    first, months = today.replace(day=1), []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(f"{first:%Y-%m}")
    return months


def meb(t: Truth) -> pl.DataFrame:
    declared = t["school_level"]
    may_enrol = declared == "out_of_school"
    enrolled = (may_enrol & (t.draw("meb.enrolled", may_enrol) < 0.1)).fill_null(False)
    level = when(
        declared.is_in(SCHOOLS), declared, when(enrolled, when(t.age < 10, "primary", "lower_secondary"), "none")
    )
    counted = ~level.is_in(("none", "preschool"))
    months = [(month, t.draw(f"meb.{month}", counted)) for month in _months(t.today, 3)]
    days = [pl.Series([None if u is None else int(u**3 * 12) for u in drawn], dtype=pl.Int64) for _m, drawn in months]
    items = pl.concat_list(
        pl.struct(month=pl.lit(month), days=pl.lit(count)) for (month, _d), count in zip(months, days, strict=True)
    )
    absences = pl.select(pl.when(pl.lit(counted)).then(items).otherwise(pl.lit([]))).to_series()
    return t.records(level=level, absences=absences)


def health(t: Truth) -> pl.DataFrame:
    child, pregnant = t.age < 6, t["pregnant"]
    checkups = t["checkups"]
    guessed = t.draw("health.checkups", child & checkups.is_null()) < 0.8
    return t.records(
        checkups_up_to_date=when(child, when(checkups.is_not_null(), checkups, guessed), None).cast(pl.Boolean),
        checkups_done=when(child, (t.draw("health.count", child) * 10).cast(pl.Int64), 0),
        pregnant=pregnant,
        pregnancy_visits=when(pregnant, 1 + (t.draw("health.visits", pregnant) * 6).cast(pl.Int64), 0),
    )


def gib(t: Truth) -> pl.DataFrame:
    self_employed = t["employment"] == "self_employed"
    may_hide = ~self_employed & (t.age >= 18)
    taxpayer = self_employed | (may_hide & (t.draw("gib.hidden", may_hide) < 0.02)).fill_null(False)
    declared = t["self_employment"] * 12
    income = when(declared != 0, declared, _scaled(t.draw("gib.income", taxpayer & (declared == 0)), 3.0, 12.0))
    return t.records(
        taxpayer=taxpayer,
        activity=when(taxpayer, _pick(t.draw("gib.activity", taxpayer), ACTIVITIES), None).cast(pl.String),
        registered_on=when(taxpayer, "2019-03-01", None).cast(pl.String),
        yearly_income_kurus=when(taxpayer, income, 0),
    )


ANSWERS = {"nvi": nvi, "sgk": sgk, "iskur": iskur, "tapu": tapu, "egm": egm, "meb": meb, "health": health, "gib": gib}


def records(source: str, truth: pl.DataFrame, seed: int, today: dt.date) -> pl.DataFrame:
    """The records `source` gives about the persons of `truth` (truth.TRUTH rows, in the order asked)."""
    return ANSWERS[source](Truth(truth, seed, today))
