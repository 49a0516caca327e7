"""Incomes. Declared incomes are what the registry sees (INCOMES); informal work and under-declared
self-employment stay hidden (`IncomeRows.informal`) and only reach the households' `true_*` columns, with the
rest of the hidden income, through refah.synth.generate.truth.
Figures and sources: docs/synthetic.md ("Incomes").
"""

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli, lognormal_factor

NMW = 2_210_467  # net minimum wage 2025-01, kuruş (22,104.67 TL)
MIN_PENSION = 1_688_100  # lowest SGK pension 2025-07, kuruş (16,881 TL; approximation)
LAW_2022_ELDERLY = 539_000  # Law 2022 old-age pension 2025-07 (5,390 TL)
LAW_2022_DISABLED = (430_200, 645_400)  # Law 2022 disability pension 2025-07 by rate (40–69 %, ≥ 70 %)


class IncomeRows:
    """Collects declared income rows (person index, kind, monthly kuruş) and hidden informal amounts."""

    def __init__(self, n_persons: int):
        self.person: list[np.ndarray] = []
        self.kind: list[np.ndarray] = []
        self.amount: list[np.ndarray] = []
        self.informal = np.zeros(n_persons)

    def add(self, who: np.ndarray, kind: int | np.ndarray, amount: np.ndarray) -> None:
        idx = np.flatnonzero(who)
        self.person.append(idx)
        self.kind.append(np.broadcast_to(np.asarray(kind, dtype=np.int8), who.shape)[idx])
        self.amount.append(np.round(amount[idx]).astype(np.int64))

    def declared_by_household(self, p: dict, n_households: int) -> np.ndarray:
        person = np.concatenate(self.person)
        return np.bincount(p["h"][person], np.concatenate(self.amount), minlength=n_households)

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        person = np.concatenate(self.person)
        order = np.argsort(person, kind="stable")  # persons are in household order
        return person[order], np.concatenate(self.kind)[order], np.concatenate(self.amount)[order]


def draw_work_incomes(rng: np.random.Generator, hh: dict, p: dict, rows: IncomeRows) -> None:
    """Wages, self-employment and farming, informal work, pensions."""
    emp, n = p["employment"], len(p["employment"])
    z = hh["disadvantage"][p["h"]]
    wage = NMW * lognormal_factor(rng, 0.15 - 0.1 * z, 0.45, n) * np.where(p["education"] == C.HIGHER_EDU, 1.4, 1)
    wage = np.where((wage < NMW) & bernoulli(rng, 0.8, n), NMW, wage)  # most low earners are paid exactly the NMW
    rows.add(emp == C.E_FORMAL, C.I_WAGE, wage)
    rows.add(emp == C.E_CIVIL, C.I_WAGE, NMW * rng.uniform(1.7, 3.0, n))
    farmer = (emp == C.E_SELF) & hh["rural"][p["h"]]
    true_self = NMW * np.where(
        farmer, lognormal_factor(rng, -0.5, 0.6, n), lognormal_factor(rng, -0.05 - 0.1 * z, 0.6, n)
    )
    declared_self = true_self * rng.uniform(0.4, 1.0, n)
    rows.add(emp == C.E_SELF, np.where(farmer, C.I_AGRICULTURE, C.I_SELF), declared_self)
    hidden_self = np.where(emp == C.E_SELF, true_self - np.round(declared_self), 0)
    informal = NMW * lognormal_factor(rng, -0.35 - 0.1 * z, 0.4, n)
    day_labour = (emp == C.E_UNEMPLOYED) & bernoulli(rng, 0.15, n)
    rows.informal += hidden_self + np.where(emp == C.E_INFORMAL, informal, 0) + np.where(day_labour, 0.3 * informal, 0)
    pension = MIN_PENSION * np.maximum(1.0, lognormal_factor(rng, 0.2, 0.35, n))
    rows.add(emp == C.E_RETIRED, C.I_PENSION, pension)
    rows.add(p["survivor"], C.I_PENSION, MIN_PENSION * np.maximum(1.0, lognormal_factor(rng, 0.0, 0.2, n)))


def draw_transfer_incomes(rng: np.random.Generator, hh: dict, p: dict, rows: IncomeRows) -> None:
    """Law 2022 pensions, alimony and other aid, which depend on the household's declared income."""
    h, age, n = p["h"], p["age"], len(p["h"])
    per_capita = (rows.declared_by_household(p, len(hh["size"])) / hh["size"])[h]
    poor = per_capita < NMW / 3
    uninsured = p["social_security"] == C.SS_NONE
    elderly = poor & uninsured & (age >= 65) & bernoulli(rng, 0.6, n)
    rows.add(elderly, C.I_OTHER_AID, np.full(n, LAW_2022_ELDERLY))
    disabled = poor & uninsured & ~elderly & (age >= 18) & (p["disability"] >= 40) & bernoulli(rng, 0.5, n)
    rows.add(disabled, C.I_OTHER_AID, np.where(p["disability"] >= 70, *LAW_2022_DISABLED[::-1]))
    divorced_mother = (p["role"] == C.REFERENCE) & (p["marital"] == C.DIVORCED) & (p["sex"] == C.FEMALE)
    divorced_mother &= (hh["children"][h] > 0) & bernoulli(rng, 0.3, n)
    rows.add(divorced_mother, C.I_ALIMONY, NMW * rng.uniform(0.1, 0.3, n))
    aided = poor & (p["role"] == C.REFERENCE) & bernoulli(rng, 0.06, n)
    rows.add(aided, C.I_OTHER_AID, rng.uniform(150_000, 400_000, n))
