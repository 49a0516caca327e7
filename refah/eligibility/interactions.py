"""Rules between programs that run after them: the household cap on regular monthly cash.

Person-level mutual exclusions live in the program that yields (orphan_aid excludes SED children,
old_age_pension excludes disability pensioners), so each keeps its own reason code.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from refah.eligibility.blocks import div_half_up, value_test
from refah.eligibility.context import Context
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.result import ProgramResult


def apply(ctx: Context, done: dict[str, Any]) -> None:
    """Reduce capped programs (in the listed order) so their monthly sum stays within the cap."""
    try:
        order = ctx.P("interactions.capped_programs")
        ratio = ctx.P("interactions.household_cap_ratio")
    except ParameterNotInForce:
        return
    capped = [done[code] for code in order if isinstance(done.get(code), ProgramResult) and not done[code].not_in_force]
    if not capped:
        return
    cap = div_half_up(ratio.numerator * ctx.nmw, ratio.denominator)
    total = sum(program.amounts["monthly"] for program in capped)
    condition = value_test(
        "interactions.household_cap",
        {"tr": "düzenli nakdi yardımların aylık toplamı", "en": "monthly total of regular cash programmes"},
        total,
        "<=",
        cap,
        kind="money",
        note={"tr": f"{ratio} × net asgari ücret (hane tavanı)", "en": f"{ratio} × net minimum wage (household cap)"},
    )
    excess = np.maximum(total - cap, 0)
    for program in capped:
        cut = np.minimum(excess, program.amounts["monthly"])
        program.amounts["monthly"] = program.amounts["monthly"] - cut
        excess = excess - cut
        program.conditions.append(condition)
