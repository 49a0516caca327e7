"""The linkage model: how two records are compared, level by level, with fixed m and u probabilities.

Nothing is trained at run time: a file of forty rows must be linked as well as three million, and the same
pair must get the same score every time (a clerk's review and an audit must be reproducible). The m
probabilities (how often a true match shows the level) are set from the noise seen in institutions' lists;
the u probabilities of exact levels (how often two different people agree) are measured on the data itself
(the sum of squared value shares), and unique identifiers get u = 1/N. Two m probabilities are fixed very
low on purpose — "both TC Kimlik Nos valid and different" and "the given names share nothing" — so that
twins and siblings, who agree on surname, parents, birth date or address, are never merged.

Levels carry a key (`exact`, `fuzzy`, `swapped`…) that the evidence reports and the screens put into words.
"""

from dataclasses import dataclass, field

# Names compared as folded ASCII capitals: a typo or a dropped letter stays within these bounds. Jaro-Winkler
# forgives a transposition and carries long names; Levenshtein (not Damerau's: ten times cheaper in DuckDB)
# catches a typo in a short name ("ALI", "ALU"), where Jaro-Winkler falls below the line. Cheap
# equalities come first in a level so the distances are computed only for the rows that pass them.
FUZZY = "(jaro_winkler_similarity({c}_l, {c}_r) >= 0.88 OR (length({c}_l) <= 5 AND levenshtein({c}_l, {c}_r) <= 1))"


def _fuzzy(column: str) -> str:
    return FUZZY.format(c=column)


def _cross_fuzzy(left: str, right: str) -> str:
    return (
        f"(jaro_winkler_similarity({left}_l, {right}_r) >= 0.88"
        f" OR (length({left}_l) <= 5 AND levenshtein({left}_l, {right}_r) <= 1))"
    )


@dataclass(frozen=True)
class Level:
    key: str
    sql: str
    m: float
    u: float  # for a large input, exact levels' u is measured on the data instead (MEASURED)


@dataclass(frozen=True)
class Comparison:
    name: str
    null_sql: str
    levels: tuple[Level, ...] = field(default_factory=tuple)

    def keys(self) -> list[str]:
        """Level keys by Splink's gamma value (the null level is -1, the last level 0)."""
        return [level.key for level in reversed(self.levels)]


def _eq(c: str) -> str:
    return f"{c}_l = {c}_r"


def _null(*columns: str) -> str:
    return " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)


NATIONAL_ID = Comparison(
    "national_id",
    _null("national_id"),
    (
        Level("exact", _eq("national_id"), m=0.99, u=1e-8),
        # Both valid and different: two people. The hard rule drops these pairs as well.
        Level("different", "ELSE", m=1e-12, u=1.0),
    ),
)

NAME = Comparison(
    "name",
    _null("first_name", "last_name"),
    (
        Level("exact", f"{_eq('first_name')} AND {_eq('last_name')}", m=0.72, u=5e-4),
        Level("swapped", "first_name_l = last_name_r AND last_name_l = first_name_r", m=0.04, u=1e-6),
        Level("first_exact_last_fuzzy", f"{_eq('first_name')} AND {_fuzzy('last_name')}", m=0.07, u=4e-5),
        Level("first_fuzzy_last_exact", f"{_eq('last_name')} AND {_fuzzy('first_name')}", m=0.09, u=2e-4),
        Level("both_fuzzy", f"{_fuzzy('first_name')} AND {_fuzzy('last_name')}", m=0.04, u=1e-5),
        Level(
            "swapped_fuzzy",
            f"{_cross_fuzzy('first_name', 'last_name')} AND {_cross_fuzzy('last_name', 'first_name')}",
            m=0.005,
            u=1e-6,
        ),
        Level("first_exact_last_different", _eq("first_name"), m=0.02, u=0.02),
        # The given names share nothing: siblings and twins. Fixed very low so that nothing else can merge them.
        Level("different", "ELSE", m=1e-6, u=0.96),
    ),
)

