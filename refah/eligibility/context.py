"""The evaluation context: a batch, a period, the parameters in force, and derived variables.

Rules read inputs through `person()` / `household()` (absent input → MissingInputError) and
shared derived variables (age, household size and income, the woman a benefit is paid to…),
computed once per batch and cached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np

from refah.eligibility.entities import Batch, code
from refah.eligibility.errors import MissingInputError, ParameterNotInForce
from refah.eligibility.params import ParameterSet

SCHOOL_FORMAL = ("primary", "lower_secondary", "upper_secondary")


class Context:
    """Everything a rule may read for one batch and one period."""

    def __init__(self, batch: Batch, period: dt.date, params: ParameterSet, resolve: Callable[[str], Any]):
        self.batch = batch
        self.period = period
        self.P = params
        self._resolve = resolve  # evaluates another program or the need score on demand
        self.ph = batch.person_household
        self.H = batch.n_households

    def close(self) -> None:
        """Forget the resolver and the cached derived arrays (called when the evaluation is done)."""
        self._resolve = None
        self.__dict__.clear()

    # --- inputs ---------------------------------------------------------------------------------

    def person(self, name: str) -> np.ndarray:
        try:
            return self.batch.persons[name]
        except KeyError:
            raise MissingInputError("monthly_income" if name == "income" else name, "members") from None

    def household(self, name: str) -> np.ndarray:
        try:
            return self.batch.households[name]
        except KeyError:
            raise MissingInputError(name, "household") from None

    def is_code(self, name: str, *values: str) -> np.ndarray:
        """Persons whose code column `name` is one of `values`."""
        column = self.person(name)
        mask = column == code(name, values[0])
        for value in values[1:]:
            mask |= column == code(name, value)
        return mask

    def program(self, code_: str) -> Any:
        """The result of another program (or "need_score"), evaluated once."""
        return self._resolve(code_)

    # --- aggregation ----------------------------------------------------------------------------

    def hh_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum per household (exact for int64 below 2**53)."""
        return self.batch.segment_sum(values)

    def hh_any(self, mask: np.ndarray) -> np.ndarray:
        return self.batch.segment_sum(mask) > 0

    def hh_count(self, mask: np.ndarray) -> np.ndarray:
        return self.batch.segment_sum(mask)

    def to_persons(self, household_values: np.ndarray) -> np.ndarray:
        return household_values[self.ph]

    # --- derived variables ---------------------------------------------------------------------

    @cached_property
    def _birth_parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        birth = self.person("birth_date")
        months = birth.astype("datetime64[M]")
        year = months.astype("datetime64[Y]").astype(np.int32) + 1970
        month = months.astype(np.int32) % 12 + 1
        day = (birth - months.astype("datetime64[D]")).astype(np.int32) + 1
        return year, month, day

    @cached_property
    def age_months(self) -> np.ndarray:
        """Completed months of age on the period's first day (negative: not yet born)."""
        year, month, day = self._birth_parts
        months = (self.period.year - year) * 12 + (self.period.month - month)
        return months - (self.period.day < day)

    @cached_property
    def age(self) -> np.ndarray:
        """Completed years of age on the period's first day."""
        return self.age_months // 12

    @cached_property
    def hh_size(self) -> np.ndarray:
        return self.batch.sizes

    @cached_property
    def income(self) -> np.ndarray:
        """Declared monthly income per person (kuruş; social aid received does not count)."""
        return self.person("income")

    @cached_property
    def other_aid_counted(self) -> np.ndarray | None:
        """Other givers' aid a month per household when `other_aid.counts_as_income` holds on the period, else
        None (see other_aid.py)."""
        try:
            counted = self.P("other_aid.counts_as_income")
        except ParameterNotInForce:
            return None
        return self.household("other_aid") if counted else None

    @cached_property
    def hh_income(self) -> np.ndarray:
        """Household income: the members' counted incomes, plus other givers' aid when the rules count it."""
        own = self.hh_sum(self.income)
        return own if self.other_aid_counted is None else own + self.other_aid_counted

    @cached_property
    def insured(self) -> np.ndarray:
        """Person has own social security (working insured or SGK pensioner)."""
        return self.person("social_security") != code("social_security", "none")

    @cached_property
    def hh_insured(self) -> np.ndarray:
        return self.hh_any(self.insured)

    @cached_property
    def is_child(self) -> np.ndarray:
        return self.age < 18

    def is_child_under(self, years: int) -> np.ndarray:
        return self.age < years

    @cached_property
    def hh_children(self) -> np.ndarray:
        return self.hh_count(self.is_child)

    @cached_property
    def female(self) -> np.ndarray:
        return self.person("sex") == code("sex", "F")

    @cached_property
    def woman_recipient(self) -> np.ndarray:
        """int64[H]: the person row a benefit "paid to the woman / mother" goes to.

        The reference person if an adult woman, else the spouse if an adult woman, else the eldest adult
        woman, else the reference person (a father alone), else the eldest member.
        """
        role, adult_woman = self.person("role"), self.female & (self.age >= 18)
        return self._first_by_rank(
            np.select(
                [
                    adult_woman & (role == code("role", "reference")),
                    adult_woman & (role == code("role", "spouse")),
                    adult_woman,
                    role == code("role", "reference"),
                ],
                [1, 2, 3, 4],
                9,
            )
        )

    @cached_property
    def reference_recipient(self) -> np.ndarray:
        """int64[H]: the person row a benefit "paid to the reference person" goes to.

        The reference person, else an adult spouse, else the eldest adult, else the eldest member.
        """
        role, adult = self.person("role"), self.age >= 18
        reference, spouse = role == code("role", "reference"), role == code("role", "spouse")
        return self._first_by_rank(np.select([reference, adult & spouse, adult], [1, 2, 3], 9))

    def recipient(self, kind: str) -> np.ndarray:
        """int64[H]: the person row a benefit is paid to, by the program's declared kind ("woman", "reference")."""
        return {"woman": self.woman_recipient, "reference": self.reference_recipient}[kind]

    def member_by_rank(self, rank: np.ndarray) -> np.ndarray:
        """int64[H]: per household, the member of the smallest `rank` (the eldest among equals); -1 for none."""
        return self._first_by_rank(rank)

    def _first_by_rank(self, rank: np.ndarray) -> np.ndarray:
        """int64[H]: per household, the member of the smallest rank, the eldest among equals, then the first row
        (members are in birth date, then person id order, so: the earliest born, then the smallest id); -1 for
        none."""
        # one key: rank first, then the eldest (age in months < 2**20); the household's smallest key wins
        key = (rank.astype(np.int64) << 20) - np.clip(self.age_months, 0, (1 << 20) - 1)
        best = self.batch.reduce(np.minimum, key, np.iinfo(np.int64).max)
        rows = np.flatnonzero(key == best[self.ph])
        first = np.ones(len(rows), bool)
        first[1:] = self.ph[rows][1:] != self.ph[rows][:-1]
        recipient = np.full(self.H, -1, np.int64)
        recipient[self.ph[rows[first]]] = rows[first]
        return recipient

    @cached_property
    def nmw(self) -> int:
        """Net minimum wage in force (kuruş/month)."""
        return self.P("common.net_minimum_wage")
