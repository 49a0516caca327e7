"""What the institutions "know" about the synthetic province: the registry as `refah synth` loaded it, plus a truth
layer the household did not declare (hidden formal earnings, an undeclared car or plot, a pension, a small business,
absence days, check-ups). The layer is derived deterministically from the seed and each person's TC Kimlik No (a
keyed hash), so every run, process and test sees the same truth; TrueWelfare's informal income makes hidden formal
earnings likelier in the households that have it."""

import hashlib

import polars as pl

from refah.registry import enums
from refah.registry import selectors as registry_selectors
from refah.synth import selectors as synth_selectors

NET_MINIMUM_WAGE_KURUS = 2_210_467  # 2025-01 (docs: DOMAIN.md); the scale of the simulated earnings only


# One row per person the registry knows, as the simulators answer from it (ids as text).
TRUTH = {
    "tc": pl.String,
    "person_id": pl.String,
    "first_name": pl.String,
    "last_name": pl.String,
    "father_name": pl.String,
    "mother_name": pl.String,
    "birth_date": pl.Date,
    "sex": pl.String,
    "marital_status": pl.String,
    "employment": pl.String,
    "social_security": pl.String,
    "school_level": pl.String,
    "pregnant": pl.Boolean,
    "checkups": pl.Boolean,
    "deceased_on": pl.Date,
    "household_id": pl.String,
    "household_code": pl.String,
    "district": pl.String,
    "neighbourhood": pl.String,
    "wage": pl.Int64,  # declared monthly kuruş by kind
    "pension": pl.Int64,
    "self_employment": pl.Int64,
    "role": pl.String,
}
ASSET = pl.Struct({"kind": pl.String, "value_kurus": pl.Int64, "description": pl.String})


def uniform(seed: int, tc: str, what: str) -> float:
    """A number in [0, 1) fixed by the seed, the person and what it decides."""
    digest = hashlib.blake2b(f"{seed}:{what}:{tc}".encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def persons_truth(tcs: list[str]) -> pl.DataFrame:
    """The persons the registry knows among `tcs` (TRUTH), with their household's informal income (`informal`, the
    synthetic province's TrueWelfare) and declared assets (`assets`, a list of ASSET: the owner's, or the reference
    person's when the asset names no owner), in the order the registry gives them."""
    rows, assets = registry_selectors.persons_truth(tcs=list(tcs)) if tcs else ([], [])
    found = pl.DataFrame(rows, schema=TRUTH, orient="row").with_columns(
        pl.col("father_name", "mother_name", "household_code", "district", "neighbourhood", "role").fill_null(""),
        pl.col("pregnant").fill_null(False),
    )
    informal = synth_selectors.informal_incomes(household_ids=found["household_id"].drop_nulls().unique().to_list())
    return (
        found.join(informal, on="household_id", how="left", maintain_order="left")
        .with_columns(pl.col("informal").fill_null(0))
        .join(_assets_held(found, assets), on="person_id", how="left", maintain_order="left")
        .with_columns(pl.col("assets").fill_null([]))
    )


def _assets_held(found: pl.DataFrame, assets: list) -> pl.DataFrame:
    """Each person's declared assets, in the order the registry gives them: those they own, and those of their
    household that name no owner if they are its reference person."""
    rows = pl.DataFrame(
        assets,
        schema={"household_id": pl.String, "owner_id": pl.String, **ASSET.to_schema()},
        orient="row",
    )
    references = found.filter(pl.col("role") == enums.Role.REFERENCE).select("household_id", "person_id")
    return (
        rows.join(references, on="household_id", how="left", maintain_order="left")
        .with_columns(
            holder=pl.when(pl.col("owner_id").is_not_null()).then(pl.col("owner_id")).otherwise(pl.col("person_id"))
        )
        .filter(pl.col("holder").is_in(found["person_id"].implode()))
        .group_by("holder", maintain_order=True)
        .agg(pl.struct(pl.col("kind"), pl.col("value_kurus"), pl.col("description").fill_null("")).alias("assets"))
        .rename({"holder": "person_id"})
    )