BIRTH_DATE = Comparison(
    "birth_date",
    _null("birth_date"),
    (
        Level("exact", _eq("birth_date"), m=0.87, u=5e-5),
        Level(
            "day_month_swapped",
            "year(birth_date_l) = year(birth_date_r) AND month(birth_date_l) = day(birth_date_r)"
            " AND day(birth_date_l) = month(birth_date_r)",
            m=0.04,
            u=2e-5,
        ),
        Level(
            "one_part_differs",
            "(year(birth_date_l) = year(birth_date_r))::int + (month(birth_date_l) = month(birth_date_r))::int"
            " + (day(birth_date_l) = day(birth_date_r))::int = 2",
            m=0.06,
            u=2e-3,
        ),
        Level("same_year", "year(birth_date_l) = year(birth_date_r)", m=0.01, u=0.012),
        Level("different", "ELSE", m=0.002, u=0.985),
    ),
)


def _parent(column: str) -> Comparison:
    return Comparison(
        column,
        _null(column),
        (
            Level("exact", _eq(column), m=0.9, u=0.01),
            Level("fuzzy", _fuzzy(column), m=0.07, u=3e-3),
            Level("different", "ELSE", m=0.03, u=0.97),
        ),
    )


# The district only: a neighbourhood is shared by a whole family, so on top of surname and parents it would
# count the family twice and lift siblings over the line.
ADDRESS = Comparison(
    "address",
    _null("district"),
    (
        Level("same_district", _eq("district"), m=0.85, u=0.01),
        Level("different", "ELSE", m=0.15, u=0.98),
    ),
)

PHONE = Comparison(
    "phone",
    _null("phone"),
    (
        Level("exact", _eq("phone"), m=0.75, u=1e-6),
        Level("different", "ELSE", m=0.25, u=1.0),
    ),
)

COMPARISONS = (NATIONAL_ID, NAME, BIRTH_DATE, _parent("father_name"), _parent("mother_name"), ADDRESS, PHONE)
COMPARED = ("national_id", "first_name", "last_name", "birth_date", "father_name", "mother_name", "district", "phone")

# Exact levels whose u is measured on an input of at least MEASURE_FROM rows: the share of pairs of records
# agreeing on the value(s). Below that the defaults above stand (a file of forty rows says nothing about
# how common a name is). Unique identifiers keep theirs (u = 1/N with N the population's size).
MEASURE_FROM = 20_000
MEASURED = {
    ("name", "exact"): ("first_name", "last_name"),
    ("birth_date", "exact"): ("birth_date",),
    ("father_name", "exact"): ("father_name",),
    ("mother_name", "exact"): ("mother_name",),
    ("address", "same_district"): ("district",),
}

# Pairs are only scored if they agree on all the columns of one of these keys (blocking). name_key is the two
# names sorted (a swap keeps it), skeleton_key the same without vowels (a dropped ı, ö or ü keeps it). Each
# key holds a birth date, a year or a rare value, so that a block stays small as the registry grows.
BLOCKING = (
    ("national_id",),
    ("phone",),
    ("skeleton_key", "birth_year"),
    ("birth_date", "last_name"),
    ("birth_date", "first_name"),
    ("birth_date", "father_name"),
    ("birth_date", "mother_name"),
    ("name_key", "district"),
)


def comparison_dicts(u_measured: dict[tuple[str, str], float]) -> list[dict]:
    """The comparisons as Splink settings, with every m and u fixed."""
    result = []
    for comparison in COMPARISONS:
        levels = [{"sql_condition": comparison.null_sql, "label_for_charts": "missing", "is_null_level": True}]
        for level in comparison.levels:
            u = u_measured.get((comparison.name, level.key), level.u)
            levels.append(
                {
                    "sql_condition": level.sql,
                    "label_for_charts": level.key,
                    "m_probability": level.m,
                    "u_probability": max(u, 1e-12),
                    "fix_m_probability": True,
                    "fix_u_probability": True,
                }
            )
        result.append({"output_column_name": comparison.name, "comparison_levels": levels})
    return result
