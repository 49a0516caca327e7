"""What the households declared, for many persons at once, and the registered facts that disagree with it — as
columns (Polars): one expression per kind of fact over all the persons asked about, not a Python loop per fact.

Used alike by the household refresh (a batch of one household) and the bulk refresh. "Declared" is every registry
row an institution did not give (declared at the counter, seen at the visit, imported, synthetic); amounts are
monthly kuruş."""

import polars as pl

from refah.common.text import fold_column
from refah.registry.enums import REGISTERED_SOURCES, AssetKind, IncomeKind, IncomePeriod
from refah.registry.selectors import Holdings

# Registered earnings more than 10 % and 100 TL above the declaration disagree with it (in whole kuruş:
# 100 × registered > 110 × declared + 100 × 10,000).
TOLERANCE_PERCENT = 10
TOLERANCE_KURUS = 10_000

# The persons asked about: TC, person id, household id (ids as text).
MEMBERS = {"tc": pl.String, "person_id": pl.String, "household_id": pl.String}
# The facts of the answers (client.answers.FACT_SCHEMA) with their source and the answer's date, and their persons.
FACTS = {
    "tc": pl.String,
    "fact": pl.String,
    "value": pl.Int64,
    "text": pl.String,
    "source": pl.String,
    "as_of": pl.Date,
    "person_id": pl.String,
    "household_id": pl.String,
}
# A registered fact that disagrees with the declaration.
FOUND = {
    "person_id": pl.String,
    "household_id": pl.String,
    "source": pl.String,
    "fact": pl.String,
    "declared": pl.String,
    "registered": pl.String,
}
INCOME_FACTS = {  # fact → the kind of declared income it is compared with (GİB's is a yearly amount)
    "sgk.earnings": IncomeKind.WAGE,
    "sgk.pension": IncomeKind.PENSION,
    "iskur.benefit": IncomeKind.OTHER_AID,
    "gib.business": IncomeKind.SELF_EMPLOYMENT,
}
ASSET_FACTS = {"egm.vehicle": AssetKind.VEHICLE, "tapu.land": AssetKind.LAND, "tapu.real_estate": AssetKind.REAL_ESTATE}
SCHOOLING = ("none", "out_of_school")  # declared school levels that are not an enrolment
_declared = ~pl.col("source").is_in([str(source) for source in REGISTERED_SOURCES])  # a row no institution gave


