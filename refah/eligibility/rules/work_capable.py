"""Who can work: members 18–55, not disabled ≥ 40 %, not the carer of a care-dependent member, not in education,
not pregnant nor the mother of a baby under one. An assessment, not a benefit: the employment app refers to
İŞKUR only the members it finds able to work, and the reasons say why another one is not."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, result, value_test
from refah.eligibility.context import Context

CODE = "work_capable"
LABEL = {"tr": "Çalışabilir Durumda", "en": "Able to Work"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Sosyal yardım yararlanıcılarının istihdamla ilişkilendirilmesi, 3294 sayılı Kanun ve "
    "Aile ve Sosyal Hizmetler Bakanlığı–İŞKUR işbirliği protokolü",
    "en": "Linking social assistance beneficiaries with employment, Law 3294 and the Ministry of Family and "
    "Social Services–İŞKUR cooperation protocol",
}
NOTE = "age band, disability rate and the baby's age are dated parameters; 'carer' and 'mother' are Refah readings"
REFERENCE = SOURCE["tr"]
UNIT = "persons"
FREQUENCIES = ()
STUDYING = ("primary", "lower_secondary", "upper_secondary", "higher")


def carers(ctx: Context) -> np.ndarray:
    """bool[P]: the carer of each household with a fully care-dependent member — the adult member, not dependent
    themself, a woman reference person or spouse first, then the eldest adult woman, then the reference person or
    spouse, then the eldest adult (Refah reading: the registry names no carer)."""
    dependent = ctx.is_code("dependency", "full")
    able = (ctx.age >= 18) & ~dependent
    couple = ctx.is_code("role", "reference", "spouse")
    rank = np.select([able & ctx.female & couple, able & ctx.female, able & couple, able], [1, 2, 3, 4], 9)
    row = ctx.member_by_rank(rank)
    chosen = (row >= 0) & ctx.hh_any(dependent)
    chosen[chosen] &= rank[row[chosen]] < 9
    carer = np.zeros(ctx.batch.n_persons, bool)
    carer[row[chosen]] = True
    return carer


def mothers_of_babies(ctx: Context) -> np.ndarray:
    """bool[P]: the mother of each household with a baby younger than the parameter's months — the woman a benefit
    "paid to the mother" goes to (Context.woman_recipient; Refah reading: the registry names no parents)."""
    baby = (ctx.age_months >= 0) & (ctx.age_months < ctx.P(f"{CODE}.baby_age_months"))
    row = ctx.woman_recipient
    chosen = (row >= 0) & ctx.hh_any(baby)
    mother = np.zeros(ctx.batch.n_persons, bool)
    mother[row[chosen]] = True
    return mother & ctx.female


def evaluate(ctx: Context) -> object:
    """Per member: every condition holds; the household qualifies when one of its members can work."""
    age = {"tr": "yaş", "en": "age"}
    conditions = [
        value_test(f"{CODE}.min_age", age, ctx.age, ">=", ctx.P(f"{CODE}.min_age"), kind="years", level="person"),
        value_test(f"{CODE}.max_age", age, ctx.age, "<=", ctx.P(f"{CODE}.max_age"), kind="years", level="person"),
        value_test(
            f"{CODE}.disability",
            {"tr": "engellilik oranı", "en": "disability rate"},
            ctx.person("disability_percent"),
            "<",
            ctx.P(f"{CODE}.disability_percent"),
            kind="percent",
            level="person",
        ),
        flag_test(
            f"{CODE}.carer",
            {"tr": "bakıma muhtaç hane üyesinin bakımını üstlenen", "en": "carer of a care-dependent member"},
            carers(ctx),
            False,
            level="person",
        ),
        flag_test(
            f"{CODE}.education",
            {"tr": "öğrenim görüyor", "en": "in education"},
            ctx.is_code("school_level", *STUDYING) | ctx.is_code("employment_status", "student"),
            False,
            level="person",
        ),
        flag_test(f"{CODE}.pregnant", {"tr": "gebe", "en": "pregnant"}, ctx.person("pregnant") & ctx.female, False,
                  level="person"),
        flag_test(
            f"{CODE}.baby",
            {"tr": "bir yaşından küçük bebeğin annesi", "en": "mother of a baby under one"},
            mothers_of_babies(ctx),
            False,
            level="person",
        ),
    ]  # fmt: skip
    capable = np.ones(ctx.batch.n_persons, bool)
    for condition in conditions:
        capable &= condition.passed
    return result(sys.modules[__name__], ctx, ctx.hh_any(capable), {}, conditions, beneficiaries=capable)
