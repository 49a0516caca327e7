"""Reads of the synthetic province's ground truth (never shown to staff): what the institutions' simulators
(refah.exchange.simulators) may know beyond the registry."""

import polars as pl

from refah.common import sql
from refah.synth.models import TrueWelfare

INFORMAL = {"household_id": pl.String, "informal": pl.Int64}


def informal_incomes(*, household_ids: list[str]) -> pl.DataFrame:
    """Each of these households' informal income (kuruş a month) where it has a TrueWelfare row (INFORMAL). On
    PostgreSQL one statement with the ids bound once as an array; elsewhere the ORM."""
    if sql.db().vendor == "postgresql":
        statement = sql.Statement(
            "SELECT household_id::text, informal_income_kurus FROM synth_truewelfare"
            " WHERE household_id = ANY(%(ids)b::uuid[])",
            {"ids": household_ids},
        )
        (rows,) = sql.bulk_fetch(statement)
    else:
        rows = [
            (str(household_id), kurus)
            for household_id, kurus in TrueWelfare.objects.filter(household_id__in=household_ids).values_list(
                "household_id", "informal_income_kurus"
            )
        ]
    return pl.DataFrame(rows, schema=INFORMAL, orient="row")