def declaration(holdings: Holdings, members: pl.DataFrame) -> pl.DataFrame:
    """By person asked about (`members`): tc, person_id, household_id, name (folded), birth_date (ISO),
    social_security, school_level, checkups, father_name, mother_name; `income_<kind>`, the declared monthly kuruş
    of each kind compared; `assets_<kind>`, the declared assets of each kind compared."""
    persons = members.join(holdings.persons.drop("national_id"), on="person_id", how="inner")
    names = fold_column(persons["first_name"] + " " + persons["last_name"]).alias("name")
    declared = persons.select(
        "tc",
        "person_id",
        "household_id",
        names,
        pl.col("birth_date").dt.to_string("%Y-%m-%d"),
        "social_security",
        "school_level",
        pl.col("child_checkups_done").alias("checkups"),
        "father_name",
        "mother_name",
    )
    monthly = (
        pl.when(pl.col("period") == IncomePeriod.MONTHLY)
        .then(pl.col("amount_kurus"))
        .otherwise(pl.col("amount_kurus") // 12)
    )
    incomes = (
        holdings.incomes.filter(_declared)
        .group_by("person_id")
        .agg(monthly.filter(pl.col("kind") == kind).sum().alias(f"income_{kind}") for kind in INCOME_FACTS.values())
    )
    assets = (
        _assets_held(holdings, declared)
        .group_by("holder")
        .agg((pl.col("kind") == kind).sum().alias(f"assets_{kind}") for kind in ASSET_FACTS.values())
        .rename({"holder": "person_id"})
    )
    counted = [f"income_{kind}" for kind in INCOME_FACTS.values()] + [f"assets_{kind}" for kind in ASSET_FACTS.values()]
    return (
        declared.join(incomes, on="person_id", how="left")
        .join(assets, on="person_id", how="left")
        .with_columns(pl.col(counted).fill_null(0).cast(pl.Int64))
    )


def _assets_held(holdings: Holdings, declared: pl.DataFrame) -> pl.DataFrame:
    """The declared assets of the compared kinds with their holder: the owner, or for an asset without one the
    household's reference person — or, without one among those asked about, its member with the greatest id — as
    the institutions hold it."""
    fallback = declared.group_by("household_id").agg(pl.col("person_id").max().alias("last"))
    references = holdings.references.join(declared.select("person_id"), on="person_id", how="semi")
    holders = fallback.join(references.rename({"person_id": "reference"}), on="household_id", how="left").select(
        "household_id", pl.coalesce("reference", "last").alias("household_holder")
    )
    owners = declared["person_id"]
    return (
        holdings.assets.filter(_declared & pl.col("kind").is_in(list(ASSET_FACTS.values())))
        .join(holders, on="household_id", how="left")
        .select(
            pl.when(pl.col("owner_id").is_in(owners.implode()))
            .then(pl.col("owner_id"))
            .otherwise(pl.col("household_holder"))
            .alias("holder"),
            "kind",
        )
        .drop_nulls("holder")
    )


def _money(kurus: pl.Expr) -> pl.Expr:
    """Kuruş as lira with two decimals ("1234.50")."""
    return pl.concat_str((kurus // 100).cast(pl.String), pl.lit("."), (kurus % 100).cast(pl.String).str.zfill(2))


def _more(registered: pl.Expr, declared: pl.Expr) -> pl.Expr:
    return registered * 100 > declared * (100 + TOLERANCE_PERCENT) + TOLERANCE_KURUS * 100


def disagreements(facts: pl.DataFrame, declared: pl.DataFrame) -> pl.DataFrame:
    """The registered facts (FACTS) that disagree with the declaration of their person (`declaration()`): FOUND.
    One lazy query (a branch per kind of fact), run once."""
    f = facts.lazy().select("tc", "fact", "value", "text", "source").join(declared.lazy(), on="tc", how="inner")
    fact, text = pl.col("fact"), pl.col("text")
    found = [
        _pair(f.filter((fact == "sgk.status") & (text != pl.col("social_security"))), "social_security", text),
        _incomes(f.filter(fact.is_in(list(INCOME_FACTS)))),
        _assets(f.filter(fact.is_in(list(ASSET_FACTS)))),
        _pair(
            f.filter((fact == "meb.enrolment") & ((text != "none") != ~pl.col("school_level").is_in(SCHOOLING))),
            "school_level",
            text,
        ),
        _pair(
            f.filter(
                (fact == "health.checkups") & pl.col("checkups").is_not_null() & (pl.col("checkups") != (text == "yes"))
            ),
            pl.when(pl.col("checkups")).then(pl.lit("yes")).otherwise(pl.lit("no")),
            text,
        ),
        _names(f.filter(fact == "nvi.name")),
        _pair(f.filter((fact == "nvi.birth_date") & (text != pl.col("birth_date"))), "birth_date", text),
    ]
    return pl.concat(found).collect()


def _pair(f: pl.LazyFrame, declared, registered) -> pl.LazyFrame:
    declared = pl.col(declared) if isinstance(declared, str) else declared
    return f.select(
        "person_id", "household_id", "source", "fact", declared.alias("declared"), registered.alias("registered")
    )


def _incomes(f: pl.LazyFrame) -> pl.LazyFrame:
    value = pl.col("value").fill_null(0)
    declared = pl.coalesce(
        pl.when(pl.col("fact") == fact).then(pl.col(f"income_{kind}")) for fact, kind in INCOME_FACTS.items()
    )
    monthly = pl.when(pl.col("fact") == "gib.business").then(value // 12).otherwise(value)
    return (
        f.with_columns(monthly.alias("monthly"), declared.alias("declared_kurus"))
        .filter(_more(pl.col("monthly"), pl.col("declared_kurus")))
        .pipe(_pair, _money(pl.col("declared_kurus")), _money(pl.col("monthly")))
    )


def _assets(f: pl.LazyFrame) -> pl.LazyFrame:
    """More vehicles or parcels of a kind on record than declared."""
    declared = pl.coalesce(
        pl.when(pl.col("fact") == fact).then(pl.col(f"assets_{kind}")) for fact, kind in ASSET_FACTS.items()
    )
    return (
        f.group_by("person_id", "household_id", "source", "fact", maintain_order=True)
        .agg(pl.len().alias("count"), declared.first().alias("declared_count"))
        .filter(pl.col("count") > pl.col("declared_count"))
        .pipe(_pair, pl.col("declared_count").cast(pl.String), pl.col("count").cast(pl.String))
    )


def _names(f: pl.LazyFrame) -> pl.LazyFrame:
    folded = pl.col("text").map_batches(fold_column, return_dtype=pl.String).alias("folded")
    return f.with_columns(folded).filter(pl.col("folded") != pl.col("name")).pipe(_pair, "name", pl.col("folded"))
