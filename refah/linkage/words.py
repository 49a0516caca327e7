"""The evidence of a pair in words: each comparison's level as a sentence for the reviewer (never a code)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

COMPARISON_LABELS = {
    "national_id": _("Identity number"),
    "name": _("Name"),
    "birth_date": _("Birth date"),
    "father_name": _("Father's name"),
    "mother_name": _("Mother's name"),
    "address": _("Address"),
    "phone": _("Phone"),
}
LEVEL_WORDS = {
    ("national_id", "exact"): _("the same identity number"),
    ("national_id", "different"): _("different identity numbers"),
    ("name", "exact"): _("first and last name the same"),
    ("name", "swapped"): _("first and last name swapped"),
    ("name", "first_exact_last_fuzzy"): _("same first name, last name spelt slightly differently"),
    ("name", "first_fuzzy_last_exact"): _("same last name, first name spelt slightly differently"),
    ("name", "both_fuzzy"): _("both names spelt slightly differently"),
    ("name", "swapped_fuzzy"): _("names swapped and spelt slightly differently"),
    ("name", "first_exact_last_different"): _("same first name, another last name"),
    ("name", "different"): _("different first names"),
    ("birth_date", "exact"): _("the same birth date"),
    ("birth_date", "day_month_swapped"): _("day and month swapped"),
    ("birth_date", "one_part_differs"): _("day, month or year differs"),
    ("birth_date", "same_year"): _("only the year is the same"),
    ("birth_date", "different"): _("different birth dates"),
    ("father_name", "exact"): _("the same"),
    ("father_name", "fuzzy"): _("spelt slightly differently"),
    ("father_name", "different"): _("different"),
    ("mother_name", "exact"): _("the same"),
    ("mother_name", "fuzzy"): _("spelt slightly differently"),
    ("mother_name", "different"): _("different"),
    ("address", "same_district"): _("the same district"),
    ("address", "different"): _("another district"),
    ("phone", "exact"): _("the same phone number"),
    ("phone", "different"): _("different phone numbers"),
}
MISSING = _("not given on one side")


def evidence_lines(evidence: dict) -> list[tuple[str, str]]:
    """(what was compared, how it compared) for each comparison, in the model's order."""
    lines = []
    for name, label in COMPARISON_LABELS.items():
        level = evidence.get(name)
        if level is None:
            continue
        words = MISSING if level == "missing" else LEVEL_WORDS.get((name, level), MISSING)
        lines.append((str(label), str(words)))
    return lines


def percent(probability: float | None) -> str:
    """A probability as a whole percentage in the reader's language ("93%", Turkish "%93")."""
    if probability is None:
        return "—"
    return gettext("%(percent)d%%") % {"percent": round(probability * 100)}
