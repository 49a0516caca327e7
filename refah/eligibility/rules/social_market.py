"""Sosyal market: monthly points per member for needy households, spent at the social market."""

import sys

from refah.eligibility.blocks import need_score_test, result
from refah.eligibility.context import Context

CODE = "social_market"
LABEL = {"tr": "Sosyal Market", "en": "Social Market"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Sosyal market (belediye / SYDV)",
    "en": "Social market (municipality / SYDV)",
}
NOTE = "points per member assumed"
REFERENCE = SOURCE["tr"]
UNIT = "points"
IN_KIND = True
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Needy household: points per member each month."""
    needy = need_score_test(ctx, CODE, LABEL)
    points = ctx.hh_size * ctx.P(f"{CODE}.points_per_member")
    return result(sys.modules[__name__], ctx, needy.passed, {"monthly": points}, [needy])
