"""School and work: school level, grade and absences by age; employment status, social security and
health insurance consistent with age, sex, education and the household. Sources: docs/synthetic.md.
"""

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli, choose
from refah.synth.generate.persons import EMP_F, EMP_M


def draw_school(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Pre-school at 5, grades 1–12 from age 6 (some a year behind), some out of school; absences."""
    age, h, n = p["age"], p["h"], len(p["age"])
    east, z = hh["east"][h], hh["disadvantage"][h]
    foreign = hh["nationality"][h] != C.TR
    grade = age - 5 - bernoulli(rng, 0.04, n)
    level = np.digitize(grade, [1, 5, 9, 13]) + C.S_PRESCHOOL  # preschool, primary, lower, upper, (beyond)
    p_out = np.select([level == C.S_PRIMARY, level == C.S_LOWER], [0.01, 0.03 + 0.05 * east], 0.10 + 0.15 * east)
    p_out = p_out + 0.06 * ((p["sex"] == C.FEMALE) & (east > 0.5)) + 0.25 * foreign + 0.04 * np.maximum(z - 1, 0)
    school_age = (age >= 6) & (age <= 17)
    out = school_age & bernoulli(rng, p_out, n)
    preschool = (age == 5) & bernoulli(rng, 0.78 - 0.3 * east, n)
    enrolled = (school_age & ~out) | preschool
    p["school"] = np.select(
        [preschool, school_age & out, school_age], [C.S_PRESCHOOL, C.S_OUT, np.minimum(level, C.S_UPPER)], C.S_NONE
    ).astype(np.int8)
    p["grade_valid"] = school_age & ~out & (grade >= 1)
    p["grade"] = np.clip(grade, 1, 12).astype(np.int8)
    p_present = np.clip(0.5 - 0.07 * z, 0.3, 0.6)
    p["absence"] = np.minimum(rng.negative_binomial(1, p_present), 22).astype(np.int8)
    p["enrolled"] = enrolled


def draw_employment(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Status from age, sex, education, rural/east and the household's disadvantage."""
    age, h, n = p["age"], p["h"], len(p["age"])
    z, rural = hh["disadvantage"][h], hh["rural"][h]
    foreign = hh["nationality"][h] != C.TR
    band = np.digitize(age, [18, 25, 50, 65])
    w = np.where((p["sex"] == C.FEMALE)[:, None], EMP_F[band], EMP_M[band])
    higher, low_edu = p["education"] == C.HIGHER_EDU, p["education"] <= C.PRIMARY_EDU
    factors = {
        C.E_FORMAL: np.exp(-0.5 * z) * np.where(higher, 1.5, 1.0) * np.where(foreign, 0.15, 1.0),
        C.E_CIVIL: np.exp(-0.5 * z) * np.where(higher, 3.0, np.where(low_edu, 0.2, 1.0)) * ~foreign,
        C.E_INFORMAL: np.exp(0.4 * z) * np.where(higher, 0.5, 1.0) * np.where(foreign, 3.0, 1.0),
        C.E_UNEMPLOYED: np.exp(0.4 * z),
        C.E_SELF: np.where(rural, 3.0, 1.0),
        C.E_HOMEMAKER: np.where(higher, 0.4, 1.0),
        C.E_RETIRED: ~foreign,
        C.E_UNABLE: np.where(p["disability"] >= 40, 4.0, 1.0),
    }
    for column, factor in factors.items():
        w[:, column] = w[:, column] * factor
    w[:, C.E_INFORMAL] += 1e-6  # never an all-zero row
    status = choose(rng, w)
    student = (age >= 18) & (age <= 24) & bernoulli(rng, 0.42 - 0.15 * hh["east"][h], n)
    status = np.where((age >= 15) & (age <= 17) & p["enrolled"], C.E_STUDENT, status)
    status = np.where(student, C.E_STUDENT, status)
    status = np.where(p["dependency"] == C.DEP_FULL, C.E_UNABLE, status)
    p["employment"] = np.where(age < 15, C.E_CHILD, status).astype(np.int8)
    p["school"] = np.where(student & (p["employment"] == C.E_STUDENT), C.S_HIGHER, p["school"]).astype(np.int8)


def draw_social_security(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Active if formally employed (and most self-employed), pensioner if retired or a survivor."""
    emp, n = p["employment"], len(p["employment"])
    foreign = hh["nationality"][p["h"]] != C.TR
    active = (emp == C.E_FORMAL) | (emp == C.E_CIVIL) | ((emp == C.E_SELF) & bernoulli(rng, 0.6, n) & ~foreign)
    survivor = (p["marital"] == C.WIDOWED) & (p["sex"] == C.FEMALE) & (p["age"] >= 40) & ~foreign
    survivor &= (emp == C.E_HOMEMAKER) | (emp == C.E_UNABLE)
    survivor &= bernoulli(rng, 0.55, n)
    pensioner = (emp == C.E_RETIRED) | survivor
    p["survivor"] = survivor
    p["social_security"] = np.select([active, pensioner], [C.SS_ACTIVE, C.SS_PENSIONER], C.SS_NONE).astype(np.int8)


def draw_health_insurance(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Own SGK cover, else as a dependant of an insured member, else general health insurance (GSS)."""
    h, role, age, n = p["h"], p["role"], p["age"], len(p["h"])
    own = p["social_security"] != C.SS_NONE
    household_insured = np.maximum.reduceat(own.astype(np.int8), p["start"])[h] > 0
    child_dependent = (role == C.CHILD) & ((age < 18) | ((age < 25) & (p["employment"] == C.E_STUDENT)))
    child_dependent |= (role == C.CHILD) & (p["sex"] == C.FEMALE) & (p["marital"] == C.SINGLE)
    dependant = household_insured & ((role == C.SPOUSE) | (role == C.PARENT) | child_dependent)
    no_number = p["id_kind"] == C.ID_INTERNAL
    other = choose(rng, np.tile([0.0, 0.0, 0.94, 0.01, 0.05], (n, 1)))
    other = np.where(no_number & (rng.random(n) < 0.5), C.H_NONE, other)
    p["health"] = np.select([own, dependant], [C.H_INSURED, C.H_DEPENDENT], other).astype(np.int8)
