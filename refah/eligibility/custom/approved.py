"""Approved custom programs (CustomProgram rows) as engine programs, each limited to its office's jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from refah.eligibility.custom.spec import program_from_spec
from refah.eligibility.models import CustomProgram, CustomProgramStatus


def compile_program(record: CustomProgram) -> Any:
    """The engine program of a custom program, its code made unique per office (spec.py validates it)."""
    return program_from_spec({"label": record.name, **record.spec, "code": record.engine_code})


@dataclass
class CustomSet:
    """Compiled approved custom programs with the district / province each applies to."""

    programs: list[Any] = field(default_factory=list)
    scopes: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # code → (district, province)
    specs: dict[str, Any] = field(default_factory=dict)

    def for_district(self, *, district_id: int, province_id: int) -> list[Any]:
        """The custom programs whose office covers this district."""
        return [p for p in self.programs if _covers(self.scopes[p.CODE], district_id, province_id)]

    def keep_in_jurisdiction(self, rows: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
        """Drop custom-program rows of households outside the program's office jurisdiction."""
        if not self.programs:
            return rows
        place = households.select("household_key", "district_id", "province_id")
        rows = rows.join(place, on="household_key", how="left")
        keep = ~pl.col("program").is_in(list(self.scopes))
        for code, (district_id, province_id) in self.scopes.items():
            inside = pl.lit(True)
            if district_id is not None:
                inside = pl.col("district_id") == district_id
            elif province_id is not None:
                inside = pl.col("province_id") == province_id
            keep = keep | ((pl.col("program") == code) & inside)
        return rows.filter(keep).drop("district_id", "province_id")


def _covers(scope: tuple[int | None, int | None], district_id: int, province_id: int) -> bool:
    district, province = scope
    if district is not None:
        return district == district_id
    return province is None or province == province_id


def custom_set_approved() -> CustomSet:
    """Every approved custom program, compiled."""
    out = CustomSet()
    for record in CustomProgram.objects.filter(status=CustomProgramStatus.APPROVED).select_related("office"):
        program = compile_program(record)
        out.programs.append(program)
        out.scopes[program.CODE] = (record.office.district_id, record.office.province_id)
        out.specs[program.CODE] = record.spec
    return out
