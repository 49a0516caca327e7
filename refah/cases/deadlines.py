"""Service deadlines as dated values: a change is a new dated entry, never an edit of the past.

Source: ISAIS service standard — a first application is decided within 30 days, a re-investigation
within 14 (World Bank / ministry report "Turkey's Integrated Social Assistance System", 2017). The
objection period and the visit deadline are local practice (*unverified*), kept here to be changed.
"""

import datetime as dt

DEADLINE_DAYS: dict[str, dict[dt.date, int]] = {
    "first_application": {dt.date(2012, 1, 1): 30},
    "re_investigation": {dt.date(2012, 1, 1): 14},
    "objection": {dt.date(2012, 1, 1): 30},
    "visit": {dt.date(2012, 1, 1): 10},
}


def days(name: str, on: dt.date) -> int:
    """The number of days for a step, as in force on `on`."""
    values = DEADLINE_DAYS[name]
    starts = [start for start in values if start <= on]
    if not starts:
        raise LookupError(f"No deadline {name!r} in force on {on}.")
    return values[max(starts)]


def due(name: str, start: dt.date) -> dt.date:
    """The last day of a step that starts on `start`."""
    return start + dt.timedelta(days=days(name, start))
