"""Eligibility screens: the public screener, programs and parameters (maker–checker), custom programs,
a household's determinations and the what-if simulation. Thin: forms in, one service or selector call.
"""

from refah.eligibility.views.custom_programs import custom_decide, custom_programs
from refah.eligibility.views.determinations import household_determinations
from refah.eligibility.views.programs import parameter_decide, parameter_propose, program_detail, program_list
from refah.eligibility.views.screener import screener_districts, screener_member_row, screener_page
from refah.eligibility.views.simulation import simulate_page

__all__ = [
    "custom_decide",
    "custom_programs",
    "household_determinations",
    "parameter_decide",
    "parameter_propose",
    "program_detail",
    "program_list",
    "screener_districts",
    "screener_member_row",
    "screener_page",
    "simulate_page",
]
