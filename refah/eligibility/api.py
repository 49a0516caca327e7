"""Eligibility JSON API: the anonymous screener. Nothing is stored."""

from ninja import Router

from refah.common.i18n import active_language
from refah.eligibility.schemas import ScreenerIn, ScreenerOut
from refah.eligibility.screener import screen

router = Router(tags=["eligibility"], auth=None)


@router.post("/screener", response=ScreenerOut, auth=None)
def screener(request, payload: ScreenerIn):
    """What could this household receive? Partial input is enough: each program answers likely, unlikely or
    unknown (with the inputs that would decide it). Reasons in the request's language (Accept-Language: tr | en).
    Nothing is stored."""
    lang = active_language()
    return screen(household=payload.household(), period=payload.period, lang=lang)
